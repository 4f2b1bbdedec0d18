import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectOf } from '../../db/team-capture';
import { startHub } from '../../electron/hub/server';
import { TEAM_TABLE_NAMES } from '../../electron/shared/team/tables';
import { startTestHub, type TestHub } from './fixtures/hub';
import { NOW, tempDir } from './helpers';

/**
 * Crash safety of the team link: a desk killed (SIGKILL) at seeded moments while it edits, pushes
 * and pulls, the hub restarted and PostgreSQL restarted between runs. Afterwards no mutation is
 * lost or applied twice, no cursor is ahead of its data: the desk's team rows equal the hub's, row
 * by row.
 */
let t: TestHub;
let dir: string;
let cleanup: () => void;
let password: string;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  t = await startTestHub(NOW);
  password = (await t.admin.call('users.create', { login: 'crash', name: 'Crash', roles: ['trader'] })).oneTimePassword;
}, 60_000);
afterAll(async () => {
  await t.close();
  cleanup();
});

function run(dbPath: string, url: string, mode: 'edit' | 'settle', killAfterMs: number | null, round: number): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/fixtures/team-child.ts', dbPath, url, 'crash', password, mode], {
    env: { ...process.env, COMPTOIR_CRASH_ROUND: String(round) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    if (killAfterMs !== null && d.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  });
  return new Promise((resolve) =>
    child.on('close', (code) => {
      if (killAfterMs === null && code !== 0) process.stderr.write(err);
      resolve(code);
    }),
  );
}

/** Deterministic delays in [40, 700) ms from a seed. */
function delays(seed: number, n: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return 40 + (x % 660);
  });
}

describe('crash safety of the team link', () => {
  it('killed at 30 seeded moments, with the hub and PostgreSQL restarted between runs, the desk ends equal to the hub row by row', async () => {
    const dbPath = join(dir, 'desk.sqlite');
    let hub = t.hub;
    const kills = delays(20_261_201, 30);
    for (const [i, ms] of kills.entries()) {
      expect(await run(dbPath, hub.url, 'edit', ms, i)).not.toBe(0);
      if (i === 10) {
        // the hub goes and a new instance comes back on the same address
        const port = Number(new URL(hub.url).port);
        await hub.close();
        hub = await startHub({ pool: t.pool, now: t.clock.now, port });
      }
      if (i === 20) {
        t.pg.cluster.stop();
        t.pg.cluster.start();
      }
    }
    expect(await run(dbPath, hub.url, 'settle', null, 99)).toBe(0);

    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const desk = new Map<string, unknown>();
    for (const table of TEAM_TABLE_NAMES)
      for (const r of db.prepare(`SELECT t.uid, ${objectOf(table, 't')} AS row FROM ${table} t`).all() as { uid: string; row: string }[]) {
        const row = JSON.parse(r.row) as Record<string, unknown>;
        if (table === 'audit_log' && ['outbox', 'erp_connection'].includes(row.entity as string)) continue;
        desk.set(`${table}/${r.uid}`, row);
      }
    const pending = db.prepare("SELECT count(*) FROM team_mutations WHERE status IN ('pending', 'rejected')").pluck().get();
    db.close();
    expect(pending).toBe(0);
    const { rows } = await t.pool.query<{ row_table: string; row_id: string; data: unknown }>(
      'SELECT row_table, row_id, data FROM team_rows WHERE NOT deleted',
    );
    const hubRows = new Map(rows.map((r) => [`${r.row_table}/${r.row_id}`, r.data]));
    const differ = [...new Set([...desk.keys(), ...hubRows.keys()])].filter(
      (k) => JSON.stringify(sortKeys(desk.get(k))) !== JSON.stringify(sortKeys(hubRows.get(k))),
    );
    expect(differ.slice(0, 5)).toEqual([]);
    expect(desk.size).toBeGreaterThan(1000);
    // every number of the desk applied once, none missing
    const m = await t.pool.query<{ n: number; max: number }>(
      `SELECT count(*)::int AS n, max(number)::int AS max FROM mutations WHERE desk_id = (SELECT desk_id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.login = 'crash' LIMIT 1)`,
    );
    expect(m.rows[0]!.n).toBe(m.rows[0]!.max);
    expect(m.rows[0]!.n).toBeGreaterThan(desk.size);
    if (hub !== t.hub) await hub.close();
  }, 300_000);
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  return v;
}
