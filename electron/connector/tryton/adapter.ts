import type { SyncEntity, SyncRecord } from '../../shared/contract';
import { ErpError, type ErpAdapter, type PulledPage } from '../adapter';
import { mapTryton, parseRows, toQty, TRYTON_MODELS } from './mapping';
import { trytonPush } from './push';
import { trytonSupply } from './supply';
import { trytonDatetime, type TrytonTransport } from './transport';

/**
 * Tryton 6.0 (tryton-notes.md). `write_date` stays empty until a record's first write, so a
 * record counts as changed from `write_date`, or `create_date` when it was never written. Pages
 * go by id from the cycle's start time; the last page moves the cursor to the newest stamp seen.
 * Stock is computed: a sweep of storable products per warehouse at today's date.
 */
export function trytonAdapter(t: TrytonTransport, now: () => string = () => new Date().toISOString()): ErpAdapter {
  const changedSince = (time: string | null): unknown[] =>
    time
      ? [
          [
            'OR',
            ['write_date', '>=', trytonDatetime(time)],
            [
              ['write_date', '=', null],
              ['create_date', '>=', trytonDatetime(time)],
            ],
          ],
        ]
      : [];

  async function pullStock(cursor: PulledPage['cursor'], pageSize: number): Promise<PulledPage<'stock'>> {
    const last = Number(cursor?.id ?? 0);
    const warehouses = parseRows(
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
    const rows: SyncRecord<'stock'>[] = [];
    const asOf = now();
    for (const w of warehouses) {
      const context = { locations: [w.id], stock_date_end: trytonDate(asOf) };
      const quantities = parseRows(
        'stock',
        'product.product',
        await t.call('model.product.product.read', [ids, ['quantity', 'forecast_quantity'], context]),
      );
      for (const q of quantities)
        rows.push({ productErpId: String(q.id), warehouseErpId: String(w.id), onHand: toQty(q.quantity), reservedErp: 0, asOf });
    }
    const lastId = (ids as number[])[ids.length - 1];
    return { rows, cursor: lastId === undefined ? cursor : { time: null, id: String(lastId) }, done: ids.length < pageSize };
  }

  const supply = trytonSupply(t);
  return {
    name: 'Tryton 6.0',
    sweeps: ['suppliers', 'supplierPrices', 'receipts'],
    login: () => t.login(),
    push: trytonPush(t),
    async pull<E extends SyncEntity>(entity: E, cursor: PulledPage['cursor'], pageSize: number): Promise<PulledPage<E>> {
      if (entity === 'stock') return (await pullStock(cursor, pageSize)) as PulledPage<E>;
      if (entity === 'suppliers' || entity === 'supplierPrices' || entity === 'receipts') {
        const swept =
          entity === 'suppliers' ? await supply.suppliers() : entity === 'supplierPrices' ? await supply.supplierPrices() : await supply.receipts();
        return { rows: swept, cursor: null, done: true } as unknown as PulledPage<E>;
      }
      if (!(entity in TRYTON_MODELS)) throw new ErpError(`${entity} is not pulled from Tryton by this adapter yet`, 'refused', false);
      const e = entity as keyof typeof TRYTON_MODELS;
      const m = TRYTON_MODELS[e];
      const lastId = Number(cursor?.id ?? 0);
      const rows = await t.call(`model.${m.model}.search_read`, [
        [...m.domain, ...changedSince(cursor?.time ?? null), ['id', '>', lastId]],
        0,
        pageSize,
        [['id', 'ASC']],
        m.fields,
        { active_test: false },
      ]);
      const mapped = mapTryton(e, rows, now());
      const raw = rows as { id: number; write_date: string | null; create_date: string }[];
      const done = raw.length < pageSize;
      const newest = raw.reduce<string | null>((max, r) => {
        const s = r.write_date ?? r.create_date;
        return max === null || s > max ? s : max;
      }, cursor?.time ?? null);
      // mid-cycle the cursor keeps the start time and the last id; at the end it moves to the newest stamp
      const next = done ? { time: newest, id: null } : { time: cursor?.time ?? null, id: String(raw[raw.length - 1]!.id) };
      return { rows: mapped, cursor: next, done } as PulledPage<E>;
    },
  };
}

const trytonDate = (iso: string) => {
  const d = new Date(iso);
  return { __class__: 'date', year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
