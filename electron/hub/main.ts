import { parseHubArgs } from './args';
import { hubLog, serveHub } from './serve';

/** `npm run hub -- --pg URL [--host H] [--port N] [--tls-cert F --tls-key F] [--admin LOGIN]` */
const log = hubLog();
try {
  const args = parseHubArgs(process.argv.slice(2));
  if (!args.pg) throw new Error('--pg URL is required (or run `npm run hub:local` for a PostgreSQL of its own)');
  const { hub, admin, close } = await serveHub({ ...args, pg: args.pg }, log);
  if (admin) process.stdout.write(`First admin: ${admin.login}, one-time password: ${admin.oneTimePassword}\n`);
  process.stdout.write(`Comptoir hub is ready: ${hub.url}\n`);
  const stop = () => void close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (err) {
  log.error('hub could not start', { error: (err as Error).message });
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
