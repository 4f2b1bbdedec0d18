import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { ageBucket, ageingOf, knownAgeing } from './ageing';

describe('overdue by age', () => {
  it('says the ages are not known rather than zero when they do not make up the overdue', () => {
    expect(knownAgeing(1_000, [600, 400, 0, 0])).toEqual([600, 400, 0, 0]);
    expect(knownAgeing(0, [0, 0, 0, 0])).toEqual([0, 0, 0, 0]);
    expect(knownAgeing(1_000, [0, 0, 0, 0])).toBeNull();
  });

  it('puts each open line in its bucket by days past due, across month and year ends', () => {
    for (const today of ['2026-12-01', '2027-01-01', '2028-03-01']) {
      expect(ageBucket(today, today)).toBeNull();
      expect(ageBucket(addDays(today, 5), today)).toBeNull();
      expect(ageBucket(addDays(today, -1), today)).toBe(0);
      expect(ageBucket(addDays(today, -30), today)).toBe(0);
      expect(ageBucket(addDays(today, -31), today)).toBe(1);
      expect(ageBucket(addDays(today, -60), today)).toBe(1);
      expect(ageBucket(addDays(today, -61), today)).toBe(2);
      expect(ageBucket(addDays(today, -90), today)).toBe(2);
      expect(ageBucket(addDays(today, -91), today)).toBe(3);
      const lines = [
        { maturity: addDays(today, -3), amount: 100 },
        { maturity: addDays(today, -45), amount: 200 },
        { maturity: addDays(today, -45), amount: 50 },
        { maturity: addDays(today, -75), amount: 400 },
        { maturity: addDays(today, -400), amount: 800 },
        { maturity: addDays(today, 10), amount: 1600 },
        { maturity: null, amount: 3200 },
      ];
      expect(ageingOf(lines, today)).toEqual([100, 250, 400, 800]);
      // a payment on account pays the oldest first, never below zero
      expect(ageingOf([...lines, { maturity: null, amount: -1_000 }], today)).toEqual([100, 250, 200, 0]);
      expect(ageingOf([...lines, { maturity: today, amount: -9_999 }], today)).toEqual([0, 0, 0, 0]);
    }
  });
});
