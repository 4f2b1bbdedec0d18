/**
 * The sales manager's measures (DESIGN.md §7, issue 14), one home each. Where SQL computes one
 * over the whole team (the dashboards), its twin sits beside it and a test runs both.
 */
import { rate, type Money, type Rate } from '../money';

const DAY_SECONDS = 86_400;

/** Whole days from one instant to another, on whole seconds (negative spans count as 0). */
export function spanDays(from: string, to: string): number {
  const s = Math.floor(Date.parse(to) / 1000) - Math.floor(Date.parse(from) / 1000);
  return s <= 0 ? 0 : Math.floor(s / DAY_SECONDS);
}

/** `spanDays` in SQL (SQL expressions of ISO instants). */
export const spanDaysSql = (from: string, to: string): string => `max(0, (unixepoch(${to}) - unixepoch(${from})) / ${DAY_SECONDS})`;

/**
 * The nearest-rank percentile: the smallest value with at least p % of the values at or below it
 * (the median is the lower middle value). Null for no values. `p` a whole percent, 1–100.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[rankOf(sorted.length, p) - 1]!;
}

/** The 1-based rank the percentile reads for n values: ⌈n × p / 100⌉, at least 1. */
export const rankOf = (n: number, p: number): number => Math.max(1, Math.ceil((n * p) / 100));

/** `rankOf` in SQL (integer expressions). */
export const rankOfSql = (n: string, p: number): string => `max(1, (${n} * ${p} + 99) / 100)`;

/** The percentile from a histogram of whole values (value → how many): the same as `percentile` on the values it counts. */
export function percentileOfCounts(counts: readonly { value: number; n: number }[], p: number): number | null {
  const total = counts.reduce((s, c) => s + c.n, 0);
  if (total === 0) return null;
  const rank = rankOf(total, p);
  let seen = 0;
  for (const c of [...counts].sort((a, b) => a.value - b.value)) {
    seen += c.n;
    if (seen >= rank) return c.value;
  }
  return null;
}

export type Spread = { n: number; median: number | null; p75: number | null };

export const spreadOf = (values: readonly number[]): Spread => ({ n: values.length, median: percentile(values, 50), p75: percentile(values, 75) });

/** A deal won or lost: its value, its cost, when it was created and closed. */
export type ClosedDeal = { won: boolean; amount: Money; cost: Money; createdAt: string; closedAt: string; lostReason: string | null };

export type WinRate = { won: number; lost: number; wonAmount: Money; lostAmount: Money; byCount: Rate | null; byValue: Rate | null };

/** Won ÷ (won + lost), by count and by value. */
export function winRate(deals: readonly ClosedDeal[]): WinRate {
  let won = 0;
  let lost = 0;
  let wonAmount = 0;
  let lostAmount = 0;
  for (const d of deals) {
    if (d.won) {
      won++;
      wonAmount += d.amount;
    } else {
      lost++;
      lostAmount += d.amount;
    }
  }
  return { won, lost, wonAmount, lostAmount, byCount: rate.ratio(won, won + lost), byValue: rate.ratio(wonAmount, wonAmount + lostAmount) };
}

/** The sales cycle: whole days from creation to won or lost. */
export const cycleDays = (d: Pick<ClosedDeal, 'createdAt' | 'closedAt'>): number => spanDays(d.createdAt, d.closedAt);

/** The average basket: the mean amount of won deals, rounded half up to the money unit. Null without a won deal. */
export function averageBasket(deals: readonly ClosedDeal[]): Money | null {
  const won = deals.filter((d) => d.won);
  if (won.length === 0) return null;
  const total = won.reduce((s, d) => s + d.amount, 0);
  return Math.round(total / won.length);
}

/** The gross margin rate of amounts and costs: Σ(amount − cost) ÷ Σ amount (null when nothing is quoted). */
export function marginRateOf(rows: readonly { amount: Money; cost: Money }[]): Rate | null {
  const amount = rows.reduce((s, r) => s + r.amount, 0);
  const cost = rows.reduce((s, r) => s + r.cost, 0);
  return rate.ratio(amount - cost, amount);
}

/** A deal's stay in one stage, from the stage history: where it went next (null: still there). */
export type Stay = { stageId: number; enteredAt: string; leftAt: string | null; nextStageId: number | null };

export type Conversion = { stageId: number; entered: number; forward: number; backward: number; still: number; rate: Rate | null };

/**
 * Stage-to-stage conversion for stays that began in the period: moved forward (to a later stage or
 * a won one), moved back or lost, or still in it. Rate = forward ÷ entered.
 */
export function conversion(stays: readonly Stay[], stages: ReadonlyMap<number, { position: number; kind: 'open' | 'won' | 'lost' }>): Conversion[] {
  const out = new Map<number, Conversion>();
  for (const s of stays) {
    let c = out.get(s.stageId);
    if (!c) out.set(s.stageId, (c = { stageId: s.stageId, entered: 0, forward: 0, backward: 0, still: 0, rate: null }));
    c.entered++;
    if (s.nextStageId === null) c.still++;
    else if (isForward(stages.get(s.stageId), stages.get(s.nextStageId))) c.forward++;
    else c.backward++;
  }
  return [...out.values()].map((c) => ({ ...c, rate: rate.ratio(c.forward, c.entered) }));
}

/** A move forward: into a won stage, or into an open stage placed after the one left. */
export function isForward(from: { position: number } | undefined, to: { position: number; kind: string } | undefined): boolean {
  if (!from || !to) return false;
  return to.kind === 'won' || (to.kind === 'open' && to.position > from.position);
}

/**
 * A stage's stagnation threshold: the company's (days), or else the p75 of past stays in it
 * (null: neither, nothing is stagnant there).
 */
export const stagnationThreshold = (set: number | null, p75: number | null): number | null => set ?? p75;

/**
 * Stagnant: an open deal in its stage for longer than the stage's threshold (days, to the second),
 * with no open activity planned. Its SQL twin is `stagnantSql`.
 */
export function isStagnant(
  deal: { stageKind: string; stageEnteredAt: string; threshold: number | null; nextActivityAt: string | null },
  now: string,
): boolean {
  const seconds = Math.floor(Date.parse(now) / 1000) - Math.floor(Date.parse(deal.stageEnteredAt) / 1000);
  return deal.stageKind === 'open' && deal.threshold !== null && seconds > deal.threshold * DAY_SECONDS && deal.nextActivityAt === null;
}

/** `isStagnant` in SQL (SQL expressions of the stage's kind, when the deal entered it, its threshold, the next open activity, now). */
export const stagnantSql = (kind: string, enteredAt: string, threshold: string, nextActivity: string, now: string): string =>
  `(${kind} = 'open' AND ${threshold} IS NOT NULL AND unixepoch(${now}) - unixepoch(${enteredAt}) > ${threshold} * ${DAY_SECONDS} AND ${nextActivity} IS NULL)`;
