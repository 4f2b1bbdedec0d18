import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { transferSource } from './transfer';

describe('a transfer instead of a purchase', () => {
  const today = '2026-12-01';
  const stock = [
    { warehouseId: 1, atp: 0 },
    { warehouseId: 2, atp: 40_000 },
    { warehouseId: 3, atp: 90_000 },
    { warehouseId: 4, atp: 120_000 },
  ];
  it('takes the other warehouse with the most free stock that covers the whole shortage, in time', () => {
    expect(transferSource(stock, { warehouseId: 4, qty: 50_000, neededBy: addDays(today, 10) }, today, 2)).toEqual({ warehouseId: 3, atp: 90_000 });
    expect(transferSource(stock, { warehouseId: 1, qty: 50_000, neededBy: null }, today, 2)).toEqual({ warehouseId: 4, atp: 120_000 });
    // nobody covers it whole: no transfer (a partial one would leave the deal short anyway)
    expect(transferSource(stock, { warehouseId: 1, qty: 130_000, neededBy: null }, today, 2)).toBeNull();
    // too late for handling and a day on the road
    expect(transferSource(stock, { warehouseId: 1, qty: 10_000, neededBy: addDays(today, 2) }, today, 2)).toBeNull();
    expect(transferSource(stock, { warehouseId: 1, qty: 10_000, neededBy: addDays(today, 3) }, today, 2)).toEqual({ warehouseId: 4, atp: 120_000 });
  });
});
