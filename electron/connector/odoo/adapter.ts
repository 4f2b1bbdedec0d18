import { z } from 'zod';
import type { SyncEntity, SyncRecord } from '../../shared/contract';
import { money } from '../../shared/money';
import { ErpError, parseAnswer, type ErpAdapter, type PulledPage } from '../adapter';
import { mapOdoo, ODOO_MODELS, writeStamp, type OdooEntity } from './mapping';
import { odooPush } from './push';
import { mapSupply, ODOO_SUPPLY, type SupplyEntity } from './supply';
import type { OdooCall, OdooTransport } from './transport';
import { ageingOf } from '../../shared/domain/ageing';

type Domain = unknown[];

const receivableLine = z.object({
  partner_id: z.union([z.tuple([z.number().int(), z.string()]), z.literal(false)]),
  amount_residual: z.number(),
  date_maturity: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal(false)]),
});
const parseLines = (answer: unknown) => parseAnswer(receivableLine, 'Odoo account.move.line', answer);

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

  /** Open receivable lines past their due date, summed per customer and by age: the overdue part of `credit`. */
  async function overdue(customers: SyncRecord<'customers'>[]) {
    if (customers.length === 0) return;
    const lines = await execute({
      model: 'account.move.line',
      method: 'search_read',
      args: [
        [
          ['partner_id', 'in', customers.map((c) => Number(c.erpId))],
          ['account_id.account_type', '=', 'asset_receivable'],
          ['parent_state', '=', 'posted'],
          ['reconciled', '=', false],
          ['date_maturity', '<', now().slice(0, 10)],
        ],
      ],
      kwargs: { fields: ['partner_id', 'amount_residual', 'date_maturity'] },
    });
    const byId = new Map(customers.map((c) => [c.erpId, c]));
    const open = new Map<string, { maturity: string | null; amount: number }[]>();
    for (const l of parseLines(lines)) {
      const c = l.partner_id === false ? undefined : byId.get(String(l.partner_id[0]));
      if (!c) continue;
      const amount = money.fromUnits(l.amount_residual);
      c.overdue += amount;
      (open.get(c.erpId) ?? open.set(c.erpId, []).get(c.erpId)!).push({ maturity: l.date_maturity || null, amount });
    }
    for (const c of customers) c.ageing = ageingOf(open.get(c.erpId) ?? [], now().slice(0, 10));
  }

  /** The TVA of each product: its customer taxes (taxes_id), their percentages summed, in basis points; none: null. */
  async function productTaxes(products: SyncRecord<'products'>[], rows: unknown) {
    const taxesOf = new Map(
      (rows as { id: number; taxes_id?: unknown }[]).map((r) => [String(r.id), Array.isArray(r.taxes_id) ? (r.taxes_id as number[]) : []]),
    );
    const ids = [...new Set([...taxesOf.values()].flat())];
    if (ids.length === 0) return;
    const taxes = parseAnswer(
      z.object({ id: z.number().int(), amount: z.number(), amount_type: z.string() }),
      'Odoo account.tax',
      await execute({ model: 'account.tax', method: 'read', args: [ids], kwargs: { fields: ['amount', 'amount_type'] } }),
    );
    const rate = new Map(taxes.map((x) => [x.id, x.amount_type === 'percent' ? Math.round(x.amount * 100) : 0]));
    for (const p of products) {
      const of = taxesOf.get(p.erpId) ?? [];
      p.taxRate = of.length ? of.reduce((s, id) => s + (rate.get(id) ?? 0), 0) : null;
    }
  }

  /** A swept entity (read whole every cycle, then reconciled): pages by id. */
  async function sweep<E extends SyncEntity>(entity: E, cursor: PulledPage['cursor'], pageSize: number): Promise<PulledPage<E>> {
    const last = Number(cursor?.id ?? 0);
    const spec =
      entity === 'customers'
        ? { model: ODOO_MODELS.customers.model, fields: ODOO_MODELS.customers.fields, domain: scope.customers! }
        : ODOO_SUPPLY[entity as SupplyEntity];
    const answer = await execute({
      model: spec.model,
      method: 'search_read',
      args: [[...spec.domain, ['id', '>', last]]],
      kwargs: { fields: spec.fields, limit: pageSize, order: 'id asc', context: { active_test: false } },
    });
    const rows =
      entity === 'customers'
        ? (mapOdoo('customers', answer, now()) as SyncRecord<'customers'>[])
        : await mapSupply(entity as SupplyEntity, answer, execute);
    if (entity === 'customers') await overdue(rows as SyncRecord<'customers'>[]);
    const raw = answer as { id: number }[];
    const lastId = raw[raw.length - 1]?.id;
    return { rows, cursor: lastId === undefined ? cursor : { time: null, id: String(lastId) }, done: raw.length < pageSize } as PulledPage<E>;
  }

  return {
    name: `Odoo ${version}`,
    // computed credit and the supply side are read whole each cycle; what Odoo no longer lists goes inactive
    sweeps: ['customers', 'suppliers', 'supplierPrices', 'receipts'],
    login: () => transport.login(),
    push: odooPush(execute),
    async pull<E extends SyncEntity>(entity: E, cursor: PulledPage['cursor'], pageSize: number): Promise<PulledPage<E>> {
      if (entity === 'stock') return await pullStock(cursor, pageSize);
      if (entity === 'customers' || entity === 'suppliers' || entity === 'supplierPrices' || entity === 'receipts')
        return sweep(entity, cursor, pageSize);
      if (entity === 'salesHistory') {
        const spec = ODOO_SUPPLY.salesHistory;
        const answer = await execute({
          model: spec.model,
          method: 'search_read',
          args: [[...spec.domain, ...after(cursor)]],
          kwargs: { fields: [...spec.fields, 'write_date'], limit: pageSize, order: 'write_date asc, id asc' },
        });
        const rows = await mapSupply('salesHistory', answer, execute);
        return { rows, cursor: writeStamp(answer as unknown[]) ?? cursor, done: (answer as unknown[]).length < pageSize } as PulledPage<E>;
      }
      if (!(entity in ODOO_MODELS)) throw new ErpError(`${entity} is not pulled from Odoo by this adapter`, 'refused', false);
      const e = entity as OdooEntity;
      const rows = await execute({
        model: ODOO_MODELS[e].model,
        method: 'search_read',
        args: [[...(scope[e] ?? []), ...after(cursor)]],
        kwargs: { fields: ODOO_MODELS[e].fields, limit: pageSize, order: 'write_date asc, id asc', context: { active_test: false } },
      });
      const mapped = mapOdoo(e, rows, now());
      if (e === 'products') await productTaxes(mapped as SyncRecord<'products'>[], rows);
      return { rows: mapped, cursor: writeStamp(rows as unknown[]) ?? cursor, done: (rows as unknown[]).length < pageSize } as PulledPage<E>;
    },
  };
}
