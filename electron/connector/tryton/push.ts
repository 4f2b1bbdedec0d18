import { money, qty } from '../../shared/money';
import type { OutboxItem } from '../../shared/contract';
import { ErpError } from '../adapter';
import { cancellation, payloadOf, purchaseRequest, saleOrder, transfer } from '../outbox-payloads';
import { trytonDate, trytonDecimal, type TrytonTransport } from './transport';

/**
 * Pushes outbox items to Tryton. The client UUID is written on the record — a sale's `reference`,
 * a purchase request's `description` — and searched for before anything is created.
 */
export function trytonPush(t: TrytonTransport, now: () => string = () => new Date().toISOString()) {
  const today = () => now().slice(0, 10);
  const ctx = () => t.context();
  const one = async (model: string, domain: unknown[], what: string): Promise<number> => {
    const ids = (await t.call(`model.${model}.search`, [domain, 0, 1, null, await ctx()])) as number[];
    if (!ids[0]) throw new ErpError(`Tryton has no ${what}`, 'refused', false);
    return ids[0];
  };
  const parse = payloadOf;

  async function pushSale(item: OutboxItem): Promise<string> {
    const found = (await t.call('model.sale.sale.search_read', [[['reference', '=', item.uuid]], 0, 1, null, ['number'], await ctx()])) as {
      id: number;
      number: string | null;
    }[];
    if (found[0]) return found[0].number ?? String(found[0].id);
    const order = parse(saleOrder, item);
    const party = order.customer.erpId
      ? Number(order.customer.erpId)
      : await one('party.party', [['code', '=', order.customer.code]], `customer ${order.customer.code}`);
    const address = await one('party.address', [['party', '=', party]], `address for customer ${order.customer.code}`);
    const warehouseCode = order.lines.flatMap((l) => l.reservations)[0]?.warehouseCode;
    const warehouse = await one(
      'stock.location',
      warehouseCode
        ? [
            ['type', '=', 'warehouse'],
            ['code', '=', warehouseCode],
          ]
        : [['type', '=', 'warehouse']],
      `warehouse ${warehouseCode ?? ''}`,
    );
    const lines = [];
    for (const l of order.lines) {
      const product = l.productErpId
        ? Number(l.productErpId)
        : await one('product.product', [['code', '=', l.productCode]], `product ${l.productCode}`);
      const [p] = (await t.call('model.product.product.read', [[product], ['default_uom'], await ctx()])) as { default_uom: number }[];
      const net = Math.round((l.unitPrice * (10_000 - l.discount)) / 10_000);
      lines.push({ type: 'line', product, quantity: qty.toUnits(l.qty), unit: p!.default_uom, unit_price: trytonDecimal(money.toUnits(net)) });
    }
    const c = await ctx();
    const [id] = (await t.call('model.sale.sale.create', [
      [
        {
          party,
          invoice_address: address,
          shipment_address: address,
          warehouse,
          reference: item.uuid,
          description: order.reference,
          company: c.company,
          lines: [['create', lines]],
        },
      ],
      c,
    ])) as number[];
    await t.call('model.sale.sale.quote', [[id], c]);
    const [saved] = (await t.call('model.sale.sale.read', [[id], ['number'], c])) as { number: string | null }[];
    return saved?.number ?? String(id);
  }

  /**
   * A purchase for a known supplier: one quotation per warehouse (a Tryton purchase has one), the
   * client UUID as its `reference`, quoted so Tryton gives it its number — the number comes back.
   */
  async function pushPurchase(item: OutboxItem, req: ReturnType<typeof purchaseRequest.parse>): Promise<string> {
    const c = await ctx();
    const numbers: string[] = [];
    const party = req.supplierErpId
      ? Number(req.supplierErpId)
      : await one('party.party', [['code', '=', req.supplierCode ?? '']], `supplier ${req.supplierCode ?? ''}`);
    const address = await one('party.address', [['party', '=', party]], `address for supplier ${req.supplierCode ?? party}`);
    for (const warehouseCode of [...new Set(req.lines.map((l) => l.warehouseCode))]) {
      const reference = `${item.uuid}:${warehouseCode}`;
      const found = (await t.call('model.purchase.purchase.search_read', [[['reference', '=', reference]], 0, 1, null, ['number'], c])) as {
        id: number;
        number: string | null;
      }[];
      if (found[0]) {
        numbers.push(found[0].number ?? String(found[0].id));
        continue;
      }
      const warehouse = await one(
        'stock.location',
        [
          ['type', '=', 'warehouse'],
          ['code', '=', warehouseCode],
        ],
        `warehouse ${warehouseCode}`,
      );
      const lines = [];
      for (const l of req.lines.filter((x) => x.warehouseCode === warehouseCode)) {
        const product = await one('product.product', [['code', '=', l.productCode]], `product ${l.productCode}`);
        const [p] = (await t.call('model.product.product.read', [[product], ['purchase_uom', 'default_uom'], c])) as {
          purchase_uom: number | null;
          default_uom: number;
        }[];
        lines.push({
          type: 'line',
          product,
          quantity: qty.toUnits(l.qty),
          unit: p!.purchase_uom ?? p!.default_uom,
          unit_price: trytonDecimal(money.toUnits(l.unitPrice ?? 0)),
        });
      }
      const [id] = (await t.call('model.purchase.purchase.create', [
        [
          {
            party,
            invoice_address: address,
            warehouse,
            company: c.company,
            reference,
            description: `Comptoir ${item.uuid}`,
            lines: [['create', lines]],
          },
        ],
        c,
      ])) as number[];
      await t.call('model.purchase.purchase.quote', [[id], c]);
      const [saved] = (await t.call('model.purchase.purchase.read', [[id], ['number'], c])) as { number: string | null }[];
      numbers.push(saved?.number ?? String(id));
    }
    return numbers.join(', ');
  }

  /** Shortages without a known supplier become purchase requests, which Tryton's buyer turns into purchases. */
  async function pushRequests(item: OutboxItem): Promise<string> {
    const req = parse(purchaseRequest, item);
    if (req.supplierErpId || req.supplierCode) return pushPurchase(item, req);
    const c = await ctx();
    const existing = (await t.call('model.purchase.request.search_read', [
      [['description', 'like', `Comptoir ${item.uuid}%`]],
      0,
      null,
      null,
      ['description'],
      c,
    ])) as { id: number; description: string }[];
    const ids = existing.map((e) => e.id);
    for (const l of req.lines) {
      const tag = `Comptoir ${item.uuid} #${l.shortageId}`;
      if (existing.some((e) => e.description === tag)) continue;
      const product = await one('product.product', [['code', '=', l.productCode]], `product ${l.productCode}`);
      const warehouse = await one(
        'stock.location',
        [
          ['type', '=', 'warehouse'],
          ['code', '=', l.warehouseCode],
        ],
        `warehouse ${l.warehouseCode}`,
      );
      const [p] = (await t.call('model.product.product.read', [[product], ['default_uom'], c])) as { default_uom: number }[];
      const [id] = (await t.call('model.purchase.request.create', [
        [
          {
            product,
            quantity: qty.toUnits(l.qty),
            uom: p!.default_uom,
            warehouse,
            company: c.company,
            description: tag,
            ...(req.supplierErpId ? { party: Number(req.supplierErpId) } : {}),
            ...(l.neededBy ? { supply_date: trytonDate(l.neededBy) } : {}),
          },
        ],
        c,
      ])) as number[];
      ids.push(id!);
    }
    return ids.join(',');
  }

  /** A transfer between two warehouses: an internal shipment from storage to storage, set waiting; its number comes back. */
  async function pushTransfer(item: OutboxItem): Promise<string> {
    const tr = parse(transfer, item);
    const c = await ctx();
    const found = (await t.call('model.stock.shipment.internal.search_read', [[['reference', '=', item.uuid]], 0, 1, null, ['number'], c])) as {
      id: number;
      number: string | null;
    }[];
    if (found[0]) return found[0].number ?? String(found[0].id);
    const storage = async (code: string) => {
      const id = await one(
        'stock.location',
        [
          ['type', '=', 'warehouse'],
          ['code', '=', code],
        ],
        `warehouse ${code}`,
      );
      const [w] = (await t.call('model.stock.location.read', [[id], ['storage_location'], c])) as { storage_location: number }[];
      return w!.storage_location;
    };
    const [from, to] = [await storage(tr.fromWarehouseCode), await storage(tr.toWarehouseCode)];
    const product = await one('product.product', [['code', '=', tr.productCode]], `product ${tr.productCode}`);
    const [p] = (await t.call('model.product.product.read', [[product], ['default_uom'], c])) as { default_uom: number }[];
    // it leaves today and is due on the needed date (today when the deal set none)
    const planned = { planned_start_date: trytonDate(today()), planned_date: trytonDate(tr.neededBy ?? today()) };
    const [id] = (await t.call('model.stock.shipment.internal.create', [
      [
        {
          from_location: from,
          to_location: to,
          company: c.company,
          reference: item.uuid,
          ...planned,
          moves: [
            [
              'create',
              [
                {
                  product,
                  uom: p!.default_uom,
                  quantity: qty.toUnits(tr.qty),
                  from_location: from,
                  to_location: to,
                  company: c.company,
                  planned_date: planned.planned_date,
                },
              ],
            ],
          ],
        },
      ],
      c,
    ])) as number[];
    await t.call('model.stock.shipment.internal.wait', [[id], c]);
    const [saved] = (await t.call('model.stock.shipment.internal.read', [[id], ['number'], c])) as { number: string | null }[];
    return saved?.number ?? String(id);
  }

  async function pushCancellation(item: OutboxItem): Promise<string> {
    const { of } = parse(cancellation, item);
    const c = await ctx();
    const found = (await t.call('model.sale.sale.search_read', [[['reference', '=', of]], 0, 1, null, ['number', 'state'], c])) as {
      id: number;
      number: string | null;
      state: string;
    }[];
    const sale = found[0];
    if (!sale) throw new ErpError(`Tryton has no sale with reference ${of} to cancel`, 'refused', false);
    if (sale.state !== 'cancelled') {
      if (sale.state === 'quotation') await t.call('model.sale.sale.draft', [[sale.id], c]);
      await t.call('model.sale.sale.cancel', [[sale.id], c]);
    }
    return sale.number ?? String(sale.id);
  }

  // one pusher per kind of outbox item: a new kind without one does not compile
  const byKind: Record<OutboxItem['kind'], (item: OutboxItem) => Promise<string>> = {
    sale_order: pushSale,
    purchase_request: pushRequests,
    transfer: pushTransfer,
    cancellation: pushCancellation,
  };
  return (item: OutboxItem): Promise<string> => byKind[item.kind](item);
}
