import { describe, expect, it } from 'vitest';
import { availability, availableToPromise, coveredFrom } from './atp';

const pos = (onHand: number, reservedErp = 0, localReserved = 0) => ({ onHand, reservedErp, localReserved });

describe('available-to-promise', () => {
  it('is on hand minus both reservations plus receipts due by the date', () => {
    // 100 − 20 − 15 + 40 (due 12/12) = 105; the 60 due on 20/12 do not count on 15/12
    const receipts = [
      { qty: 40_000, expectedDate: '2026-12-12' },
      { qty: 60_000, expectedDate: '2026-12-20' },
    ];
    expect(availableToPromise(pos(100_000, 20_000, 15_000), receipts, '2026-12-15')).toBe(105_000);
  });

  it('counts a receipt expected exactly on the requested date', () => {
    expect(availableToPromise(pos(0), [{ qty: 5_000, expectedDate: '2026-12-15' }], '2026-12-15')).toBe(5_000);
    expect(availableToPromise(pos(0), [{ qty: 5_000, expectedDate: '2026-12-16' }], '2026-12-15')).toBe(0);
  });

  it('stays negative when the ERP shows negative stock', () => {
    expect(availableToPromise(pos(-3_000), [], '2026-12-15')).toBe(-3_000);
    expect(availableToPromise(pos(-3_000), [{ qty: 2_000, expectedDate: '2026-12-01' }], '2026-12-15')).toBe(-1_000);
  });

  it('finds the first date the quantity is covered, counting receipts in date order', () => {
    const receipts = [
      { qty: 30_000, expectedDate: '2026-12-20' },
      { qty: 10_000, expectedDate: '2026-12-05' },
    ];
    expect(coveredFrom(pos(5_000), receipts, 5_000, '2026-12-01')).toBe('2026-12-01');
    expect(coveredFrom(pos(5_000), receipts, 15_000, '2026-12-01')).toBe('2026-12-05');
    expect(coveredFrom(pos(5_000), receipts, 40_000, '2026-12-01')).toBe('2026-12-20');
    expect(coveredFrom(pos(5_000), receipts, 50_000, '2026-12-01')).toBeNull();
    // a late receipt (due yesterday, not in) still counts from today
    expect(coveredFrom(pos(0), [{ qty: 1_000, expectedDate: '2026-11-28' }], 1_000, '2026-12-01')).toBe('2026-12-01');
  });
});

describe('availability of a line', () => {
  const atp = new Map([
    [1, 10_000],
    [2, 50_000],
    [3, -5_000],
  ]);

  it('is available in the chosen warehouse when it covers the quantity', () => {
    expect(availability(10_000, 1, atp)).toEqual({ status: 'available', warehouseId: 1 });
  });

  it('points to another warehouse that covers it alone', () => {
    expect(availability(20_000, 1, atp)).toEqual({ status: 'elsewhere', warehouseId: 2 });
  });

  it('with "any", takes the warehouse with the most', () => {
    expect(availability(20_000, null, atp)).toEqual({ status: 'available', warehouseId: 2 });
  });

  it('is partial when only several warehouses together cover it, negative stock not counting', () => {
    expect(availability(60_000, 1, atp)).toEqual({ status: 'partial' });
  });

  it('is short by what is missing everywhere', () => {
    expect(availability(70_000, null, atp)).toEqual({ status: 'short', missing: 10_000 });
    expect(availability(1_000, 3, new Map([[3, -5_000]]))).toEqual({ status: 'short', missing: 1_000 });
  });
});
