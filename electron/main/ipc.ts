import { ipcMain, shell, type IpcMainEvent } from 'electron';
import { isAbsolute, relative } from 'node:path';
import { isTrustedSender } from './security';

export type IpcActions = {
  requestPort: (event: IpcMainEvent) => void;
  openDocument: (hash: string, name: string) => void;
  openDealWindow: (opportunityId: number) => void;
  checkUpdates: () => void;
  installUpdate: () => void;
  /** the folder a file may be shown from (the diagnostics'); anything else is refused */
  revealable: string;
};

/** A path inside `folder` (never `..` out of it, never another drive). */
export function isInside(folder: string, path: string): boolean {
  const r = relative(folder, path);
  return r !== '' && !r.startsWith('..') && !isAbsolute(r);
}

/** What a window may ask of main: each message checked to come from our own page, its arguments checked before anything is done. */
export function listen(a: IpcActions, log: (m: string) => void): void {
  const trusted = (event: IpcMainEvent) => {
    if (isTrustedSender(event.senderFrame)) return true;
    log(`refused a message from ${event.senderFrame?.url ?? 'unknown'}`);
    return false;
  };
  ipcMain.on('comptoir:request-port', (event) => trusted(event) && a.requestPort(event));
  ipcMain.on('comptoir:open-document', (event, hash: unknown, name: unknown) => {
    if (trusted(event) && typeof hash === 'string' && typeof name === 'string') a.openDocument(hash, name);
  });
  ipcMain.on('comptoir:open-deal-window', (event, id: unknown) => {
    if (trusted(event) && typeof id === 'number' && Number.isInteger(id) && id > 0) a.openDealWindow(id);
  });
  ipcMain.on('comptoir:check-updates', (event) => trusted(event) && a.checkUpdates());
  ipcMain.on('comptoir:install-update', (event) => trusted(event) && a.installUpdate());
  ipcMain.on('comptoir:reveal', (event, path: unknown) => {
    if (trusted(event) && typeof path === 'string' && isInside(a.revealable, path)) shell.showItemInFolder(path);
  });
}
