import { categoryPath, dealGuard, DEFAULT_MARGIN_RULE, resolveMarginRule, type MarginRule } from '../../electron/shared/domain/guards';
import type { Db } from '../client';
import { BEST_SUPPLIER_PRICE_SQL, ERP_UNIT_COST_SQL, figuresOf, type LineCostRow as RowCosts } from './line-costs';
import { readCategoryParents } from './rules';
import { readCosting } from './settings';
import { readMarginRules } from './workspace';

type LineCostRow = RowCosts & {
  opportunity_id: number;
  customer_id: number;
  category_id: number | null;
  line_id: number | null;
  line_amount: number;
  line_cost: number;
};
type Deal = { customerId: number; amount: number; cost: number; lines: { amount: number; cost: number; rule: MarginRule }[] };

/**
 * Recomputes the stored amount, cost and margin guard of opportunities (all, or the given ids), and
 * each line's amount and cost, from their lines, with the shared domain math. Core calls it whenever lines, costs or rules change.
 */
export function refreshOpportunityTotals(db: Db, options: { today: string; ids?: number[] }): number {
  const raw = db.$client;
  const costing = readCosting(db);
  const rules = readMarginRules(db);
  const parents = readCategoryParents(db);
  const where = options.ids ? `WHERE o.id IN (SELECT value FROM json_each(@ids))` : '';
  const rows = raw
    .prepare(
      `SELECT o.id AS opportunity_id, o.customer_id, p.category_id, l.id AS line_id, l.amount AS line_amount, l.cost AS line_cost, l.qty, l.unit_price, l.discount,
        ${ERP_UNIT_COST_SQL} AS erp_unit_cost, ${BEST_SUPPLIER_PRICE_SQL} AS best_supplier_price
      FROM opportunities o LEFT JOIN opportunity_lines l ON l.opportunity_id = o.id LEFT JOIN products p ON p.id = l.product_id
      ${where} ORDER BY o.id`,
    )
    .all({ today: options.today, ...(options.ids ? { ids: JSON.stringify(options.ids) } : {}) }) as (LineCostRow & { qty: number | null })[];
  const deals = new Map<number, Deal>();
  const lineFigures: [number, number, number][] = [];
  for (const r of rows) {
    let d = deals.get(r.opportunity_id);
    if (!d) deals.set(r.opportunity_id, (d = { customerId: r.customer_id, amount: 0, cost: 0, lines: [] }));
    if (r.qty === null) continue;
    const f = figuresOf(r, costing);
    const rule = resolveMarginRule(rules, { customerId: r.customer_id, categoryPath: categoryPath(r.category_id, parents) }, DEFAULT_MARGIN_RULE);
    if (f.amount !== r.line_amount || f.cost !== r.line_cost) lineFigures.push([f.amount, f.cost, r.line_id!]);
    d.amount += f.amount;
    d.cost += f.cost;
    d.lines.push({ amount: f.amount, cost: f.cost, rule });
  }
  const update = raw.prepare(
    'UPDATE opportunities SET amount = ?, cost = ?, guard_state = ? WHERE id = ? AND (amount != ? OR cost != ? OR guard_state != ?)',
  );
  const updateLine = raw.prepare('UPDATE opportunity_lines SET amount = ?, cost = ? WHERE id = ?');
  let changed = 0;
  raw.transaction(() => {
    for (const l of lineFigures) updateLine.run(...l);
    for (const [id, d] of deals) {
      const fallback = resolveMarginRule(rules, { customerId: d.customerId, categoryPath: [] }, DEFAULT_MARGIN_RULE);
      const state = dealGuard(d.lines, d, fallback).state;
      changed += update.run(d.amount, d.cost, state, id, d.amount, d.cost, state).changes;
    }
  })();
  return changed;
}
