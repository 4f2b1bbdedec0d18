import { homedir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseHubArgs } from './args';
import { localCluster } from './local-cluster';
import { hubLog, serveHub } from './serve';

/**
 * `npm run hub:local -- [--dir D] [--port N]`: a PostgreSQL cluster of its own from Debian's
 * packages (run as the postgres user when started as root), the hub's database, a first admin
 * with a one-time password, and what to paste into a desk. Ctrl+C stops the hub and the cluster.
 */
const log = hubLog();
try {
  const args = parseHubArgs(process.argv.slice(2));
  const dir = args.dir ?? join(homedir(), '.comptoir-hub');
  const cluster = localCluster({ dir, port: args.port + 1 });
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'comptoir_hub'`);
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE comptoir_hub');
  await admin.end();
  const served = await serveHub({ ...args, pg: cluster.url('comptoir_hub') }, log);
  const lines = [
    `Comptoir hub is ready: ${served.hub.url} (PostgreSQL in ${dir}, port ${cluster.port})`,
    served.admin
      ? `Paste into a desk (Paramètres → Équipe): hub ${served.hub.url}, login ${served.admin.login}, one-time password ${served.admin.oneTimePassword}`
      : `Paste into a desk (Paramètres → Équipe): hub ${served.hub.url}, with your login`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () =>
    void served.close().then(() => {
      cluster.stop();
      process.exit(0);
    });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (err) {
  log.error('hub:local could not start', { error: (err as Error).message });
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
