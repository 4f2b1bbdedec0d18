import type { Money, Rate } from '../money';
import { money } from '../money';

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
