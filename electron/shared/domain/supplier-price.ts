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
 * included; the cheapest wins, then the shortest lead time. Its SQL twins are below.
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

/** SQL: a row `sp` of supplier_prices that is active and valid on `@today` (bound by the caller). */
export const SUPPLIER_PRICE_VALID_SQL =
  'sp.active = 1 AND (sp.valid_from IS NULL OR sp.valid_from <= @today) AND (sp.valid_to IS NULL OR sp.valid_to >= @today)';

/** SQL twin of `bestSupplierPrice`: the id of the best row for a product and quantity (SQL expressions). */
export const bestSupplierPriceIdSql = (product: string, qty: string): string =>
  `(SELECT sp.id FROM supplier_prices sp WHERE sp.product_id = ${product} AND sp.min_qty <= ${qty} AND ${SUPPLIER_PRICE_VALID_SQL}
    ORDER BY sp.unit_price, sp.lead_time_days LIMIT 1)`;

/** SQL twin of `bestSupplierPrice(...)?.unitPrice`: the best unit price for a product and quantity. */
export const bestSupplierUnitPriceSql = (product: string, qty: string): string =>
  `(SELECT min(sp.unit_price) FROM supplier_prices sp WHERE sp.product_id = ${product} AND sp.min_qty <= ${qty} AND ${SUPPLIER_PRICE_VALID_SQL})`;

/**
 * What is ordered from one supplier to cover a need: at least its smallest tier's quantity,
 * rounded up to its pack (0: any quantity), at the price of the tier that quantity reaches.
 * `prices` are that supplier's offers for the product; null when none is valid on `date`.
 */
export function supplierOrder(
  prices: (SupplierPrice & { packQty: Qty })[],
  need: Qty,
  date: string,
): { qty: Qty; unitPrice: Money; leadTimeDays: number } | null {
  const valid = prices.filter((p) => (p.validFrom === null || p.validFrom <= date) && (p.validTo === null || p.validTo >= date));
  if (valid.length === 0) return null;
  const minimum = Math.min(...valid.map((p) => p.minQty));
  const pack = Math.max(...valid.map((p) => p.packQty));
  const atLeast = Math.max(need, minimum);
  const q = pack > 0 ? Math.ceil(atLeast / pack) * pack : atLeast;
  const tier = bestSupplierPrice(valid, q, date)!;
  return { qty: q, unitPrice: tier.unitPrice, leadTimeDays: tier.leadTimeDays };
}
