import { contextBridge, ipcRenderer } from 'electron';

/**
 * Hands the renderer its MessagePort to core, and nothing else. contextBridge cannot carry
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
});
