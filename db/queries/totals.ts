import { money, type Rate } from '../../electron/shared/money';
import {
  categoryPath,
  dealGuard,
  DEFAULT_MARGIN_RULE,
  resolveMarginRule,
  type GuardState,
  type MarginRule,
} from '../../electron/shared/domain/guards';
import type { Db } from '../client';
import { BEST_SUPPLIER_PRICE_SQL, ERP_UNIT_COST_SQL, figuresOf, type LineCostRow as RowCosts } from './line-costs';
import { readCategoryParents } from './rules';
import { readCosting } from './settings';
import { readMarginRules } from './workspace';

type LineCostRow = RowCosts & {
  opportunity_id: number;
  customer_id: number;
  product_id: number | null;
  category_id: number | null;
  line_id: number | null;
  line_amount: number;
  line_cost: number;
  stored_amount: number;
  stored_cost: number;
  stored_state: GuardState;
};

/** A deal's figures as the shared domain math makes them from its lines. */
export type DealFigures = { customerId: number; amount: number; cost: number; state: GuardState };
/** What a what-if changes: a product's unit cost raised (or lowered) by a rate, for the products it names. */
export type CostShift = { products: ReadonlySet<number>; rate: Rate };

/**
 * The amount, cost and margin guard of opportunities (all, or the given ids) from their lines,
 * each line's figures beside; with `shift`, the lines of the products it names are costed that
 * much higher (the what-if). Nothing is written.
 */
export function computeDeals(
  db: Db,
  options: { today: string; ids?: number[]; shift?: CostShift },
): {
  deals: Map<number, DealFigures>;
  stored: Map<number, Omit<DealFigures, 'customerId'>>;
  lines: [amount: number, cost: number, lineId: number][];
} {
  const costing = readCosting(db);
  const rules = readMarginRules(db);
  const parents = readCategoryParents(db);
  const where = options.ids ? `WHERE o.id IN (SELECT value FROM json_each(@ids))` : '';
  const rows = db.$client
    .prepare(
      `SELECT o.id AS opportunity_id, o.customer_id, o.amount AS stored_amount, o.cost AS stored_cost, o.guard_state AS stored_state, l.product_id, p.category_id, l.id AS line_id, l.amount AS line_amount, l.cost AS line_cost,
        l.qty, l.unit_price, l.discount, ${ERP_UNIT_COST_SQL} AS erp_unit_cost, ${BEST_SUPPLIER_PRICE_SQL} AS best_supplier_price
      FROM opportunities o LEFT JOIN opportunity_lines l ON l.opportunity_id = o.id LEFT JOIN products p ON p.id = l.product_id
      ${where} ORDER BY o.id`,
    )
    .all({ today: options.today, ...(options.ids ? { ids: JSON.stringify(options.ids) } : {}) }) as (LineCostRow & { qty: number | null })[];
  const acc = new Map<number, { customerId: number; amount: number; cost: number; lines: { amount: number; cost: number; rule: MarginRule }[] }>();
  const lines: [number, number, number][] = [];
  const stored = new Map<number, Omit<DealFigures, 'customerId'>>();
  for (const r of rows) {
    let d = acc.get(r.opportunity_id);
    if (!d) {
      acc.set(r.opportunity_id, (d = { customerId: r.customer_id, amount: 0, cost: 0, lines: [] }));
      stored.set(r.opportunity_id, { amount: r.stored_amount, cost: r.stored_cost, state: r.stored_state });
    }
    if (r.qty === null) continue;
    const f = figuresOf(r, costing);
    const cost = options.shift?.products.has(r.product_id!) ? f.cost + money.applyRate(f.cost, options.shift.rate) : f.cost;
    const rule = resolveMarginRule(rules, { customerId: r.customer_id, categoryPath: categoryPath(r.category_id, parents) }, DEFAULT_MARGIN_RULE);
    if (f.amount !== r.line_amount || cost !== r.line_cost) lines.push([f.amount, cost, r.line_id!]);
    d.amount += f.amount;
    d.cost += cost;
    d.lines.push({ amount: f.amount, cost, rule });
  }
  const deals = new Map<number, DealFigures>();
  for (const [id, d] of acc) {
    const fallback = resolveMarginRule(rules, { customerId: d.customerId, categoryPath: [] }, DEFAULT_MARGIN_RULE);
    deals.set(id, { customerId: d.customerId, amount: d.amount, cost: d.cost, state: dealGuard(d.lines, d, fallback).state });
  }
  return { deals, stored, lines };
}

/** A deal whose stored figures the refresh changed: before and after. */
export type Revalued = { id: number; before: Omit<DealFigures, 'customerId'>; after: Omit<DealFigures, 'customerId'> };

/**
 * Recomputes the stored amount, cost and margin guard of opportunities (all, or the given ids), and
 * each line's amount and cost, from their lines, with the shared domain math. Core calls it
 * whenever lines, costs or rules change. Answers the deals it changed, with their figures before.
 */
export function revalueOpportunities(db: Db, options: { today: string; ids?: number[] }): Revalued[] {
  const raw = db.$client;
  const { deals, stored, lines } = computeDeals(db, options);
  const update = raw.prepare('UPDATE opportunities SET amount = ?, cost = ?, guard_state = ? WHERE id = ?');
  const updateLine = raw.prepare('UPDATE opportunity_lines SET amount = ?, cost = ? WHERE id = ?');
  const changed: Revalued[] = [];
  raw.transaction(() => {
    for (const l of lines) updateLine.run(...l);
    for (const [id, d] of deals) {
      const before = stored.get(id)!;
      if (before.amount === d.amount && before.cost === d.cost && before.state === d.state) continue;
      update.run(d.amount, d.cost, d.state, id);
      changed.push({ id, before, after: { amount: d.amount, cost: d.cost, state: d.state } });
    }
  })();
  return changed;
}

/** `revalueOpportunities`, answering how many deals changed. */
export const refreshOpportunityTotals = (db: Db, options: { today: string; ids?: number[] }): number => revalueOpportunities(db, options).length;
