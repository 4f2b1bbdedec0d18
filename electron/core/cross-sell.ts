import type { Db } from '../../db/client';
import { candidateCosts, togetherCandidates, usualCandidates, type Candidate } from '../../db/queries/cross-sell';
import { readCategoryParents } from '../../db/queries/rules';
import { readCosting } from '../../db/queries/settings';
import { prepareCached } from '../../db/queries/statements';
import * as q from '../../db/queries/workspace';
import type { Output } from '../shared/contract';
import { addDays } from '../shared/dates';
import { availableToPromise } from '../shared/domain/atp';
import { lineFigures } from '../shared/domain/costing';
import { categoryPath, DEFAULT_MARGIN_RULE, resolveMarginRule } from '../shared/domain/guards';
import { notFound } from '../shared/errors';

/** How far back a customer's habits and others' baskets are read; what « lately » means. */
const HISTORY_DAYS = 730;
const LATELY_DAYS = 60;
const PER_KIND = 8;

type Suggestion = Output<'opportunity.suggestions'>[number];

/**
 * Cross-sell and up-sell on a deal (issue 14): the customer's usual products not bought lately, and
 * those others bought with the deal's products — each kept only when the deal's warehouse can
 * promise its usual quantity by the deal's date (ATP) and its margin at the price proposed (the
 * customer's last, else the list price) reaches the target of its rule.
 */
export function suggestions(db: Db, opportunityId: number, today: string): Output<'opportunity.suggestions'> {
  const deal = prepareCached(
    db.$client,
    `SELECT o.customer_id AS customerId, coalesce(o.requested_date, o.expected_close) AS date, c.preferred_warehouse_id AS preferred,
       (SELECT l.warehouse_id FROM opportunity_lines l WHERE l.opportunity_id = o.id AND l.warehouse_id IS NOT NULL
        GROUP BY l.warehouse_id ORDER BY count(*) DESC, l.warehouse_id LIMIT 1) AS lines
     FROM opportunities o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?`,
  ).get(opportunityId) as { customerId: number; date: string | null; preferred: number | null; lines: number | null } | undefined;
  if (!deal) throw notFound('Opportunity', opportunityId);
  const warehouseId = deal.lines ?? deal.preferred;
  const date = deal.date && deal.date > today ? deal.date : today;
  const since = addDays(today, -HISTORY_DAYS);
  const usual = usualCandidates(db, { customerId: deal.customerId, opportunityId, since, lately: addDays(today, -LATELY_DAYS), limit: 40 });
  const together = togetherCandidates(db, { customerId: deal.customerId, opportunityId, since, exclude: usual.map((u) => u.productId), limit: 40 });
  const candidates = [...usual, ...together].filter((c) => c.qty > 0);
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.productId);
  const costs = new Map(candidateCosts(db, { customerId: deal.customerId, warehouseId, today, items: candidates }).map((c) => [c.productId, c]));
  const atp = promised(db, ids, warehouseId, date);
  const costing = readCosting(db);
  const rules = q.readMarginRules(db);
  const parents = readCategoryParents(db);
  const out: Suggestion[] = [];
  const shown = { usual: 0, together: 0 };
  for (const c of candidates) {
    const p = costs.get(c.productId);
    if (!p || shown[c.kind] >= PER_KIND) continue;
    const unitPrice = p.lastPrice ?? p.listPrice;
    const f = lineFigures(
      { qty: c.qty, unitPrice, discount: 0, erpUnitCost: p.erp_unit_cost, bestSupplierPrice: p.best_supplier_price },
      costing.basis,
      costing.landedRate,
    );
    const rule = resolveMarginRule(rules, { customerId: deal.customerId, categoryPath: categoryPath(p.categoryId, parents) }, DEFAULT_MARGIN_RULE);
    const available = atp(c.productId);
    if (f.unitCost === null || f.marginRate === null || f.marginRate < rule.targetRate || available.qty < c.qty) continue;
    shown[c.kind]++;
    out.push(
      suggestion(c, p, {
        unitPrice,
        priceFrom: p.lastPrice === null ? 'list' : 'last',
        marginRate: f.marginRate,
        targetRate: rule.targetRate,
        available,
      }),
    );
  }
  return out;
}

function suggestion(
  c: Candidate,
  p: { code: string; name: string; unit: string },
  s: {
    unitPrice: number;
    priceFrom: 'last' | 'list';
    marginRate: number;
    targetRate: number;
    available: { qty: number; warehouseId: number | null };
  },
): Suggestion {
  return {
    productId: c.productId,
    code: p.code,
    name: p.name,
    unit: p.unit,
    kind: c.kind,
    orders: c.orders,
    lastDate: c.lastDate,
    qty: c.qty,
    unitPrice: s.unitPrice,
    priceFrom: s.priceFrom,
    marginRate: s.marginRate,
    targetRate: s.targetRate,
    available: s.available.qty,
    warehouseId: s.available.warehouseId,
  };
}

/** What each product's warehouse can promise by the date: the deal's warehouse, or the best one when it has none. */
function promised(db: Db, ids: number[], warehouseId: number | null, date: string) {
  const stock = q.readStock(db, ids);
  const local = new Map(q.readLocalReservations(db, ids).map((r) => [`${r.productId}:${r.warehouseId}`, r.qty]));
  const receipts = q.readReceipts(db, ids);
  return (productId: number): { qty: number; warehouseId: number | null } => {
    let best: { qty: number; warehouseId: number | null } | null = null;
    for (const s of stock) {
      if (s.productId !== productId || (warehouseId !== null && s.warehouseId !== warehouseId)) continue;
      const position = { onHand: s.onHand, reservedErp: s.reservedErp, localReserved: local.get(`${productId}:${s.warehouseId}`) ?? 0 };
      const qty = availableToPromise(
        position,
        receipts.filter((r) => r.productId === productId && r.warehouseId === s.warehouseId),
        date,
      );
      if (!best || qty > best.qty) best = { qty, warehouseId: s.warehouseId };
    }
    return best ?? { qty: 0, warehouseId };
  };
}
