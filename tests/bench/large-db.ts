import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMigrationsFolder } from '../../db/client';
import { startCore } from '../../electron/core/core';
import { DEMO_REVISION } from '../../electron/shared/demo';

export const BENCH_DIR = join(process.cwd(), '.bench-cache');
export const BENCH_TODAY = '2026-11-30';
export const BENCH_NOW = '2026-11-30T10:00:00.000Z';

/**
 * The `large` preset in a cached SQLite file (200 000 opportunities, about a million stage changes, stock and
 * history rows). Built once, at a fixed date so every run measures the same data.
 */
export function largeDatabase(log: (m: string) => void): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  // a schema or demo change makes a new cache file
  const schema = readdirSync(defaultMigrationsFolder).filter((f) => f.endsWith('.sql')).length;
  const path = join(BENCH_DIR, `large-schema${schema}-demo${DEMO_REVISION}.sqlite`);
  if (existsSync(path) && !existsSync(`${path}.open`)) return path;
  const tmp = join(BENCH_DIR, 'large.building.sqlite');
  // a stale write-ahead log beside the old file would be replayed onto the new one
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}.open`, path, `${path}-wal`, `${path}-shm`, `${path}.open`]) rmSync(f, { force: true });
  log('building the large demo company (once; cached in .bench-cache/)…');
  const t0 = Date.now();
  const core = startCore({ dbPath: tmp, demo: 'large', now: () => BENCH_NOW });
  core.close();
  renameSync(tmp, path);
  log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return path;
}
