import type { Qty } from '../money';

/** What the ERP says of one product in one warehouse, and what the app has promised locally. */
export type StockPosition = { onHand: Qty; reservedErp: Qty; localReserved: Qty };
export type IncomingReceipt = { qty: Qty; expectedDate: string };

/**
 * Available-to-promise at a date (DESIGN.md §7): on hand − reserved by the ERP − active local
 * reservations + receipts expected by that date (a receipt due that very day counts).
 */
export function availableToPromise(position: StockPosition, receipts: IncomingReceipt[], date: string): Qty {
  let incoming = 0;
  for (const r of receipts) if (r.expectedDate <= date) incoming += r.qty;
  return position.onHand - position.reservedErp - position.localReserved + incoming;
}

/**
 * SQL twin of `availableToPromise` without receipts, for a row `sl` of stock_levels: on hand −
 * reserved by the ERP − the app's active reservations in that warehouse.
 */
export const atpNowSql = (sl: string): string =>
  `(${sl}.on_hand - ${sl}.reserved_erp - coalesce((SELECT sum(r.qty) FROM reservations r
     WHERE r.product_id = ${sl}.product_id AND r.warehouse_id = ${sl}.warehouse_id AND r.status = 'active'), 0))`;

/**
 * The first date from which ATP covers `needed`, counting receipts in date order; null when the
 * receipts never cover it. `today` when it is already covered without them.
 */
export function coveredFrom(position: StockPosition, receipts: IncomingReceipt[], needed: Qty, today: string): string | null {
  let atp = position.onHand - position.reservedErp - position.localReserved;
  if (atp >= needed) return today;
  for (const r of [...receipts].sort((a, b) => (a.expectedDate < b.expectedDate ? -1 : a.expectedDate > b.expectedDate ? 1 : 0))) {
    atp += r.qty;
    if (atp >= needed) return r.expectedDate < today ? today : r.expectedDate;
  }
  return null;
}

export type Availability =
  /** the chosen warehouse (or, for "any", one warehouse) covers the line */
  | { status: 'available'; warehouseId: number }
  /** not the chosen warehouse, but another one covers it alone */
  | { status: 'elsewhere'; warehouseId: number }
  /** no warehouse alone, but several together */
  | { status: 'partial' }
  /** not enough anywhere at the date */
  | { status: 'short'; missing: Qty };

/** Where a line's quantity can come from, given ATP per warehouse at its date. */
export function availability(needed: Qty, chosenWarehouseId: number | null, atpByWarehouse: Map<number, Qty>): Availability {
  if (chosenWarehouseId !== null && (atpByWarehouse.get(chosenWarehouseId) ?? 0) >= needed) {
    return { status: 'available', warehouseId: chosenWarehouseId };
  }
  let best: { id: number; atp: Qty } | null = null;
  let total = 0;
  for (const [id, atp] of atpByWarehouse) {
    if (atp > 0) total += atp;
    if (!best || atp > best.atp) best = { id, atp };
  }
  if (best && best.atp >= needed) return { status: chosenWarehouseId === null ? 'available' : 'elsewhere', warehouseId: best.id };
  if (total >= needed) return { status: 'partial' };
  return { status: 'short', missing: needed - total };
}
