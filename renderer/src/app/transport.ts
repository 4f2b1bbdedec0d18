import { connect, type Client, type Port } from '../../../electron/shared/rpc';

type Bridge = {
  requestCorePort(): void;
  /** the desktop app: a click on an OS notification asks to open a deal; returns the unsubscribe */
  onOpenDeal?(open: (opportunityId: number) => void): () => void;
  /** the desktop app: a stored document opened with the system's application */
  openDocument?(hash: string, name: string): void;
  /** the desktop app: core has gone (it restarts); returns the unsubscribe */
  onCoreDown?(down: () => void): () => void;
  /** the desktop app: a deal in a window of its own */
  openDealWindow?(opportunityId: number): void;
  /** the desktop app: the system shows the folder of a file the app wrote */
  reveal?(path: string): void;
  checkUpdates?(): void;
  installUpdate?(): void;
  /** the desktop app's menu: a screen to go to, a command to run; an update's progress (each returns the unsubscribe) */
  onNavigate?(go: (hash: string) => void): () => void;
  onCommand?(run: (command: string) => void): () => void;
  onUpdate?(show: (status: unknown) => void): () => void;
};
declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmenting a global needs an interface
  interface Window {
    comptoir?: Bridge;
  }
}

/**
 * Why the connection ended: core restarts (on a restored file, after a crash) and a new one is to be
 * had at once — or the service itself is gone (the web host stopped).
 */
export type Down = 'restart' | 'lost';
/** The WebSocket close code of a service restarting (RFC 6455 1012), as the web host sends it. */
const SERVICE_RESTART = 1012;

/** In Electron: the MessagePort to core that preload hands over; it counts as closed when main says core has gone (main starts it again). */
function electronPort(bridge: Bridge, onDown: (why: Down) => void): Promise<Port> {
  const closed = new Set<() => void>();
  const off = bridge.onCoreDown?.(() => {
    off?.();
    for (const h of closed) h();
    onDown('restart');
  });
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window || event.data !== 'comptoir:core-port' || !event.ports[0]) return;
      window.removeEventListener('message', onMessage);
      const port = event.ports[0];
      port.start();
      resolve({
        send: (m) => port.postMessage(m),
        onMessage: (h) => {
          const l = (e: MessageEvent) => h(e.data);
          port.addEventListener('message', l);
          return () => port.removeEventListener('message', l);
        },
        onClose: (h) => {
          closed.add(h);
          return () => closed.delete(h);
        },
      });
    };
    window.addEventListener('message', onMessage);
    bridge.requestCorePort();
  });
}

/** In the web host: a WebSocket beside the page, under the same token path. */
function webSocketPort(onDown: (why: Down) => void): Promise<Port> {
  const url = new URL('rpc', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    ws.addEventListener('open', () =>
      resolve({
        send: (m) => {
          // a call after the connection closed fails at once as « unavailable » (the browser would only log it)
          if (ws.readyState !== WebSocket.OPEN) throw new Error('the connection to the service is closed');
          ws.send(JSON.stringify(m));
        },
        onMessage: (h) => {
          const l = (e: MessageEvent<string>) => h(JSON.parse(e.data));
          ws.addEventListener('message', l);
          return () => ws.removeEventListener('message', l);
        },
        onClose: (h) => {
          ws.addEventListener('close', h);
          return () => ws.removeEventListener('close', h);
        },
      }),
    );
    ws.addEventListener('error', () => reject(new Error(`Cannot reach Comptoir at ${url.host}`)));
    ws.addEventListener('close', (e) => onDown(e.code === SERVICE_RESTART ? 'restart' : 'lost'));
  });
}

export async function connectToCore(onDown: (why: Down) => void): Promise<Client> {
  const port = window.comptoir ? await electronPort(window.comptoir, onDown) : await webSocketPort(onDown);
  return connect(port);
}
