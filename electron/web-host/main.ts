import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore, type Core } from '../core/core';
import { createLogger } from '../shared/log';
import { defaultDbPath } from '../core/paths';
import { parseHostArgs } from './args';
import { startWebHost, type WebHost } from './server';
import { superviseConnector } from './connector-child';
import { connectionConfig } from '../shared/contract';
import { CLOCK_OFFSET_ENV, offsetClock } from '../shared/dates';

const log = createLogger('web-host', (l) => process.stderr.write(`${l}\n`));
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function fail(message: string): never {
  process.stderr.write(`comptoir: ${message}\n`);
  process.exit(1);
}

async function main() {
  let args;
  try {
    args = parseHostArgs(process.argv.slice(2));
  } catch (err) {
    fail((err as Error).message);
  }
  const rendererDir = resolve(args.rendererDir ?? join(root, 'out', 'renderer'));
  if (!existsSync(join(rendererDir, 'index.html'))) fail(`no renderer build in ${rendererDir}: run "npm run build:renderer" first`);
  const dbPath = resolve(args.dbPath ?? defaultDbPath());
  // --now: core and its connector run on one clock from that instant on
  const offsetMs = args.now ? Date.parse(args.now) - Date.now() : 0;
  // core starts again in this process after a restore; the pages reconnect, the connector is started again
  const open = () =>
    startCore({ dbPath, demo: args.demo, log, owner: 'web host', now: args.now ? offsetClock(offsetMs) : undefined, restart: restartCore });
  let core: Core;
  try {
    core = open();
  } catch (err) {
    fail((err as Error).message);
  }
  if (args.erpConfig) {
    // the connection of a config file (as npm run sync reads it) replaces the saved one
    const file = args.erpConfig;
    const parsed = connectionConfig.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) fail(`${file}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
    await core.call('erp.saveConnection', { config: parsed.data });
  }
  const startConnector = () =>
    superviseConnector({
      core,
      entry: join(root, 'electron', 'connector', 'process-entry.ts'),
      log,
      env: args.now ? { ...process.env, [CLOCK_OFFSET_ENV]: String(offsetMs) } : undefined,
    });
  let connector = startConnector();
  let host: WebHost | undefined;
  function restartCore() {
    log.info('core restarts on its file');
    connector.stop();
    core.close();
    try {
      core = open();
    } catch (err) {
      fail(`core could not start again: ${(err as Error).message}`);
    }
    host?.useCore(core);
    connector = startConnector();
  }
  try {
    host = await startWebHost({ core, port: args.port, rendererDir, log });
  } catch (err) {
    connector.stop();
    core.close();
    const e = err as NodeJS.ErrnoException;
    fail(e.code === 'EADDRINUSE' ? `port ${args.port} is already in use: pass another with --port N (0 picks a free one)` : e.message);
  }
  process.stdout.write(`Comptoir is ready: ${host.url}  (database: ${dbPath})\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    connector.stop();
    host
      .close()
      .then(() => {
        core.close();
        process.exit(0);
      })
      .catch((err: unknown) => {
        log.error('stop failed', { error: String(err) });
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
