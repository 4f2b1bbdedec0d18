import type { OutboxItem } from '../../shared/contract';
import { money, qty } from '../../shared/money';
import { ErpError } from '../adapter';
import { cancellation, payloadOf, purchaseRequest, saleOrder, transfer } from '../outbox-payloads';
import type { OdooCall } from './transport';

type Execute = (c: OdooCall) => Promise<unknown>;

/**
 * Pushes outbox items to Odoo. The client UUID is written on the record — a quotation's
 * `client_order_ref`, a request for quotation's `origin` — and searched for before anything is
 * created, so a retry after a lost answer finds the document instead of making a second one.
 */
export function odooPush(execute: Execute) {
  const find = async (model: string, domain: unknown[]) =>
    (await execute({ model, method: 'search_read', args: [domain], kwargs: { fields: ['name', 'state'], limit: 1 } })) as {
      id: number;
      name: string;
      state: string;
    }[];
  const idOf = async (model: string, domain: unknown[], what: string): Promise<number> => {
    const ids = (await execute({ model, method: 'search', args: [domain], kwargs: { limit: 1 } })) as number[];
    if (!Array.isArray(ids) || !Number.isInteger(ids[0])) throw new ErpError(`Odoo has no ${what}`, 'refused', false);
    return ids[0]!;
  };
  const create = async (model: string, vals: object): Promise<string> => {
    const created = await execute({ model, method: 'create', args: [[vals]], kwargs: {} });
    const id = Array.isArray(created) ? (created[0] as number) : (created as number);
    if (!Number.isInteger(id)) throw new ErpError(`Odoo answered ${model}.create without an id`, 'malformed', false);
    const [saved] = (await execute({ model, method: 'read', args: [[id]], kwargs: { fields: ['name'] } })) as { name: string }[];
    return saved?.name ?? String(id);
  };
  const product = (code: string, erpId: string | null) =>
    erpId ? Promise.resolve(Number(erpId)) : idOf('product.product', [['default_code', '=', code]], `product ${code}`);

  async function pushSale(item: OutboxItem): Promise<string> {
    const [found] = await find('sale.order', [['client_order_ref', '=', item.uuid]]);
    if (found) return found.name;
    const order = payloadOf(saleOrder, item);
    const partner = order.customer.erpId
      ? Number(order.customer.erpId)
      : await idOf('res.partner', [['ref', '=', order.customer.code]], `customer ${order.customer.code}`);
    const warehouseCode = order.lines.flatMap((l) => l.reservations)[0]?.warehouseCode;
    const warehouse = warehouseCode ? await idOf('stock.warehouse', [['code', '=', warehouseCode]], `warehouse ${warehouseCode}`) : null;
    const lines = [];
    for (const l of order.lines)
      lines.push([
        0,
        0,
        {
          product_id: await product(l.productCode, l.productErpId),
          product_uom_qty: qty.toUnits(l.qty),
          price_unit: money.toUnits(l.unitPrice),
          discount: l.discount / 100,
        },
      ]);
    return create('sale.order', {
      partner_id: partner,
      client_order_ref: item.uuid,
      origin: order.reference,
      ...(warehouse ? { warehouse_id: warehouse } : {}),
      order_line: lines,
    });
  }

  async function pushRequest(item: OutboxItem): Promise<string> {
    const [found] = await find('purchase.order', [['origin', '=', item.uuid]]);
    if (found) return found.name;
    const req = payloadOf(purchaseRequest, item);
    const partner = req.supplierErpId
      ? Number(req.supplierErpId)
      : await idOf('res.partner', [['ref', '=', req.supplierCode ?? '']], `supplier ${req.supplierCode ?? '(no code)'}`);
    const lines = [];
    for (const l of req.lines)
      lines.push([
        0,
        0,
        {
          product_id: await product(l.productCode, null),
          product_qty: qty.toUnits(l.qty),
          ...(l.unitPrice ? { price_unit: money.toUnits(l.unitPrice) } : {}),
          ...(l.neededBy ? { date_planned: `${l.neededBy} 00:00:00` } : {}),
        },
      ]);
    // a request for quotation: the buyer confirms it in Odoo
    return create('purchase.order', { partner_id: partner, origin: item.uuid, order_line: lines });
  }

  /** A transfer between two warehouses: an internal picking from stock to stock, confirmed; its name comes back. */
  async function pushTransfer(item: OutboxItem): Promise<string> {
    const [found] = await find('stock.picking', [['origin', '=', item.uuid]]);
    if (found) return found.name;
    const tr = payloadOf(transfer, item);
    const stockOf = async (code: string) => {
      const [w] = (await execute({
        model: 'stock.warehouse',
        method: 'search_read',
        args: [[['code', '=', code]]],
        kwargs: { fields: ['id', 'lot_stock_id'] },
      })) as {
        id: number;
        lot_stock_id: [number, string];
      }[];
      if (!w) throw new ErpError(`Odoo has no warehouse ${code}`, 'refused', false);
      return { id: w.id, location: w.lot_stock_id[0] };
    };
    const [from, to] = [await stockOf(tr.fromWarehouseCode), await stockOf(tr.toWarehouseCode)];
    const type = await idOf(
      'stock.picking.type',
      [
        ['code', '=', 'internal'],
        ['warehouse_id', '=', from.id],
      ],
      `internal transfer type of ${tr.fromWarehouseCode}`,
    );
    const name = await create('stock.picking', {
      picking_type_id: type,
      location_id: from.location,
      location_dest_id: to.location,
      origin: item.uuid,
      ...(tr.neededBy ? { scheduled_date: `${tr.neededBy} 00:00:00` } : {}),
      move_ids: [
        [
          0,
          0,
          {
            name: `${tr.reference} ${tr.productCode}`,
            product_id: await product(tr.productCode, null),
            product_uom_qty: qty.toUnits(tr.qty),
            location_id: from.location,
            location_dest_id: to.location,
          },
        ],
      ],
    });
    const [made] = await find('stock.picking', [['origin', '=', item.uuid]]);
    if (made) await execute({ model: 'stock.picking', method: 'action_confirm', args: [[made.id]], kwargs: {} });
    return name;
  }

  async function pushCancellation(item: OutboxItem): Promise<string> {
    const { of } = payloadOf(cancellation, item);
    const [order] = await find('sale.order', [['client_order_ref', '=', of]]);
    if (!order) throw new ErpError(`Odoo has no sale order with reference ${of} to cancel`, 'refused', false);
    if (order.state !== 'cancel') await execute({ model: 'sale.order', method: 'action_cancel', args: [[order.id]], kwargs: {} });
    return order.name;
  }

  // one pusher per kind of outbox item: a new kind without one does not compile
  const byKind: Record<OutboxItem['kind'], (item: OutboxItem) => Promise<string>> = {
    sale_order: pushSale,
    purchase_request: pushRequest,
    transfer: pushTransfer,
    cancellation: pushCancellation,
  };
  return (item: OutboxItem): Promise<string> => byKind[item.kind](item);
}
