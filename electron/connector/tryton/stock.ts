import type { SyncRecord } from '../../shared/contract';
import { ErpError, type PulledPage } from '../adapter';
import type { trytonChanges } from './changes';
import { parseRows, toQty } from './mapping';
import { trytonDate, type TrytonTransport } from './transport';

/**
 * Stock is computed in Tryton: the quantity of each storable product per warehouse at today's
 * date. Read whole (every product, by id) when the cursor has no time, else only the products
 * whose moves say their stock may have moved since it.
 */
export function trytonStock(t: TrytonTransport, changes: ReturnType<typeof trytonChanges>, now: () => string, readWhole: () => void) {
  /** the products whose stock the current changes-only cycle reads, in id order */
  let changed: number[] = [];
  /** Tryton's clock when the cycle under way started */
  let cycleStart: string | null = null;

  /** Warehouses, and the storable products of a page: all of them by id, or those moved since the cursor's time. */
  async function stockPage(cursor: PulledPage['cursor'], pageSize: number): Promise<{ ids: number[]; startedAt: string | null }> {
    const last = Number(cursor?.id ?? 0);
    const since = cursor?.time ?? null;
    // Tryton's clock before the first read of the cycle: nothing committed after it is missed
    const startedAt = last === 0 ? t.serverNow() : null;
    if (!since) {
      const ids = await t.call('model.product.product.search', [
        [
          ['type', '=', 'goods'],
          ['id', '>', last],
        ],
        0,
        pageSize,
        [['id', 'ASC']],
        {},
      ]);
      if (!Array.isArray(ids) || !ids.every((i) => Number.isInteger(i)))
        throw new ErpError('Tryton product.product.search did not answer a list of ids', 'malformed', false);
      return { ids: ids as number[], startedAt };
    }
    if (last === 0) changed = await changes.stockMovedSince(since);
    return { ids: changed.filter((id) => id > last).slice(0, pageSize), startedAt };
  }

  async function pullStock(cursor: PulledPage['cursor'], pageSize: number): Promise<PulledPage<'stock'>> {
    const { ids, startedAt } = await stockPage(cursor, pageSize);
    if (startedAt) cycleStart = startedAt;
    const rows: SyncRecord<'stock'>[] = [];
    const asOf = now();
    const warehouses =
      ids.length === 0
        ? []
        : parseRows(
            'warehouses',
            'stock.location',
            await t.call('model.stock.location.search_read', [
              [['type', '=', 'warehouse']],
              0,
              null,
              [['id', 'ASC']],
              ['code', 'name', 'active', 'write_date', 'create_date'],
              {},
            ]),
          );
    // one read per warehouse, one after the other: Tryton on one database answers no faster to several at once
    for (const w of warehouses) {
      const context = { locations: [w.id], stock_date_end: trytonDate(asOf) };
      const quantities = parseRows('stock', 'product.product', await t.call('model.product.product.read', [ids, ['quantity'], context]));
      for (const q of quantities)
        rows.push({ productErpId: String(q.id), warehouseErpId: String(w.id), onHand: toQty(q.quantity), reservedErp: 0, asOf });
    }
    if (ids.length < pageSize) {
      // the next cycle looks for moves from when this one started, by Tryton's clock
      const started = cycleStart ?? cursor?.time ?? null;
      cycleStart = null;
      if (!cursor?.time) readWhole();
      return { rows, cursor: { time: started, id: null }, done: true };
    }
    return { rows, cursor: { time: cursor?.time ?? null, id: String(ids[ids.length - 1]) }, done: false };
  }

  return { pull: pullStock };
}
