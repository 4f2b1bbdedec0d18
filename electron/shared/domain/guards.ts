import { rate, type Money, type Rate } from '../money';

/** Margin thresholds in basis points: under target warns, under minimum needs an approval. */
export type MarginRule = { targetRate: Rate; minimumRate: Rate };
export type MarginRuleScope = { scope: 'company' | 'category' | 'customer'; scopeId: number | null; rule: MarginRule };
export type GuardState = 'ok' | 'below_target' | 'below_minimum' | 'below_cost';
/** A company without any margin rule: 20 % target, 12 % minimum. */
export const DEFAULT_MARGIN_RULE: MarginRule = { targetRate: 2000, minimumRate: 1200 };

const SEVERITY: Record<GuardState, number> = { ok: 0, below_target: 1, below_minimum: 2, below_cost: 3 };

/** The state of a line or a deal against its margin rule (DESIGN.md §2.3). */
export function marginState(amount: Money, cost: Money, rule: MarginRule): GuardState {
  if (amount < cost) return 'below_cost';
  const r = rate.ratio(amount - cost, amount);
  if (r === null) return 'ok';
  if (r < rule.minimumRate) return 'below_minimum';
  if (r < rule.targetRate) return 'below_target';
  return 'ok';
}

/**
 * The most specific rule: the customer's, else the nearest product category's walking up its
 * parents (categoryPath: the line's category first, then its ancestors), else the company's.
 */
export function resolveMarginRule(rules: MarginRuleScope[], at: { customerId: number; categoryPath: number[] }, fallback: MarginRule): MarginRule {
  const find = (scope: MarginRuleScope['scope'], id: number | null) => rules.find((r) => r.scope === scope && r.scopeId === id)?.rule;
  const category = at.categoryPath.reduce<MarginRule | undefined>((found, id) => found ?? find('category', id), undefined);
  return find('customer', at.customerId) ?? category ?? find('company', null) ?? fallback;
}

/** A category and its ancestors, nearest first (stops on a cycle). */
export function categoryPath(categoryId: number | null, parentOf: Map<number, number | null>): number[] {
  const path: number[] = [];
  for (let c = categoryId; c !== null && c !== undefined && !path.includes(c); c = parentOf.get(c) ?? null) path.push(c);
  return path;
}

/**
 * The deal's thresholds: each line's rule weighted by the line's amount, so a deal of thin-margin
 * cement is not held to the company's general target. A deal with no amount keeps the fallback.
 */
export function blendedRule(lines: { amount: Money; rule: MarginRule }[], fallback: MarginRule): MarginRule {
  const weights = lines.map((l) => ({ w: BigInt(Math.max(l.amount, 0)), rule: l.rule }));
  const total = weights.reduce((s, l) => s + l.w, 0n);
  if (total === 0n) return fallback;
  // amounts are positive here: round half up
  const blend = (pick: (r: MarginRule) => Rate): Rate =>
    Number((weights.reduce((s, l) => s + l.w * BigInt(pick(l.rule)), 0n) * 2n + total) / (2n * total));
  return { targetRate: blend((r) => r.targetRate), minimumRate: blend((r) => r.minimumRate) };
}

export function worstState(states: GuardState[]): GuardState {
  return states.reduce<GuardState>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'ok');
}

/**
 * The deal's guard (DESIGN.md §2.3): the worst of the deal against its blended rule and of each
 * line against its own. One home for the 360° view, the live preview and the stored state the
 * opportunities grid sorts and colours by.
 */
export function dealGuard(
  lines: { amount: Money; cost: Money; rule: MarginRule }[],
  total: { amount: Money; cost: Money },
  fallback: MarginRule,
): { state: GuardState; rule: MarginRule; lineStates: GuardState[] } {
  const rule = blendedRule(lines, fallback);
  const lineStates = lines.map((l) => marginState(l.amount, l.cost, l.rule));
  return { state: worstState([marginState(total.amount, total.cost, rule), ...lineStates]), rule, lineStates };
}
