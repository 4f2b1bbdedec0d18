import { contextBridge, ipcRenderer } from 'electron';

/**
 * Hands the renderer its MessagePort to core, and the deals a click on a notification opens. contextBridge cannot carry
 * ports, so the port goes through window.postMessage to our own origin.
 */
let requested = false;

ipcRenderer.on('comptoir:core-port', (event) => {
  const [port] = event.ports;
  if (!port || !requested) return;
  requested = false;
  window.postMessage('comptoir:core-port', window.location.origin, [port]);
});

contextBridge.exposeInMainWorld('comptoir', {
  requestCorePort: () => {
    requested = true;
    ipcRenderer.send('comptoir:request-port');
  },
  /** a stored document opened with the system's application (main checks the hash and the name's type) */
  openDocument: (hash: string, name: string) => ipcRenderer.send('comptoir:open-document', String(hash), String(name)),
  /** a click on a reminder's OS notification: the deal to open (only its number crosses) */
  onOpenDeal: (open: (opportunityId: number) => void) => {
    const listener = (_event: unknown, id: unknown) => {
      if (typeof id === 'number' && Number.isInteger(id) && id > 0) open(id);
    };
    ipcRenderer.on('comptoir:open-deal', listener);
    return () => ipcRenderer.removeListener('comptoir:open-deal', listener);
  },
});
