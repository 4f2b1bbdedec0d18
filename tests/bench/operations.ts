import { PURCHASING_SQL } from '../../db/queries/purchasing';
import type { Core } from '../../electron/core/core';
import { addDays } from '../../electron/shared/dates';
import { BENCH_NOW, BENCH_TODAY } from './large-db';
import { sideBySide, type Row } from './stats';
import { benchDeal } from './workspace-view';

/**
 * Accepting a 50-line deal on the large company: the whole « Devis accepté » chain (checks,
 * reservations across warehouses, shortages, sale order, task, timeline) in one transaction,
 * vs the same rows written by hand-prepared inserts. Each round runs inside an outer transaction
 * rolled back afterwards, so every round starts from the same stock.
 */
export async function benchAccept(core: Core, rounds: number): Promise<Row[]> {
  const raw = core.db.$client;
  const id = benchDeal(core, 50);
  const stage = (code: string) => raw.prepare('SELECT id FROM stages WHERE code = ?').pluck().get(code) as number;
  const [nego, accept] = [stage('NEGO'), stage('ACCEPT')];
  // credit and margin pass, so the whole chain runs
  raw
    .prepare(
      'UPDATE customers SET credit_limit = 100000000000000, on_hold = 0, credit_hold = 0 WHERE id = (SELECT customer_id FROM opportunities WHERE id = ?)',
    )
    .run(id);
  raw.prepare('UPDATE opportunity_lines SET unit_price = unit_price * 3 WHERE opportunity_id = ? AND unit_price < 1000000000').run(id);
  raw.prepare('UPDATE opportunities SET stage_id = ?, ops_state = NULL WHERE id = ?').run(nego, id);
  const lines = raw
    .prepare('SELECT id, product_id AS productId, coalesce(warehouse_id, 1) AS warehouseId, qty FROM opportunity_lines WHERE opportunity_id = ?')
    .all(id) as {
    id: number;
    productId: number;
    warehouseId: number;
    qty: number;
  }[];
  const s = {
    move: raw.prepare('UPDATE opportunities SET stage_id = ?, probability = 90, stage_entered_at = ?, updated_at = ? WHERE id = ?'),
    history: raw.prepare('INSERT INTO stage_history (opportunity_id, from_stage_id, to_stage_id, changed_at, changed_by) VALUES (?, ?, ?, ?, 1)'),
    reserve: raw.prepare(
      "INSERT INTO reservations (opportunity_id, line_id, product_id, warehouse_id, qty, status, created_at) VALUES (?, ?, ?, ?, ?, 'active', ?)",
    ),
    outbox: raw.prepare(
      "INSERT INTO outbox (uuid, kind, subject, payload, status, created_at) VALUES (lower(hex(randomblob(16))), 'sale_order', ?, '{}', 'pending', ?)",
    ),
  };
  const inRolledBack = async (fn: () => unknown) => {
    raw.exec('BEGIN');
    try {
      await fn();
    } finally {
      raw.exec('ROLLBACK');
    }
  };
  let steps = 0;
  const r = await sideBySide(
    () =>
      inRolledBack(async () => {
        const v = await core.call('pipeline.moveStage', { opportunityId: id, toStageId: accept });
        steps = (v as { opsState: string | null }).opsState === 'committed' ? 1 : 0;
      }),
    () =>
      inRolledBack(() => {
        s.move.run(accept, BENCH_NOW, BENCH_NOW, id);
        s.history.run(id, nego, accept, BENCH_NOW);
        for (const l of lines) s.reserve.run(id, l.id, l.productId, l.warehouseId, l.qty, BENCH_NOW);
        s.outbox.run(`opportunity:${id}`, BENCH_NOW);
      }),
    rounds,
    3,
  );
  if (steps !== 1) throw new Error('the accept benchmark did not run the whole chain (deal not committed)');
  return [
    {
      benchmark: 'accept a 50-line deal (whole chain, one transaction)',
      app: r.a,
      baseline: r.b,
      ratio: r.a.median / r.b.median,
      target: 'p95 < 50 ms',
      ok: r.a.p95 < 50,
    },
  ];
}

/** The purchasing grid's weighted demand (8 weeks) through core vs the same statements run raw. */
export async function benchPurchasingDemand(core: Core, rounds: number): Promise<Row[]> {
  const raw = core.db.$client;
  const end = addDays(BENCH_TODAY, 56);
  const st = {
    demand: raw.prepare(PURCHASING_SQL.demand),
    position: raw.prepare(PURCHASING_SQL.position),
    products: raw.prepare(PURCHASING_SQL.products),
    best: raw.prepare(PURCHASING_SQL.bestPrices),
  };
  const shown = await core.call('purchasing.demand', { weeks: 8 });
  const pairs = JSON.stringify(shown.map((row) => [row.productId, Math.max(-row.projected, row.total)]));
  const r = await sideBySide(
    () => core.call('purchasing.demand', { weeks: 8 }),
    () => {
      const buckets = st.demand.all({ today: BENCH_TODAY, soonest: addDays(BENCH_TODAY, 2), end }) as {
        productId: number;
        warehouseId: number | null;
        qty: number;
      }[];
      const ids = JSON.stringify([...new Set(buckets.map((b) => b.productId))]);
      st.products.all({ ids });
      st.position.all({ ids, end });
      // the same pairs the app prices (the rows the horizon leaves short)
      st.best.all({ pairs, today: BENCH_TODAY });
    },
    rounds,
  );
  const ratio = r.a.median / r.b.median;
  return [
    {
      benchmark: `purchasing: weighted demand, 8 weeks (${shown.length} rows short)`,
      app: r.a,
      baseline: r.b,
      ratio,
      target: '≤ 1.5×',
      ok: ratio <= 1.5,
    },
  ];
}
