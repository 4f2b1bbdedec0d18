import { fromMainPort, type MainPortLike } from '../shared/rpc';
import { startCore } from './core';
import { createLogger } from '../shared/log';

/**
 * Core as its own process: an Electron utilityProcess. Main sends `{type: 'connect'}` with a
 * MessagePort for each renderer, `{type: 'connector'}` with the connector's; core serves the contract on it.
 */
type ParentPort = { on(event: 'message', listener: (e: { data: unknown; ports: MainPortLike[] }) => void): void; postMessage(m: unknown): void };

const log = createLogger('core', (l) => process.stderr.write(`${l}\n`));
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
  owner: 'desktop app',
  // main keeps the ERP secret encrypted (safeStorage); core only holds it in memory for the connector
  secrets: {
    canStore: process.env.COMPTOIR_CAN_STORE_SECRET === '1',
    persist: (secret) => parentPort.postMessage({ type: 'store-secret', secret }),
    env: process.env,
  },
});

parentPort.on('message', (e) => {
  const port = e.ports[0];
  const m = e.data as { type?: string; secret?: unknown };
  if (m.type === 'connect' && port) core.serve(fromMainPort(port));
  if (m.type === 'connector' && port) core.serveConnector(fromMainPort(port));
  if (m.type === 'secret' && typeof m.secret === 'string') core.link.useSecret(m.secret);
});

const stop = () => {
  core.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
