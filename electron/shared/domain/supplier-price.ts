import type { Money, Qty } from '../money';

export type SupplierPrice = {
  supplierId: number;
  minQty: Qty;
  unitPrice: Money;
  leadTimeDays: number;
  validFrom: string | null;
  validTo: string | null;
};

/**
 * The best supplier price valid on `date` for `qty`: a tier applies from its minimum quantity
 * included. The same rule as the SQL of db/queries/line-costs.
 */
export function bestSupplierPrice(prices: SupplierPrice[], q: Qty, date: string): SupplierPrice | null {
  let best: SupplierPrice | null = null;
  for (const p of prices) {
    if (p.minQty > q) continue;
    if (p.validFrom !== null && p.validFrom > date) continue;
    if (p.validTo !== null && p.validTo < date) continue;
    if (!best || p.unitPrice < best.unitPrice || (p.unitPrice === best.unitPrice && p.leadTimeDays < best.leadTimeDays)) best = p;
  }
  return best;
}
