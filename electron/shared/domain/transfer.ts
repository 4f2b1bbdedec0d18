import { addDays } from '../dates';
import type { Qty } from '../money';

/** Days a transfer between two of the company's warehouses takes, on top of the handling days. */
export const TRANSFER_DAYS = 1;

/**
 * The warehouse that can cover a shortage by a transfer: another warehouse whose stock free to
 * promise today covers the whole quantity — the one with the most — when the goods can still
 * arrive by the needed date (handling, then a day on the road). Null when none can.
 */
export function transferSource<W extends { warehouseId: number; atp: Qty }>(
  stock: W[],
  shortage: { warehouseId: number; qty: Qty; neededBy: string | null },
  today: string,
  handlingDays: number,
): W | null {
  if (shortage.neededBy !== null && shortage.neededBy < addDays(today, handlingDays + TRANSFER_DAYS)) return null;
  let best: W | null = null;
  for (const w of stock) {
    if (w.warehouseId === shortage.warehouseId || w.atp < shortage.qty) continue;
    if (!best || w.atp > best.atp) best = w;
  }
  return best;
}
