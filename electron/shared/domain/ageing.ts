import { daysBetween } from '../dates';
import type { Money } from '../money';

/** Past-due receivables by age: 1–30, 31–60, 61–90 and over 90 days past their due date. */
export type Ageing = [Money, Money, Money, Money];
export const AGE_BUCKETS = ['0–30', '31–60', '61–90', '> 90'] as const;

/**
 * The ages as far as they are known: a customer's overdue whose ages the ERP has not given yet (a
 * database from before ages were pulled, until its next sync) has none, rather than ages of zero.
 */
export function knownAgeing(overdue: Money, ageing: Ageing): Ageing | null {
  return ageing.reduce((s, a) => s + a, 0) === overdue ? ageing : null;
}

/** The bucket of a line due on `maturity` (ISO day) on `today`, or null when it is not past due. */
export function ageBucket(maturity: string, today: string): 0 | 1 | 2 | 3 | null {
  const late = daysBetween(maturity, today);
  if (late <= 0) return null;
  return late <= 30 ? 0 : late <= 60 ? 1 : late <= 90 ? 2 : 3;
}

/**
 * Open receivable lines (what is still owed and its due date) summed by age on `today`. A credit
 * not matched to an invoice (a payment on account) pays the oldest first, as credit control
 * reads it; lines not yet due do not count.
 */
export function ageingOf(lines: { maturity: string | null; amount: Money }[], today: string): Ageing {
  const out: Ageing = [0, 0, 0, 0];
  let credit = 0;
  for (const l of lines) {
    if (l.amount < 0) credit -= l.amount;
    else {
      const b = l.maturity ? ageBucket(l.maturity, today) : null;
      if (b !== null) out[b] += l.amount;
    }
  }
  return out.map((owed, b) => {
    // oldest first: what the older buckets left of the credit
    const left = Math.max(0, credit - out.slice(b + 1).reduce((s, x) => s + x, 0));
    return owed - Math.min(owed, left);
  }) as Ageing;
}
