import { describe, expect, it } from 'vitest';
import { blendedRule, categoryPath, marginState, resolveMarginRule, worstState } from './guards';

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
    expect(resolveMarginRule(rules, { customerId: 42, categoryPath: [7] }, fallback).minimumRate).toBe(500);
    expect(resolveMarginRule(rules, { customerId: 1, categoryPath: [7] }, fallback).minimumRate).toBe(800);
    expect(resolveMarginRule(rules, { customerId: 1, categoryPath: [] }, fallback).minimumRate).toBe(1_000);
    expect(resolveMarginRule([], { customerId: 1, categoryPath: [] }, fallback)).toBe(fallback);
  });

  it('takes the rule of the nearest category up the tree', () => {
    const rules = [
      { scope: 'company' as const, scopeId: null, rule: { targetRate: 2_000, minimumRate: 1_000 } },
      { scope: 'category' as const, scopeId: 1, rule: { targetRate: 1_500, minimumRate: 700 } },
      { scope: 'category' as const, scopeId: 3, rule: { targetRate: 1_200, minimumRate: 600 } },
    ];
    const parentOf = new Map<number, number | null>([
      [1, null],
      [2, 1],
      [3, 2],
      [4, 3],
      [9, 9],
    ]);
    expect(categoryPath(4, parentOf)).toEqual([4, 3, 2, 1]);
    expect(categoryPath(9, parentOf)).toEqual([9]);
    expect(categoryPath(null, parentOf)).toEqual([]);
    const fallback = { targetRate: 0, minimumRate: 0 };
    expect(resolveMarginRule(rules, { customerId: 1, categoryPath: categoryPath(4, parentOf) }, fallback).minimumRate).toBe(600);
    expect(resolveMarginRule(rules, { customerId: 1, categoryPath: categoryPath(2, parentOf) }, fallback).minimumRate).toBe(700);
    expect(resolveMarginRule(rules, { customerId: 1, categoryPath: categoryPath(9, parentOf) }, fallback).minimumRate).toBe(1_000);
  });

  it('holds a deal to the rules of its lines weighted by amount', () => {
    const cement = { targetRate: 1_200, minimumRate: 700 };
    const tools = { targetRate: 2_000, minimumRate: 1_200 };
    // 3 000 € of cement and 1 000 € of tools: target (3×12 + 20)/4 = 14 %, minimum (3×7 + 12)/4 = 8.25 %
    const deal = blendedRule(
      [
        { amount: 30_000_000, rule: cement },
        { amount: 10_000_000, rule: tools },
      ],
      tools,
    );
    expect(deal).toEqual({ targetRate: 1_400, minimumRate: 825 });
    // one basis point rounds half up: (1 × 700 + 2 × 701) / 3 = 700.67 → 701
    expect(
      blendedRule(
        [
          { amount: 1, rule: { targetRate: 700, minimumRate: 700 } },
          { amount: 2, rule: { targetRate: 701, minimumRate: 701 } },
        ],
        tools,
      ).minimumRate,
    ).toBe(701);
    // a credit line (negative amount) does not lower the bar; no amount keeps the fallback
    expect(
      blendedRule(
        [
          { amount: -5_000, rule: cement },
          { amount: 10_000, rule: tools },
        ],
        cement,
      ),
    ).toEqual(tools);
    expect(blendedRule([], tools)).toBe(tools);
  });

  it('gives a deal the state of its worst line', () => {
    expect(worstState(['ok', 'below_target', 'ok'])).toBe('below_target');
    expect(worstState(['below_minimum', 'below_cost', 'ok'])).toBe('below_cost');
    expect(worstState([])).toBe('ok');
  });
});
