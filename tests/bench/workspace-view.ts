import { HEADER_SQL, LINES_SQL } from '../../db/queries/opportunity-get';
import { refreshOpportunityTotals } from '../../db/queries/totals';
import { SQL } from '../../db/queries/workspace';
import type { Core } from '../../electron/core/core';
import { foldForSearch } from '../../electron/shared/text';
import { BENCH_NOW, BENCH_TODAY } from './large-db';
import { addDays } from '../../electron/shared/dates';
import { sideBySide, type Row } from './stats';

/** An open deal of n lines on the large company (added once to the cached database). */
export function benchDeal(core: Core, n: number): number {
  const REFERENCE = `BENCH-${n}-LINES`;
  const raw = core.db.$client;
  const existing = raw.prepare('SELECT id FROM opportunities WHERE reference = ?').pluck().get(REFERENCE) as number | undefined;
  if (existing) return existing;
  const customer = raw.prepare('SELECT customer_id FROM sales_history GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
  const products = raw.prepare('SELECT id, list_price FROM products ORDER BY id LIMIT ? OFFSET 100').all(n) as { id: number; list_price: number }[];
  const stage = raw.prepare("SELECT id FROM stages WHERE code = 'NEGO'").pluck().get() as number;
  const id = raw.transaction(() => {
    const oid = Number(
      raw
        .prepare(
          `INSERT INTO opportunities (reference, customer_id, title, owner_id, stage_id, probability, expected_close, stage_entered_at, search_text, created_at, updated_at)
           VALUES (?, ?, ?, 1, ?, 60, '2027-01-15', ?, ?, ?, ?)`,
        )
        .run(REFERENCE, customer, `Benchmark: ${n} lines`, stage, BENCH_NOW, foldForSearch(REFERENCE), BENCH_NOW, BENCH_NOW).lastInsertRowid,
    );
    const line = raw.prepare(
      'INSERT INTO opportunity_lines (opportunity_id, position, product_id, warehouse_id, qty, unit_price, discount) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    products.forEach((p, i) => line.run(oid, i + 1, p.id, i % 7 === 6 ? null : (i % 6) + 1, 10_000 + i * 1_000, p.list_price, (i % 4) * 250));
    return oid;
  })();
  refreshOpportunityTotals(core.db, { today: BENCH_TODAY, ids: [id] });
  return id;
}

/** The 360° view of a 50-line deal through core vs the same SQL statements run raw. */
export async function benchWorkspaceView(core: Core, rounds: number): Promise<Row[]> {
  const id = benchDeal(core, 50);
  const raw = core.db.$client;
  const productIds = raw.prepare('SELECT DISTINCT product_id FROM opportunity_lines WHERE opportunity_id = ?').pluck().all(id) as number[];
  // the date each line is wanted by, as the view computes it (no line of this deal has its own)
  const at = raw.prepare('SELECT coalesce(requested_date, expected_close) FROM opportunities WHERE id = ?').pluck().get(id) as string;
  const customer = raw.prepare('SELECT customer_id FROM opportunities WHERE id = ?').pluck().get(id) as number;
  const ids = JSON.stringify(productIds);
  const s = (sql: string) => raw.prepare(sql);
  const statements = {
    header: s(HEADER_SQL),
    lines: s(LINES_SQL),
    warehouses: s(SQL.warehouses),
    stock: s(SQL.stock),
    local: s(SQL.localReservations),
    receipts: s(SQL.receipts),
    demand: s(SQL.pipelineDemand),
    tiers: s(SQL.supplierTiers),
    rules: s(SQL.marginRules),
    other: s(SQL.otherDeals),
    credit: s(SQL.customerCredit),
    orders: s(SQL.lastOrders),
    top: s(SQL.topProducts),
    prices: s(SQL.lastPrices),
  };
  const r = await sideBySide(
    () => core.call('opportunity.get', { id }),
    () => {
      statements.header.get({ id, now: BENCH_NOW });
      statements.lines.all({ id, today: BENCH_TODAY });
      statements.warehouses.all();
      statements.stock.all({ ids });
      statements.local.all({ ids });
      statements.receipts.all({ ids });
      statements.demand.all({ ids, at, exclude: id, today: BENCH_TODAY, soonest: addDays(BENCH_TODAY, 2) });
      statements.tiers.all({ ids, today: BENCH_TODAY });
      statements.rules.all();
      statements.other.get(customer, id);
      statements.credit.get(customer);
      statements.orders.all(customer, 5);
      statements.top.all(customer, '2025-11-30', 5);
      statements.prices.all({ customer, ids });
    },
    rounds,
  );
  const ratio = r.a.median / r.b.median;
  return [
    {
      benchmark: '360° view of a 50-line deal (lines, ATP ×6, costs, guards, customer)',
      app: r.a,
      baseline: r.b,
      ratio,
      target: '≤ 1.5× and p95 < 10 ms',
      ok: ratio <= 1.5 && r.a.p95 < 10,
    },
  ];
}
