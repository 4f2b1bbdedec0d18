import { describe, expect, it } from 'vitest';
import { marginState, resolveMarginRule, worstState } from './guards';

const rule = { targetRate: 2_000, minimumRate: 1_200 };

describe('margin guard', () => {
  it('grades a margin against target and minimum, by hand', () => {
    expect(marginState(1_000_000, 750_000, rule)).toBe('ok'); // 25 %
    expect(marginState(1_000_000, 800_000, rule)).toBe('ok'); // exactly 20 %: on target
    expect(marginState(1_000_000, 850_000, rule)).toBe('below_target'); // 15 %
    expect(marginState(1_000_000, 880_000, rule)).toBe('below_target'); // exactly 12 %: on minimum
    expect(marginState(1_000_000, 950_000, rule)).toBe('below_minimum'); // 5 %
    expect(marginState(1_000_000, 1_000_000, rule)).toBe('below_minimum'); // 0 %
    expect(marginState(1_000_000, 1_000_001, rule)).toBe('below_cost');
  });

  it('treats a free line (discount 100 %) with a cost as below cost, and one without cost as ok', () => {
    expect(marginState(0, 5_000, rule)).toBe('below_cost');
    expect(marginState(0, 0, rule)).toBe('ok');
  });

  it('takes the customer rule, else the category rule, else the company rule', () => {
    const rules = [
      { scope: 'company' as const, scopeId: null, rule: { targetRate: 2_000, minimumRate: 1_000 } },
      { scope: 'category' as const, scopeId: 7, rule: { targetRate: 1_500, minimumRate: 800 } },
      { scope: 'customer' as const, scopeId: 42, rule: { targetRate: 1_000, minimumRate: 500 } },
    ];
    const fallback = { targetRate: 0, minimumRate: 0 };
    expect(resolveMarginRule(rules, { customerId: 42, categoryId: 7 }, fallback).minimumRate).toBe(500);
    expect(resolveMarginRule(rules, { customerId: 1, categoryId: 7 }, fallback).minimumRate).toBe(800);
    expect(resolveMarginRule(rules, { customerId: 1, categoryId: null }, fallback).minimumRate).toBe(1_000);
    expect(resolveMarginRule([], { customerId: 1, categoryId: null }, fallback)).toBe(fallback);
  });

  it('gives a deal the state of its worst line', () => {
    expect(worstState(['ok', 'below_target', 'ok'])).toBe('below_target');
    expect(worstState(['below_minimum', 'below_cost', 'ok'])).toBe('below_cost');
    expect(worstState([])).toBe('ok');
  });
});
