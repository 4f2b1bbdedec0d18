import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

/**
 * Hands the renderer its MessagePort to core, and what main tells the window: a deal to open (a
 * click on a notification), a screen to go to (the menu), a command (the menu's diagnostic), an
 * update's progress, core gone and restarting. contextBridge cannot carry ports, so the port goes
 * through window.postMessage to our own origin. Only plain values cross, each checked again by
 * main on the way back.
 */
let requested = false;

ipcRenderer.on('comptoir:core-port', (event) => {
  const [port] = event.ports;
  if (!port || !requested) return;
  requested = false;
  window.postMessage('comptoir:core-port', window.location.origin, [port]);
});

/** A listener on one of main's channels, the value passed on only when `accept` says it is one; returns the unsubscribe. */
function on<T>(channel: string, accept: (v: unknown) => v is T, handle: (v: T) => void): () => void {
  const listener = (_event: IpcRendererEvent, v: unknown) => {
    if (accept(v)) handle(v);
  };
  ipcRenderer.on(channel, listener);
  return () => ipcRenderer.removeListener(channel, listener);
}
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length < 300;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const anything = (_v: unknown): _v is undefined => true;

contextBridge.exposeInMainWorld('comptoir', {
  requestCorePort: () => {
    requested = true;
    ipcRenderer.send('comptoir:request-port');
  },
  /** a stored document opened with the system's application (main checks the hash and the name's type) */
  openDocument: (hash: string, name: string) => ipcRenderer.send('comptoir:open-document', String(hash), String(name)),
  /** a deal in a window of its own */
  openDealWindow: (opportunityId: number) => ipcRenderer.send('comptoir:open-deal-window', Number(opportunityId)),
  /** the folder of a file the app wrote (a diagnostic), shown by the system */
  reveal: (path: string) => ipcRenderer.send('comptoir:reveal', String(path)),
  checkUpdates: () => ipcRenderer.send('comptoir:check-updates'),
  installUpdate: () => ipcRenderer.send('comptoir:install-update'),
  onOpenDeal: (open: (opportunityId: number) => void) => on('comptoir:open-deal', isId, open),
  onNavigate: (go: (hash: string) => void) => on('comptoir:navigate', isText, go),
  onCommand: (run: (command: string) => void) => on('comptoir:command', isText, run),
  onUpdate: (show: (status: Record<string, unknown>) => void) => on('comptoir:update', isObject, show),
  onCoreDown: (down: () => void) => on('comptoir:core-down', anything, () => down()),
});
