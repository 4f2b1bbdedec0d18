import { rate, type Money, type Rate } from '../money';

/** Margin thresholds in basis points: under target warns, under minimum needs an approval. */
export type MarginRule = { targetRate: Rate; minimumRate: Rate };
export type MarginRuleScope = { scope: 'company' | 'category' | 'customer'; scopeId: number | null; rule: MarginRule };
export type GuardState = 'ok' | 'below_target' | 'below_minimum' | 'below_cost';

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

/** The most specific rule: the customer's, else the product category's, else the company's. */
export function resolveMarginRule(rules: MarginRuleScope[], at: { customerId: number; categoryId: number | null }, fallback: MarginRule): MarginRule {
  const find = (scope: MarginRuleScope['scope'], id: number | null) => rules.find((r) => r.scope === scope && r.scopeId === id)?.rule;
  return (
    find('customer', at.customerId) ?? (at.categoryId === null ? undefined : find('category', at.categoryId)) ?? find('company', null) ?? fallback
  );
}

export function worstState(states: GuardState[]): GuardState {
  return states.reduce<GuardState>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'ok');
}
