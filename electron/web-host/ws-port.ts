import type { WebSocket } from 'ws';
import type { Port } from '../shared/rpc';

/** A WebSocket as an RPC port: JSON text frames both ways. */
export function wsPort(ws: WebSocket, onBadFrame: (reason: string) => void): Port {
  return {
    send: (message) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    },
    onMessage: (handler) => {
      const listener = (data: Buffer, isBinary: boolean) => {
        if (isBinary) return onBadFrame('binary frame');
        try {
          handler(JSON.parse(data.toString('utf8')));
        } catch {
          onBadFrame('not JSON');
        }
      };
      ws.on('message', listener);
      return () => ws.off('message', listener);
    },
    onClose: (handler) => {
      ws.on('close', handler);
      return () => ws.off('close', handler);
    },
  };
}
