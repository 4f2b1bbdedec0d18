import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { closeDatabase, openDatabase } from '../../db/client';
import { sideBySide, type Row } from './stats';

/**
 * Opening the large company as the app does at every start (lock, pragmas, quick_check, migration
 * check, clean close) vs opening the same file bare (better-sqlite3 and one read): what the
 * integrity check costs each start.
 */
export async function benchOpen(dbPath: string, rounds: number, log: (m: string) => void): Promise<Row[]> {
  let checked = 0;
  const app = () => {
    const r = openDatabase({ path: dbPath, owner: 'bench' });
    checked = r.quickCheckMs;
    closeDatabase(r.db);
  };
  const bare = () => {
    const raw = new Database(dbPath);
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
    raw.close();
  };
  const r = await sideBySide(app, bare, rounds, 1);
  log(`  file ${(statSync(dbPath).size / 2 ** 20).toFixed(0)} MiB; quick_check alone ${checked.toFixed(0)} ms on the last open`);
  return [
    {
      benchmark: 'open the large company at start (quick_check included)',
      app: r.a,
      baseline: r.b,
      ratio: r.a.median / r.b.median,
      target: 'p95 < 1 500 ms',
      ok: r.a.p95 < 1_500,
    },
  ];
}
