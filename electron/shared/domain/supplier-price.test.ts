import { describe, expect, it } from 'vitest';
import { bestSupplierPrice } from './supplier-price';

const tiers = [
  { supplierId: 1, minQty: 0, unitPrice: 100_000, leadTimeDays: 5, validFrom: null, validTo: null },
  { supplierId: 1, minQty: 10_000, unitPrice: 95_000, leadTimeDays: 5, validFrom: null, validTo: null },
  { supplierId: 2, minQty: 0, unitPrice: 90_000, leadTimeDays: 14, validFrom: null, validTo: '2026-11-29' },
  { supplierId: 3, minQty: 0, unitPrice: 95_000, leadTimeDays: 2, validFrom: '2026-11-01', validTo: null },
];

describe('best supplier price', () => {
  it('applies a tier from its minimum quantity included', () => {
    expect(bestSupplierPrice(tiers, 9_999, '2026-11-30')?.unitPrice).toBe(95_000); // supplier 3, any quantity
    expect(bestSupplierPrice(tiers.slice(0, 2), 9_999, '2026-11-30')?.unitPrice).toBe(100_000);
    expect(bestSupplierPrice(tiers.slice(0, 2), 10_000, '2026-11-30')?.unitPrice).toBe(95_000);
  });

  it('ignores expired and future offers, and prefers the shorter lead time at the same price', () => {
    expect(bestSupplierPrice(tiers, 10_000, '2026-11-30')).toMatchObject({ supplierId: 3, leadTimeDays: 2 });
    expect(bestSupplierPrice(tiers, 1_000, '2026-11-29')?.supplierId).toBe(2);
    expect(bestSupplierPrice(tiers.slice(3), 1_000, '2026-10-31')).toBeNull();
  });
});
