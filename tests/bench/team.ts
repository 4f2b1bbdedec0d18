import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { applyTeamPage, type PulledPage } from '../../db/queries/team-apply';
import { captureOf } from '../../db/team-capture';
import type { Mutation } from '../../electron/shared/contract/hub';
import { deskRoom, signIn, type Desk } from '../integration/fixtures/desks';
import { startTestHub, type TestHub } from '../integration/fixtures/hub';
import { until } from '../integration/helpers';
import { freePort } from '../integration/fixtures/tryton-server';
import { BENCH_NOW } from './large-db';
import { sideBySide, stats, type Row } from './stats';

type Log = (m: string) => void;
const row = (benchmark: string, app: Row['app'], baseline: Row['baseline'], ratio: number, target: string, ok: boolean): Row => ({
  benchmark,
  app,
  baseline,
  ratio,
  target,
  ok,
});
const line = (i: number): Record<string, unknown> => ({
  opportunityId: null,
  position: i,
  productId: `code:P${i % 50}`,
  qty: 1000 + i,
  unitPrice: 50_000,
  discount: 0,
  note: '',
});

/** The hub's push (HTTP, each mutation in its own transaction with its result) against raw INSERTs of the same rows into the same tables. */
async function push(hub: TestHub, batches: number, size: number): Promise<Row> {
  const who = await hub.person(`bench.push.${Date.now()}`, ['trader']);
  let n = 0;
  const app = async () => {
    const mutations: Mutation[] = Array.from({ length: size }, (_, i) => ({
      number: ++n,
      table: 'opportunity_lines',
      id: uuidv7(),
      op: 'insert',
      at: BENCH_NOW,
      baseVersion: 0,
      fields: line(i),
      old: {},
    }));
    await who.client.call('hub.push', { mutations });
  };
  const raw = async () => {
    for (let i = 0; i < size; i++) {
      const id = uuidv7();
      await hub.pool.query(`INSERT INTO team_rows (row_table, row_id, version, data) VALUES ('opportunity_lines', $1, 1, $2)`, [id, line(i)]);
      await hub.pool.query(`INSERT INTO changes (row_table, row_id, version, data) VALUES ('opportunity_lines', $1, 1, $2)`, [id, line(i)]);
    }
  };
  const r = await sideBySide(app, raw, batches, 1);
  const ratio = r.b.median / r.a.median;
  return row(`hub push, ${size} mutations (${Math.round((size * 1000) / r.a.median)}/s)`, r.a, r.b, ratio, '≥ 0.30× raw INSERTs', ratio >= 0.3);
}

/** A desk applying a pulled page (translation, upsert, versions, replay, totals) against raw SQLite inserts of the same rows. */
async function apply(desk: Desk, rounds: number, size: number): Promise<Row> {
  const raw = desk.core.db.$client;
  const deal = desk.one<{ id: number; uid: string }>('SELECT id, uid FROM opportunities ORDER BY id LIMIT 1');
  const products = desk.sql<{ id: number; code: string }>('SELECT id, code FROM products ORDER BY id LIMIT 50');
  const page = (): PulledPage => ({
    epoch: 'bench',
    cursor: 'bench',
    reset: false,
    acked: 0,
    rejected: [],
    changes: Array.from({ length: size }, (_, i) => ({
      table: 'opportunity_lines',
      id: uuidv7(),
      version: 1,
      deleted: false,
      desk: null,
      mutation: null,
      data: {
        opportunityId: deal.uid,
        position: 100 + i,
        productId: `code:${products[i % products.length]!.code}`,
        warehouseId: null,
        qty: 1000,
        unitPrice: 50_000,
        discount: 0,
        requestedDate: null,
        note: '',
      },
    })),
  });
  // pulled rows are written with capture off; the baseline and the clean-up too (raw writes, not the desk's own changes)
  const quiet = captureOf(raw).without.bind(captureOf(raw));
  const clean = () => quiet(() => raw.prepare('DELETE FROM opportunity_lines WHERE opportunity_id = ? AND position >= 100').run(deal.id));
  const insert = raw.prepare(
    'INSERT INTO opportunity_lines (uid, opportunity_id, position, product_id, qty, unit_price, discount) VALUES (?, ?, ?, ?, 1000, 50000, 0)',
  );
  const r = await sideBySide(
    () => {
      applyTeamPage(desk.core.db, 'bench-desk', page(), BENCH_NOW);
      clean();
    },
    () => {
      quiet(() =>
        raw.transaction(() => {
          for (let i = 0; i < size; i++) insert.run(uuidv7(), deal.id, 100 + i, products[i % products.length]!.id);
        })(),
      );
      clean();
    },
    rounds,
    2,
  );
  const ratio = r.b.median / r.a.median;
  return row(`desk applies a pulled page of ${size} lines`, r.a, r.b, ratio, '≥ 0.40× raw SQLite inserts', ratio >= 0.4);
}

/** A change at one desk until it is in the other desk's database: push, poke, pull, apply. */
async function pokeToVisible(a: Desk, b: Desk, rounds: number): Promise<Row> {
  const stage = a.one<{ id: number; uid: string }>('SELECT id, uid FROM stages ORDER BY id LIMIT 1');
  const samples: number[] = [];
  const local: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const name = `Qualification ${i}`;
    const t0 = performance.now();
    await a.call('stages.update', { id: stage.id, name });
    local.push(performance.now() - t0);
    await until(() => b.one<{ name: string }>('SELECT name FROM stages WHERE uid = ?', stage.uid).name === name, 10_000);
    samples.push(performance.now() - t0);
  }
  const s = stats(samples);
  return row('poke to visible on another desk (p95 < 1 s)', s, stats(local), s.p95 / 1000, 'p95 < 1 000 ms (raw: the local write)', s.p95 < 1000);
}

