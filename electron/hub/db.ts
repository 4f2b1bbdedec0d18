import pg from 'pg';
import type { Pool, PoolClient } from 'pg';

export type Clock = () => Date;

/** The hub's pool over its PostgreSQL database; int8 comes back as a JS number (counters stay far below 2^53). */
export function openPool(url: string, max = 10, onError: (err: Error) => void = () => undefined): Pool {
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // an idle connection PostgreSQL closed (a restart): the pool drops it and opens another when asked
  pool.on('error', onError);
  return pool;
}

/** Runs fn in one transaction on one connection of the pool; rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // PostgreSQL closing the connection between two queries (a restart) is this transaction's failure, not the process's
  let lost: Error | null = null;
  const onError = (err: Error) => (lost ??= err);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const value = await fn(client);
    await client.query('COMMIT');
    return value;
  } catch (err) {
    if (!lost) await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.off('error', onError);
    // a connection that failed is not given back to the pool
    client.release(lost ?? undefined);
  }
}

export async function readMeta(c: Pool | PoolClient, key: string): Promise<string> {
  const r = await c.query<{ value: string }>('SELECT value FROM hub_meta WHERE key = $1', [key]);
  if (!r.rows[0]) throw new Error(`hub_meta has no ${key}: the hub's database is not migrated`);
  return r.rows[0].value;
}

/**
 * A new life of the hub's database (restored from a backup): desks seeing the new epoch pull
 * everything again and push again what the backup may not hold. Returns the new epoch.
 */
export async function newEpoch(c: Pool | PoolClient, was?: string): Promise<string> {
  const r = await c.query<{ value: string }>(
    `UPDATE hub_meta SET value = gen_random_uuid()::text WHERE key = 'epoch' AND ($1::text IS NULL OR value = $1) RETURNING value`,
    [was ?? null],
  );
  return r.rows[0]?.value ?? (await readMeta(c, 'epoch'));
}
