import type { Money, Rate } from '../money';
import { money, weighted, weightedSql } from '../money';

export type CreditFigures = { creditLimit: Money; outstanding: Money; openOrders: Money; onHold: boolean };
export type CreditState = 'ok' | 'warn' | 'approval' | 'blocked';

/**
 * Credit headroom (DESIGN.md §7) = limit − outstanding − open orders − this deal; with the
 * pipeline view, minus the weighted amount of the customer's other open deals as well.
 */
export function creditHeadroom(c: CreditFigures, dealAmount: Money, otherPipelineWeighted: Money = 0): { headroom: Money; withPipeline: Money } {
  const headroom = c.creditLimit - c.outstanding - c.openOrders - dealAmount;
  return { headroom, withPipeline: headroom - otherPipelineWeighted };
}

/** Hold blocks; a deal past the limit needs approval; one leaving less than `warnRate` of the limit warns. */
export function creditState(c: CreditFigures, dealAmount: Money, warnRate: Rate): CreditState {
  if (c.onHold) return 'blocked';
  const { headroom } = creditHeadroom(c, dealAmount);
  if (headroom < 0) return 'approval';
  if (headroom < money.applyRate(c.creditLimit, warnRate)) return 'warn';
  return 'ok';
}

/**
 * A customer's other open deals as credit sees them: an accepted one (committed, or waiting for an
 * approval) in full until its sale order is in the ERP (from then on the ERP's open orders hold
 * it: counting it again would count it twice), the rest weighted by their probability.
 */
export type OtherDeals = { committed: Money; weighted: Money };
type OtherDeal = { amount: Money; probability: number; opsState: string | null; orderInErp: boolean };

export const isCommitted = (opsState: string | null): boolean => opsState === 'committed' || opsState === 'awaiting_approval';

export function otherDeals(deals: OtherDeal[]): OtherDeals {
  let committed = 0;
  let w = 0;
  for (const d of deals) {
    if (!isCommitted(d.opsState)) w += weighted(d.amount, d.probability);
    else if (!d.orderInErp) committed += d.amount;
  }
  return { committed, weighted: w };
}

/** SQL twin of `otherDeals` over open deals `o` (the caller joins the open stages and groups): `committed`, `weighted`. */
export const otherDealsSql = (o: string): string => {
  const accepted = `${o}.ops_state IN ('committed', 'awaiting_approval')`;
  const inErp = `EXISTS (SELECT 1 FROM outbox x WHERE x.subject = 'opportunity:' || ${o}.id AND x.kind = 'sale_order' AND x.status = 'done')`;
  return `coalesce(sum(CASE WHEN ${accepted} AND NOT ${inErp} THEN ${o}.amount ELSE 0 END), 0) AS committed,
   coalesce(sum(CASE WHEN ${accepted} THEN 0 ELSE ${weightedSql(`${o}.amount`, `${o}.probability`)} END), 0) AS weighted`;
};

/**
 * The credit a deal leaves (DESIGN.md §7): its amount on top of what the customer owes, its open
 * orders and its accepted deals; with the pipeline, less the other deals' weighted amount too.
 * The Finance grid is the same without a deal of its own (`dealAmount` 0).
 */
export function dealCredit(c: CreditFigures, dealAmount: Money, others: OtherDeals, warnRate: Rate) {
  const promised = dealAmount + others.committed;
  return { ...creditHeadroom(c, promised, others.weighted), state: creditState(c, promised, warnRate) };
}