/** A second hub instance in a process of its own on the same database, as a hub server runs: the load goes there. */
async function hubProcess(pg: string): Promise<{ url: string; cpuSeconds: () => number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/hub/main.ts', '--pg', pg, '--port', String(await freePort())], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Comptoir hub is ready: (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the hub process exited with ${code}`)));
  });
  // user + system time of the process, from /proc (clock ticks of 1/100 s)
  const cpuSeconds = () => {
    const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  return { url, cpuSeconds, stop: () => child.kill('SIGTERM') };
}

/** Runs a script with tsx in a child process; resolves with what it printed. */
function runScript(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args[0]} exited with ${code}`))));
  });
}

/**
 * Many desks pushing at once: 50 sessions, each one change every 200 ms, from a load process to a
 * hub process (on the same database as the bench's hub, whose two desks follow the feed meanwhile):
 * the push latency the load process sees, and the CPU of each side.
 */
async function load(hub: TestHub, desks: number, seconds: number, log: Log): Promise<Row> {
  const server = await hubProcess(hub.url);
  try {
    const people = await Promise.all(Array.from({ length: desks }, (_, i) => hub.person(`bench.load.${i}.${Date.now()}`, ['trader'])));
    const cpu0 = server.cpuSeconds();
    const own0 = process.cpuUsage();
    const out = JSON.parse(
      await runScript(['tests/bench/team-load.ts', server.url, String(seconds), JSON.stringify(people.map((p) => p.token))]),
    ) as {
      latencies: number[];
      cpu: { user: number; system: number };
    };
    const cpu = server.cpuSeconds() - cpu0;
    const own = process.cpuUsage(own0);
    const s = stats(out.latencies);
    const pct = (sec: number) => `${((sec / seconds) * 100).toFixed(0)} %`;
    log(
      `  ${out.latencies.length} pushes in ${seconds} s; CPU of a core: the hub process ${pct(cpu)}, the load process ${pct((out.cpu.user + out.cpu.system) / 1e6)}, the two desks following ${pct((own.user + own.system) / 1e6)}`,
    );
    return row(`${desks} desks × 5 changes/s for ${seconds} s: push latency`, s, stats([200]), s.p95 / 200, 'p95 < 200 ms', s.p95 < 200);
  } finally {
    server.stop();
  }
}

/** A desk back after a week offline: its own changes go up, the team's come down, until both agree. */
async function catchUp(hub: TestHub, a: Desk, own: number, team: number, log: Log): Promise<Row> {
  a.stopConnector();
  const lines = a.sql<{ id: number }>('SELECT id FROM opportunity_lines ORDER BY id');
  for (let i = 0; i < own; i++) await a.call('opportunity.updateLine', { lineId: lines[i % lines.length]!.id, qty: 1_000 + i });
  // the team's week, written straight into the hub's tables (as other desks' pushes would have)
  await hub.pool.query(
    `WITH ids AS (SELECT gen_random_uuid() AS id, g FROM generate_series(1, $1) g),
     r AS (INSERT INTO team_rows (row_table, row_id, version, data) SELECT 'activities', id, 1, jsonb_build_object('kind', 'task', 'title', 'semaine ' || g, 'createdAt', '2026-11-30T10:00:00.000Z') FROM ids RETURNING row_id, data)
     INSERT INTO changes (row_table, row_id, version, data) SELECT 'activities', row_id, 1, data FROM r`,
    [team],
  );
  const t0 = performance.now();
  a.startConnector();
  await until(
    async () =>
      (await a.call('team.status', {})).pending === 0 &&
      a.one<{ n: number }>("SELECT count(*) AS n FROM activities WHERE title LIKE 'semaine %'").n === team,
    120_000,
  );
  const ms = performance.now() - t0;
  log(`  a week offline: ${own} own changes up, ${team} of the team's down in ${(ms / 1000).toFixed(1)} s`);
  return row(`catch-up after a week offline (${own} own, ${team} team)`, stats([ms]), stats([30_000]), ms / 30_000, '< 30 000 ms', ms < 30_000);
}

/** npm run bench -- --only team: the team's sync, side by side with raw writes where a baseline exists. */
export async function benchTeam(log: Log, o: { loadSeconds: number }): Promise<Row[]> {
  const hub = await startTestHub(BENCH_NOW, 'hub_bench');
  const room = deskRoom();
  const rows: Row[] = [];
  try {
    // the raw rows of the push comparison stay on a hub of their own (desks would pull them)
    const bare = await startTestHub(BENCH_NOW, 'hub_push');
    log('  push: 5 batches of 500 per side…');
    rows.push(await push(bare, 5, 500).finally(() => bare.close()));
    const a = room.open('a');
    const b = room.open('b');
    await signIn(hub, a, 'bench.a', ['trader']);
    await a.settled();
    await signIn(hub, b, 'bench.b', ['trader']);
    await b.settled();
    log('  apply: 10 pages of 1 000 per side…');
    // on a desk of its own: the pages it applies are made up, its link state is not the team's
    rows.push(await apply(room.open('c'), 10, 1000));
    log('  poke to visible: 30 rounds…');
    rows.push(await pokeToVisible(a, b, 30));
    // the desk back from a week offline is alone on its machine: the other desk (another machine) stops following meanwhile
    b.stopConnector();
    log('  a week offline…');
    rows.push(await catchUp(hub, a, 5000, 50_000, log));
    b.startConnector();
    log(`  50 desks pushing for ${o.loadSeconds} s…`);
    rows.push(await load(hub, 50, o.loadSeconds, log));
  } finally {
    room.close();
    await hub.close();
  }
  return rows;
}
