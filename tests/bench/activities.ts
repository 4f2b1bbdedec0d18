import { activitiesListSql, activityCountSqls } from '../../db/queries/activities';
import { timelineFeedSql } from '../../db/queries/timeline';
import type { Core } from '../../electron/core/core';
import { addDays } from '../../electron/shared/dates';
import { BENCH_NOW, BENCH_TODAY } from './large-db';
import { sideBySide, type Row } from './stats';

const MARK = 'BENCH activity';

/** A small deterministic generator (the cached database is the same at every build). */
function seeded(seed: number) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/**
 * About a million activities and timeline entries on the large company (added once to its cached
 * file): each deal's past calls, visits and e-mails (done), what is planned, notes and e-mails
 * logged; the busiest customer gets a history of its own size (thousands of records).
 */
export function seedActivities(core: Core, log: (m: string) => void): { busyCustomer: number; busyTrader: number } {
  const raw = core.db.$client;
  const busyCustomer = raw
    .prepare('SELECT customer_id FROM opportunities GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1')
    .pluck()
    .get() as number;
  const busyTrader = raw
    .prepare('SELECT owner_id FROM opportunities WHERE owner_id IS NOT NULL GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1')
    .pluck()
    .get() as number;
  if (raw.prepare('SELECT 1 FROM activities WHERE title LIKE ? LIMIT 1').get(`${MARK}%`)) return { busyCustomer, busyTrader };
  log('adding about a million activities and timeline entries to the large company (once; cached)…');
  const t0 = Date.now();
  const deals = raw.prepare('SELECT id, customer_id AS customerId, owner_id AS ownerId, created_at AS createdAt FROM opportunities').all() as {
    id: number;
    customerId: number;
    ownerId: number | null;
    createdAt: string;
  }[];
  const act = raw.prepare(
    'INSERT INTO activities (opportunity_id, customer_id, kind, title, due_at, done_at, done_by, outcome, owner_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const entry = raw.prepare('INSERT INTO timeline_entries (opportunity_id, customer_id, kind, body, data, at, by) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const r = seeded(20_261_201);
  const kinds = ['call', 'visit', 'email', 'meeting', 'task', 'follow_up'];
  const stamp = (from: string, spanDays: number) => new Date(Date.parse(from) + r() * spanDays * 86_400_000).toISOString();
  raw.transaction(() => {
    for (const d of deals) {
      const busy = d.customerId === busyCustomer;
      const past = busy ? 60 : 5;
      for (let i = 0; i < past; i++) {
        const at = stamp(d.createdAt, Math.max(1, (Date.parse(BENCH_NOW) - Date.parse(d.createdAt)) / 86_400_000));
        act.run(d.id, d.customerId, kinds[i % kinds.length], `${MARK} ${i}`, at, at, d.ownerId, 'Rappeler la semaine prochaine', d.ownerId, at);
      }
      const due = `${addDays(BENCH_TODAY, Math.floor(r() * 40) - 10)}T${String(8 + Math.floor(r() * 9)).padStart(2, '0')}:00:00.000Z`;
      act.run(d.id, d.customerId, 'call', `${MARK} planned`, due, null, null, null, d.ownerId, d.createdAt);
      const notes = busy ? 40 : 4;
      for (let i = 0; i < notes; i++) {
        const at = stamp(d.createdAt, 60);
        if (i % 2 === 0) entry.run(d.id, d.customerId, 'note', `Note ${i} : le client compare les prix du ciment`, '{}', at, d.ownerId);
        else
          entry.run(
            d.id,
            d.customerId,
            'email',
            `Re: devis ${d.id}`,
            JSON.stringify({ from: 'client@exemple.fr', to: 'commercial@negoce.fr', text: 'Merci pour le devis.' }),
            at,
            d.ownerId,
          );
      }
    }
  })();
  const n = (t: string) => raw.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  log(`  ${n('activities')} activities, ${n('timeline_entries')} timeline entries in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  raw.exec('ANALYZE');
  return { busyCustomer, busyTrader };
}

/**
 * « Mes activités » (each bucket with its counts) of the busiest trader, and the timeline of the
 * busiest customer, through core vs the same SQL run raw (DESIGN P6).
 */
export async function benchActivities(core: Core, rounds: number, log: (m: string) => void): Promise<Row[]> {
  const { busyCustomer, busyTrader } = seedActivities(core, log);
  await core.call('settings.set', { key: 'currentUserId', value: busyTrader });
  const roles = ['trader'];
  const raw = core.db.$client;
  const rows: Row[] = [];
  for (const bucket of ['overdue', 'today', 'upcoming', 'done'] as const) {
    const list = activitiesListSql({ bucket, whose: { userId: busyTrader, roles }, limit: 1000 }, BENCH_NOW);
    const counts = activityCountSqls({ userId: busyTrader, roles }, BENCH_NOW);
    const listStmt = raw.prepare(list.sql);
    const countStmts = Object.values(counts.byBucket)
      .flat()
      .map((sql) => raw.prepare(sql).pluck());
    const shown = (await core.call('activities.list', { bucket })).rows.length;
    const r = await sideBySide(
      () => core.call('activities.list', { bucket }),
      () => {
        listStmt.all(list.params);
        for (const c of countStmts) c.get(counts.params);
      },
      rounds,
    );
    const ratio = r.a.median / r.b.median;
    rows.push({
      benchmark: `« Mes activités », ${bucket} (${shown} rows) and the counts, busiest trader`,
      app: r.a,
      baseline: r.b,
      ratio,
      target: 'p95 < 20 ms',
      ok: r.a.p95 < 20,
    });
  }
  const feed = timelineFeedSql({ customerId: busyCustomer, limit: 500 });
  const feedStmt = raw.prepare(feed.sql);
  const held =
    (raw.prepare('SELECT count(*) FROM timeline_entries WHERE customer_id = ?').pluck().get(busyCustomer) as number) +
    (raw.prepare('SELECT count(*) FROM activities WHERE customer_id = ? AND done_at IS NOT NULL').pluck().get(busyCustomer) as number);
  const r = await sideBySide(
    () => core.call('timeline.list', { customerId: busyCustomer }),
    () => feedStmt.all(feed.params),
    rounds,
  );
  const ratio = r.a.median / r.b.median;
  rows.push({
    benchmark: `timeline of the busiest customer (newest 500 of ${held} records)`,
    app: r.a,
    baseline: r.b,
    ratio,
    target: 'p95 < 20 ms',
    ok: r.a.p95 < 20,
  });
  return rows;
}
