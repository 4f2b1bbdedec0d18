import { describe, expect, it } from 'vitest';
import { money } from '../money';
import { quoteTotals } from './quote';

describe('a quote’s totals', () => {
  it('TVA per rate on the rate’s base, rounded once per rate; TTC = HT + TVA', () => {
    const lines = [
      { amount: money.fromUnits(1234.56), taxRate: 2000 },
      { amount: money.fromUnits(0.05), taxRate: 2000 },
      { amount: money.fromUnits(999.99), taxRate: 1000 },
    ];
    const t = quoteTotals(lines);
    expect(t.net).toBe(money.fromUnits(2234.6));
    // 20 % of 1 234,61 = 246,922 → 246,92; 10 % of 999,99 = 99,999 → 100,00
    expect(t.taxes).toEqual([
      { rate: 1000, base: money.fromUnits(999.99), tax: money.fromUnits(100) },
      { rate: 2000, base: money.fromUnits(1234.61), tax: money.fromUnits(246.92) },
    ]);
    expect(t.gross).toBe(money.fromUnits(2581.52));
  });

  it('rounds the rate’s total, not each line (three lines of 0,025 € at 20 %: 0,02 €, where per line it would be 0,03 €)', () => {
    const lines = Array.from({ length: 3 }, () => ({ amount: 250, taxRate: 2000 }));
    expect(quoteTotals(lines).taxes).toEqual([{ rate: 2000, base: 750, tax: 200 }]);
  });
});
