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

/** Median and p75 of whole values counted (value → how many). */
export const spreadOfCounts = (counts: readonly { value: number; n: number }[]): Spread => ({
  n: counts.reduce((s, c) => s + c.n, 0),
  median: percentileOfCounts(counts, 50),
  p75: percentileOfCounts(counts, 75),
});

/** Deals won or lost in a period, grouped by outcome, lost reason and cycle length in days: how many, their amount and cost. */
export type ClosedGroup = { kind: 'won' | 'lost'; reason: string | null; days: number; deals: number; amount: Money; cost: Money };

export type ClosedKpis = {
  won: number;
  lost: number;
  wonAmount: Money;
  lostAmount: Money;
  /** won ÷ (won + lost), by count and by value */
  byCount: Rate | null;
  byValue: Rate | null;
  /** the mean amount of won deals, rounded half up to the money unit */
  basket: Money | null;
  /** Σ (amount − cost) ÷ Σ amount of won deals */
  wonMarginRate: Rate | null;
  /** the sales cycle, creation to won or lost (`spanDays`): median and p75 */
  cycle: { all: Spread; won: Spread; lost: Spread };
  lostReasons: { reason: string | null; deals: number; amount: Money }[];
};

/** The KPIs of the deals closed in a period, from their groups. */
export function closedKpis(groups: readonly ClosedGroup[]): ClosedKpis {
  const sum = (kind: 'won' | 'lost', f: (g: ClosedGroup) => number) => groups.filter((g) => g.kind === kind).reduce((s, g) => s + f(g), 0);
  const [won, lost] = [sum('won', (g) => g.deals), sum('lost', (g) => g.deals)];
  const [wonAmount, lostAmount, wonCost] = [sum('won', (g) => g.amount), sum('lost', (g) => g.amount), sum('won', (g) => g.cost)];
  const spread = (kinds: string[]) => {
    const counts = groups.filter((g) => kinds.includes(g.kind)).map((g) => ({ value: g.days, n: g.deals }));
    return { n: counts.reduce((s, c) => s + c.n, 0), median: percentileOfCounts(counts, 50), p75: percentileOfCounts(counts, 75) };
  };
  const reasons = new Map<string | null, { reason: string | null; deals: number; amount: Money }>();
  for (const g of groups.filter((x) => x.kind === 'lost')) {
    const r = reasons.get(g.reason) ?? { reason: g.reason, deals: 0, amount: 0 };
    reasons.set(g.reason, { ...r, deals: r.deals + g.deals, amount: r.amount + g.amount });
  }
  return {
    won,
    lost,
    wonAmount,
    lostAmount,
    byCount: rate.ratio(won, won + lost),
    byValue: rate.ratio(wonAmount, wonAmount + lostAmount),
    basket: won === 0 ? null : Math.round(wonAmount / won),
    wonMarginRate: rate.ratio(wonAmount - wonCost, wonAmount),
    cycle: { all: spread(['won', 'lost']), won: spread(['won']), lost: spread(['lost']) },
    lostReasons: [...reasons.values()].sort((x, y) => y.deals - x.deals || String(x.reason).localeCompare(String(y.reason))),
  };
}

/** Stays in one stage, from the stage history: where the deal went next (null: still there), and how many went so. */
export type Stay = { stageId: number; nextStageId: number | null; stays: number };

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
    c.entered += s.stays;
    if (s.nextStageId === null) c.still += s.stays;
    else if (isForward(stages.get(s.stageId), stages.get(s.nextStageId))) c.forward += s.stays;
    else c.backward += s.stays;
  }
  return [...out.values()].map((c) => ({ ...c, rate: rate.ratio(c.forward, c.entered) }));
}

/** A move forward: into a won stage, or into an open stage placed after the one left. */
export function isForward(from: { position: number } | undefined, to: { position: number; kind: string } | undefined): boolean {
  if (!from || !to) return false;
  return to.kind === 'won' || (to.kind === 'open' && to.position > from.position);
}

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
