import type { GuardState } from '../../electron/shared/domain/guards';
import type { Db } from '../client';
import { prepareCached } from './statements';
import type { Revalued } from './totals';

/** How bad a guard is: a pull that raises it puts the deal at risk. */
export const GUARD_RANK: Record<GuardState, number> = { ok: 0, below_target: 1, below_minimum: 2, below_cost: 3 };

/** A deal a pull put below its target, minimum or cost, with what its owner's follow-up needs. */
export type AtRisk = Revalued & { ownerId: number | null; customerId: number; uid: string; reference: string; customerName: string };

/** Keeps the deals the revaluation made worse and now below target (an open deal's margin at risk); answers them. */
export function recordMarginAlerts(db: Db, revalued: Revalued[], cause: string, at: string): AtRisk[] {
  const worse = revalued.filter((r) => GUARD_RANK[r.after.state] > GUARD_RANK[r.before.state] && r.after.amount === r.before.amount);
  const insert = prepareCached(
    db.$client,
    `INSERT INTO margin_alerts (opportunity_id, at, cause, amount, cost_before, cost_after, guard_before, guard_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const deal = prepareCached(
    db.$client,
    `SELECT o.owner_id AS ownerId, o.customer_id AS customerId, o.uid, o.reference, c.name AS customerName
     FROM opportunities o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?`,
  );
  return worse.map((r) => {
    insert.run(r.id, at, cause, r.after.amount, r.before.cost, r.after.cost, r.before.state, r.after.state);
    return { ...r, ...(deal.get(r.id) as Omit<AtRisk, keyof Revalued>) };
  });
}

export type MarginRiskRow = {
  opportunityId: number;
  reference: string;
  customerName: string;
  ownerName: string | null;
  at: string;
  cause: string;
  amount: number;
  costBefore: number;
  costAfter: number;
  guardBefore: GuardState;
  guardAfter: GuardState;
  guardNow: GuardState;
};

/** The open deals a pull put at risk since `since` and still below target: the latest alert of each. */
export function marginRiskRows(db: Db, p: { since: string; owner: number | null; limit: number }): MarginRiskRow[] {
  return prepareCached(
    db.$client,
    `SELECT a.opportunity_id AS opportunityId, o.reference, c.name AS customerName, u.name AS ownerName, a.at, a.cause, a.amount,
       a.cost_before AS costBefore, a.cost_after AS costAfter, a.guard_before AS guardBefore, a.guard_after AS guardAfter, o.guard_state AS guardNow
     FROM margin_alerts a
     JOIN opportunities o ON o.id = a.opportunity_id JOIN stages s ON s.id = o.stage_id AND s.kind = 'open'
     JOIN customers c ON c.id = o.customer_id LEFT JOIN users u ON u.id = o.owner_id
     WHERE a.at >= @since AND o.guard_state != 'ok' AND (@owner IS NULL OR o.owner_id = @owner)
       AND a.id = (SELECT max(b.id) FROM margin_alerts b WHERE b.opportunity_id = a.opportunity_id)
     ORDER BY (a.cost_after - a.cost_before) DESC, a.id DESC LIMIT @limit`,
  ).all(p) as MarginRiskRow[];
}

/** The products a what-if raises: a category and those under it, or what a supplier sells us. */
export function productsOf(db: Db, p: { categories: number[] | null; supplierId: number | null }): Set<number> {
  if (p.categories)
    return new Set(
      prepareCached(db.$client, 'SELECT id FROM products WHERE category_id IN (SELECT value FROM json_each(?))')
        .pluck()
        .all(JSON.stringify(p.categories)) as number[],
    );
  return new Set(
    prepareCached(db.$client, 'SELECT DISTINCT product_id FROM supplier_prices WHERE supplier_id = ? AND active = 1')
      .pluck()
      .all(p.supplierId) as number[],
  );
}

/** The open deals with a line of one of these products. */
export function openDealsWith(db: Db, products: Set<number>): number[] {
  return prepareCached(
    db.$client,
    `SELECT DISTINCT l.opportunity_id FROM opportunity_lines l JOIN opportunities o ON o.id = l.opportunity_id JOIN stages s ON s.id = o.stage_id
     WHERE s.kind = 'open' AND l.product_id IN (SELECT value FROM json_each(?))`,
  )
    .pluck()
    .all(JSON.stringify([...products])) as number[];
}
