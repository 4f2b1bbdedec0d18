import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));
const LOCK = 7_274_001; // any constant: one migrating hub at a time, the others wait and find nothing left

export type Migration = { version: number; name: string; sql: string };

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * Applies the hub's pending migrations in order, each in its own transaction, forward only.
 * Two hubs starting together on one database: the advisory lock makes the second wait, then skip.
 * `upTo` stops at a version (tests migrate from every earlier one).
 */
export async function migrate(pool: Pool, options: { upTo?: number; dir?: string } = {}): Promise<string[]> {
  const all = readMigrations(options.dir).filter((m) => options.upTo === undefined || m.version <= options.upTo);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS hub_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM hub_migrations')).rows.map((r) => r.version));
    const known = new Set(readMigrations(options.dir).map((m) => m.version));
    const unknown = [...done].filter((v) => !known.has(v));
    if (unknown.length > 0)
      throw new Error(`this database was migrated by a newer hub (versions ${unknown.join(', ')}): run that hub or a newer one`);
    for (const m of all) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO hub_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
        applied.push(m.name);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`hub migration ${m.name} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
