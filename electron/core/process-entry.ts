import type { Port } from '../shared/rpc';
import { startCore } from './core';
import { createLogger } from './log';

/**
 * Core as its own process: an Electron utilityProcess. Main sends `{type: 'connect'}` with a
 * MessagePort for each renderer (and, later, for the connector); core serves the contract on it.
 */
type MainPort = {
  postMessage(message: unknown): void;
  on(event: 'message' | 'close', l: (e: { data: unknown }) => void): void;
  start(): void;
  close(): void;
};
type ParentPort = { on(event: 'message', listener: (e: { data: unknown; ports: MainPort[] }) => void): void; postMessage(m: unknown): void };

const log = createLogger('core');
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  log.error('core must run as a utility process');
  process.exit(1);
}

const dbPath = process.env.COMPTOIR_DB_PATH;
if (!dbPath) {
  log.error('COMPTOIR_DB_PATH is not set');
  process.exit(1);
}

const core = startCore({
  dbPath,
  migrationsFolder: process.env.COMPTOIR_MIGRATIONS,
  nativeBinding: process.env.COMPTOIR_NATIVE_BINDING,
  demo: 'default',
  log,
  // main keeps the ERP secret encrypted (safeStorage); core only holds it in memory for the connector
  secrets: {
    canStore: process.env.COMPTOIR_CAN_STORE_SECRET === '1',
    persist: (secret) => parentPort.postMessage({ type: 'store-secret', secret }),
    env: process.env,
  },
});

function messagePort(port: MainPort): Port {
  const handlers = new Set<(m: unknown) => void>();
  const closers = new Set<() => void>();
  port.on('message', (e) => handlers.forEach((h) => h(e.data)));
  port.on('close', () => closers.forEach((h) => h()));
  port.start();
  return {
    send: (m) => port.postMessage(m),
    onMessage: (h) => (handlers.add(h), () => handlers.delete(h)),
    onClose: (h) => (closers.add(h), () => closers.delete(h)),
  };
}

parentPort.on('message', (e) => {
  const port = e.ports[0];
  const m = e.data as { type?: string; secret?: unknown };
  if (m.type === 'connect' && port) core.serve(messagePort(port));
  if (m.type === 'connector' && port) core.serveConnector(messagePort(port));
  if (m.type === 'secret' && typeof m.secret === 'string') core.link.useSecret(m.secret);
});

const stop = () => {
  core.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
