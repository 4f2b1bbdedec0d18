import { app, BrowserWindow, ipcMain, session } from 'electron';
import { superviseConnector } from './connector-process';
import { superviseCore, type CoreSupervisor } from './core-process';
import { secretVault } from './credentials';
import { appPaths } from './paths';
import { registerAppScheme, serveRenderer } from './protocol';
import { denyPermissions, isTrustedSender } from './security';
import { createMainWindow } from './window';
import { showReminder } from './notifications';
import { openDocument } from './documents';

/** Electron main: windows, security and the port broker. It never touches data (DESIGN.md §5). */
const log = (message: string) => process.stderr.write(`[main] ${message}\n`);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let core: CoreSupervisor | null = null;
  let connector: { stop(): void } | null = null;

  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  void app.whenReady().then(() => {
    const paths = appPaths();
    denyPermissions(session.defaultSession);
    serveRenderer(paths.renderer, paths.documents);
    const vaults = { erp: secretVault(paths.erpSecret, log), team: secretVault(paths.teamSession, log, 'team session') };
    const vault = vaults.erp;
    core = superviseCore({
      entry: paths.coreEntry,
      env: {
        COMPTOIR_DB_PATH: paths.database,
        COMPTOIR_MIGRATIONS: paths.migrations,
        COMPTOIR_CAN_STORE_SECRET: vault.canStore() ? '1' : '0',
        ...(paths.nativeBinding ? { COMPTOIR_NATIVE_BINDING: paths.nativeBinding } : {}),
      },
      log,
      secret: (name) => vaults[name].load(),
      storeSecret: (name, secret) => void vaults[name].save(secret),
      onReminder: (r) => void showReminder(r),
    });
    connector = superviseConnector({ entry: paths.connectorEntry, link: (port) => core?.connectConnector(port), log });
    ipcMain.on('comptoir:open-document', (event, hash: unknown, name: unknown) => {
      if (!isTrustedSender(event.senderFrame) || typeof hash !== 'string' || typeof name !== 'string') return;
      void openDocument(paths.documents, hash, name).then((failed) => failed && log(`could not open a document: ${failed}`));
    });
    ipcMain.on('comptoir:request-port', (event) => {
      if (!isTrustedSender(event.senderFrame)) return log(`refused a port request from ${event.senderFrame?.url ?? 'unknown'}`);
      core?.connect(event.sender);
    });
    createMainWindow(paths.preload);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(paths.preload);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    connector?.stop();
    core?.stop();
  });
}
