import { describe, expect, it } from 'vitest';
import { creditHeadroom, creditState } from './credit';

// 50 000 € limit, 20 000 € outstanding, 5 000 € open orders
const customer = { creditLimit: 500_000_000, outstanding: 200_000_000, openOrders: 50_000_000, onHold: false };

describe('credit', () => {
  it('computes headroom after this deal, and after the weighted pipeline', () => {
    // 50 000 − 20 000 − 5 000 − 12 000 = 13 000 €; minus 8 000 € of weighted pipeline = 5 000 €
    expect(creditHeadroom(customer, 120_000_000, 80_000_000)).toEqual({ headroom: 130_000_000, withPipeline: 50_000_000 });
  });

  it('is ok, warns near the limit, needs approval past it, and hold blocks', () => {
    expect(creditState(customer, 100_000_000, 1_000)).toBe('ok'); // 15 000 € left ≥ 10 % of the limit
    expect(creditState(customer, 210_000_000, 1_000)).toBe('warn'); // 4 000 € left < 5 000 €
    expect(creditState(customer, 250_000_000, 1_000)).toBe('warn'); // exactly 0 left
    expect(creditState(customer, 250_000_001, 1_000)).toBe('approval');
    expect(creditState({ ...customer, onHold: true }, 0, 1_000)).toBe('blocked');
  });
});
