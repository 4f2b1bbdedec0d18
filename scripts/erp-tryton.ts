/**
 * npm run erp:tryton -- [--dir DIR] [--port N] [--demo small|default|large]
 * A real Tryton 6.0 for development and demos: creates the database (first run), writes the demo
 * company into it through JSON-RPC, then keeps trytond running on loopback until Ctrl+C.
 * The admin password is $COMPTOIR_TRYTON_PASSWORD (default "admin", for a local demo only).
 */
import { join } from 'node:path';
import { writeDemoToTryton } from '../electron/connector/tryton/demo-writer';
import { trytonTransport } from '../electron/connector/tryton/transport';
import { describeCompany, type Preset } from '../electron/shared/demo';
import { prepareTryton, runTrytond } from './tryton-local';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};

async function main() {
  const dir = arg('--dir', join(process.cwd(), '.tryton'));
  const port = Number(arg('--port', '8000'));
  const preset = arg('--demo', 'small') as Preset;
  if (!['small', 'default', 'large'].includes(preset)) throw new Error(`--demo is small, default or large, not ${preset}`);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`--port is a port number, not ${arg('--port', '')}`);
  const password = process.env.COMPTOIR_TRYTON_PASSWORD ?? 'admin';
  const log = (m: string) => process.stdout.write(`${m}\n`);

  log(`Tryton database in ${dir}…`);
  const local = await prepareTryton(dir, port, password);
  const server = await runTrytond(local, 'inherit');
  if (local.created) {
    log(`writing the ${preset} demo company…`);
    const t0 = Date.now();
    await writeDemoToTryton(
      trytonTransport({ url: local.url, database: local.database, login: 'admin', secret: password, timeoutMs: 600_000 }),
      describeCompany({ preset, today: new Date().toISOString().slice(0, 10) }),
      (m) => log(`  ${m}`),
    );
    log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  log(`\nTryton is running at ${local.url} (database "${local.database}", login admin).`);
  log(
    `Sync Comptoir with it:\n  echo '{"type":"tryton","url":"${local.url}","database":"${local.database}","login":"admin","secretEnv":"COMPTOIR_ERP_SECRET"}' > erp.json`,
  );
  log(`  COMPTOIR_ERP_SECRET=${password === 'admin' ? 'admin' : '…'} npm run sync -- --once --config erp.json --db tryton-comptoir.sqlite`);
  log('Ctrl+C stops it.');
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise((r) => server.once('exit', r));
}

main().catch((err: unknown) => {
  process.stderr.write(`erp:tryton failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
