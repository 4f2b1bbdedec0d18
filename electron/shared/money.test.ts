import { describe, expect, it } from 'vitest';
import { extend, lineAmount, margin, money, qty, rate, weighted } from './money';

describe('money', () => {
  it('converts euros to 1/10 000 and back without float drift', () => {
    expect(money.fromUnits(1234.56)).toBe(12_345_600);
    expect(money.fromUnits(0.1 + 0.2)).toBe(3_000);
    expect(money.fromUnits(-12.345)).toBe(-123_450);
    expect(money.toUnits(12_345_600)).toBe(1234.56);
  });

  it('refuses non-finite and out-of-range amounts', () => {
    expect(() => money.fromUnits(Number.NaN)).toThrow(RangeError);
    expect(() => money.fromUnits(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => money.fromUnits(1e15)).toThrow(/out of range/);
  });

  it('applies a rate with half-away-from-zero rounding', () => {
    expect(money.applyRate(10_000, 300)).toBe(300); // 3 % of 1 €
    expect(money.applyRate(5, 1_000)).toBe(1); // 0.5 → 1
    expect(money.applyRate(-5, 1_000)).toBe(-1);
  });
});

describe('line arithmetic', () => {
  it('extends quantity × unit price on the fixed-point scales', () => {
    // 2,5 t at 123,45 €/t = 308,625 €
    expect(extend(qty.fromUnits(2.5), money.fromUnits(123.45))).toBe(3_086_250);
  });

  it('computes qty × price × (1 − discount) rounded once', () => {
    // 3 × 9,99 € with 7,5 % off = 27,72225 € → 27,7223 €
    expect(lineAmount(3_000, 99_900, 750)).toBe(277_223);
    expect(lineAmount(3_000, 99_900, 10_000)).toBe(0);
    expect(lineAmount(0, 99_900, 0)).toBe(0);
  });

  it('stays exact on large quantities and prices (no 2^53 overflow in between)', () => {
    // 1 000 000 units at 9 999,9999 € = 9 999 999 900 €
    expect(lineAmount(1_000_000_000, 99_999_999, 0)).toBe(99_999_999_000_000);
  });

  it('rejects a discount outside 0–100 %', () => {
    expect(() => lineAmount(1_000, 10_000, -1)).toThrow(/discount/);
    expect(() => lineAmount(1_000, 10_000, 10_001)).toThrow(/discount/);
  });

  it('gives margin and margin rate, null rate on a zero amount', () => {
    expect(margin(1_000_000, 800_000)).toEqual({ amount: 1_000_000, cost: 800_000, margin: 200_000, marginRate: 2_000 });
    expect(margin(1_000_000, 1_200_000).marginRate).toBe(-2_000);
    expect(margin(0, 500).marginRate).toBeNull();
  });

  it('weights an amount by a whole percent', () => {
    expect(weighted(1_000_005, 30)).toBe(300_002); // 300 001,5 → 300 002
    expect(weighted(1_000_000, 0)).toBe(0);
    expect(weighted(1_000_000, 100)).toBe(1_000_000);
  });

  it('turns percents into basis points and ratios into rates', () => {
    expect(rate.fromPercent(12.5)).toBe(1_250);
    expect(rate.toPercent(1_250)).toBe(12.5);
    expect(rate.ratio(1, 3)).toBe(3_333);
    expect(rate.ratio(2, 3)).toBe(6_667);
    expect(rate.ratio(5, 0)).toBeNull();
  });
});
