import type { Db } from '../client';
import { BEST_SUPPLIER_PRICE_SQL, ERP_UNIT_COST_SQL, figuresOf, type LineCostRow as RowCosts } from './line-costs';
import { readCosting } from './settings';

type LineCostRow = RowCosts & { opportunity_id: number };

/**
 * Recomputes the stored amount and cost of opportunities (all, or the given ids) from their
 * lines, with the shared domain math. Core calls it whenever lines or costs change.
 */
export function refreshOpportunityTotals(db: Db, options: { today: string; ids?: number[] }): number {
  const raw = db.$client;
  const costing = readCosting(db);
  const where = options.ids ? `WHERE l.opportunity_id IN (SELECT value FROM json_each(@ids))` : '';
  const rows = raw
    .prepare(
      `SELECT l.opportunity_id, l.qty, l.unit_price, l.discount,
        ${ERP_UNIT_COST_SQL} AS erp_unit_cost, ${BEST_SUPPLIER_PRICE_SQL} AS best_supplier_price
      FROM opportunity_lines l ${where} ORDER BY l.opportunity_id`,
    )
    .all({ today: options.today, ...(options.ids ? { ids: JSON.stringify(options.ids) } : {}) }) as LineCostRow[];
  const totals = new Map<number, { amount: number; cost: number }>();
  for (const id of options.ids ?? []) totals.set(id, { amount: 0, cost: 0 });
  for (const r of rows) {
    const f = figuresOf(r, costing);
    const t = totals.get(r.opportunity_id) ?? { amount: 0, cost: 0 };
    t.amount += f.amount;
    t.cost += f.cost;
    totals.set(r.opportunity_id, t);
  }
  const update = raw.prepare('UPDATE opportunities SET amount = ?, cost = ? WHERE id = ? AND (amount != ? OR cost != ?)');
  let changed = 0;
  raw.transaction(() => {
    for (const [id, t] of totals) changed += update.run(t.amount, t.cost, id, t.amount, t.cost).changes;
  })();
  return changed;
}
