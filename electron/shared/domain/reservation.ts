import type { Qty } from '../money';

export type WarehouseStock = { warehouseId: number; atp: Qty; lat: number | null; lon: number | null };
export type Allocation = { warehouseId: number; qty: Qty };
export type ReservationPlan = { allocations: Allocation[]; short: Qty; shortWarehouseId: number };

/** Great-circle distance in km; unknown coordinates sort last. */
export function distanceKm(a: { lat: number | null; lon: number | null }, b: { lat: number | null; lon: number | null }): number {
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return Number.POSITIVE_INFINITY;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/**
 * Where a line's quantity is reserved (DESIGN.md §2.4).
 * - A chosen warehouse: what its ATP covers is reserved there, the rest is short there.
 * - "Any": the customer's preferred warehouse first; then the others, most available first, the
 *   nearest to the preferred one breaking ties; each gives what it has until the line is covered,
 *   so a line is split only when no single step covers it. The rest is short at the preferred
 *   warehouse (or, without one, the first warehouse of the order).
 * Negative ATP gives nothing. Quantities are fixed point; nothing is rounded.
 */
export function planReservation(
  need: Qty,
  chosenWarehouseId: number | null,
  stock: WarehouseStock[],
  preferredWarehouseId: number | null,
): ReservationPlan {
  if (chosenWarehouseId !== null) {
    const here = Math.max(0, stock.find((s) => s.warehouseId === chosenWarehouseId)?.atp ?? 0);
    const qty = Math.min(need, here);
    return { allocations: qty > 0 ? [{ warehouseId: chosenWarehouseId, qty }] : [], short: need - qty, shortWarehouseId: chosenWarehouseId };
  }
  const preferred = stock.find((s) => s.warehouseId === preferredWarehouseId) ?? null;
  const others = stock
    .filter((s) => s !== preferred)
    .sort((a, b) => b.atp - a.atp || (preferred ? distanceKm(preferred, a) - distanceKm(preferred, b) : 0) || a.warehouseId - b.warehouseId);
  const order = preferred ? [preferred, ...others] : others;
  // one warehouse that covers everything beats a split, in the same order of preference
  const whole = order.find((s) => s.atp >= need);
  const allocations: Allocation[] = [];
  let left = need;
  for (const s of whole ? [whole] : order) {
    if (left === 0) break;
    const qty = Math.min(left, Math.max(0, s.atp));
    if (qty <= 0) continue;
    allocations.push({ warehouseId: s.warehouseId, qty });
    left -= qty;
  }
  return { allocations, short: left, shortWarehouseId: (preferred ?? order[0])?.warehouseId ?? 0 };
}

/** A shortage is needed in the warehouse this many days before the customer wants it (internal handling). */
export function neededBy(wantedOn: string, handlingDays: number): string {
  const d = new Date(`${wantedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - handlingDays);
  return d.toISOString().slice(0, 10);
}
