import { readFileSync } from 'node:fs';
import { createLogger, type Logger } from '../shared/log';
import type { HubArgs } from './args';
import { newEpoch, openPool } from './db';
import { migrate } from './migrate';
import { startHub, type HubServer } from './server';
import { firstAdmin } from './users';

export const hubLog = (): Logger => createLogger('hub', (l) => process.stderr.write(`${l}\n`));

/** Migrates the hub's database, makes its first admin when it has no user, and serves. */
export async function serveHub(args: HubArgs & { pg: string }, log: Logger) {
  const pool = openPool(args.pg);
  const applied = await migrate(pool);
  if (applied.length > 0) log.info('hub database migrated', { applied });
  if (args.restored) log.info('hub database restored: a new epoch, every desk pulls again', { epoch: await newEpoch(pool) });
  const admin = await firstAdmin(pool, args.admin, () => new Date());
  const tls = args.tlsCert && args.tlsKey ? { cert: readFileSync(args.tlsCert, 'utf8'), key: readFileSync(args.tlsKey, 'utf8') } : undefined;
  const hub: HubServer = await startHub({ pool, host: args.host, port: args.port, tls, log: (m) => log.error(m) });
  log.info('hub serving', { url: hub.url });
  return {
    hub,
    admin,
    close: async () => {
      await hub.close();
      await pool.end();
    },
  };
}
