import type { SyncEntity } from '../../shared/contract';
import { ErpError, type ErpAdapter, type PulledPage } from '../adapter';
import { mapOdoo, ODOO_MODELS, writeStamp, type OdooEntity } from './mapping';
import type { OdooCall, OdooTransport } from './transport';

type Domain = unknown[];

/**
 * Odoo 16–19 behind one interface (odoo-api.md): the transport carries the protocol (JSON-RPC or
 * JSON-2), the version the field drift (`type = 'product'` until 17, `is_storable` from 18).
 * Pages by keyset on (write_date, id), archived records included so archiving is seen.
 */
export function odooAdapter(transport: OdooTransport, version: number, now: () => string = () => new Date().toISOString()): ErpAdapter {
  // an expired session logs in again once; anything else goes up
  const execute = async (call: OdooCall): Promise<unknown> => {
    try {
      return await transport.execute(call);
    } catch (err) {
      if (!(err instanceof ErpError && err.kind === 'auth' && err.retryable)) throw err;
      await transport.login();
      return transport.execute(call);
    }
  };
  const scope: Partial<Record<OdooEntity, Domain>> = {
    products: version >= 18 ? [['is_storable', '=', true]] : [['type', '=', 'product']],
    customers: [['customer_rank', '>', 0]],
  };
  const after = (cursor: PulledPage['cursor']): Domain =>
    cursor?.time ? ['|', ['write_date', '>', cursor.time], '&', ['write_date', '=', cursor.time], ['id', '>', Number(cursor.id ?? 0)]] : [];

  /** Stock is computed from quants per location: a sweep by product, each product's quants read whole. */
  async function pullStock(cursor: PulledPage['cursor'], pageSize: number): Promise<PulledPage> {
    const last = Number(cursor?.id ?? 0);
    const ids = await execute({
      model: 'product.product',
      method: 'search',
      args: [[...(scope.products ?? []), ['id', '>', last]]],
      kwargs: { limit: pageSize, order: 'id asc', context: { active_test: false } },
    });
    if (!Array.isArray(ids) || !ids.every((i) => Number.isInteger(i)))
      throw new ErpError('Odoo product.product.search did not answer a list of ids', 'malformed', false);
    const productIds = ids as number[];
    if (productIds.length === 0) return { rows: [], cursor, done: true };
    const quants = await execute({
      model: 'stock.quant',
      method: 'search_read',
      args: [
        [
          ['location_id.usage', '=', 'internal'],
          ['product_id', 'in', productIds],
        ],
      ],
      kwargs: { fields: ODOO_MODELS.stock.fields, order: 'id asc' },
    });
    return {
      rows: mapOdoo('stock', quants, now()),
      cursor: { time: null, id: String(productIds[productIds.length - 1]) },
      done: productIds.length < pageSize,
    };
  }

  return {
    name: `Odoo ${version}`,
    login: () => transport.login(),
    async pull<E extends SyncEntity>(entity: E, cursor: PulledPage['cursor'], pageSize: number): Promise<PulledPage<E>> {
      if (entity === 'stock') return await pullStock(cursor, pageSize);
      if (!(entity in ODOO_MODELS)) throw new ErpError(`${entity} is not pulled from Odoo by this adapter yet`, 'refused', false);
      const e = entity as OdooEntity;
      const rows = await execute({
        model: ODOO_MODELS[e].model,
        method: 'search_read',
        args: [[...(scope[e] ?? []), ...after(cursor)]],
        kwargs: { fields: ODOO_MODELS[e].fields, limit: pageSize, order: 'write_date asc, id asc', context: { active_test: false } },
      });
      const mapped = mapOdoo(e, rows, now());
      return { rows: mapped, cursor: writeStamp(rows as unknown[]) ?? cursor, done: (rows as unknown[]).length < pageSize } as PulledPage<E>;
    },
  };
}
