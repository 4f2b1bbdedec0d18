import { z } from 'zod';
import type { SyncRecord } from '../../shared/contract';
import { money, qty } from '../../shared/money';
import { mapChecked, parseAnswer } from '../adapter';
import type { OdooCall } from './transport';

/**
 * Suppliers, their prices, the receipts on their way and the sales history in Odoo (odoo-api.md):
 * `res.partner` with a supplier rank, `product.supplierinfo` (`partner_id` since 16), incoming
 * `stock.move`s not done yet, confirmed `sale.order.line`s. Many2one fields come as `[id, name]`
 * and cannot be followed in one read, so the records they point to are read by id in a second call.
 */
const m2o = z.union([z.tuple([z.number().int(), z.string()]), z.literal(false)]);
const str = z.union([z.string(), z.literal(false)]).transform((v) => (v === false ? '' : v));
const day = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'a date'), z.literal(false)]).transform((v) => (v === false ? null : v.slice(0, 10)));
const id = z.number().int().positive();
const rows = {
  suppliers: z.object({ id, ref: str, name: z.string(), city: str, active: z.boolean() }),
  supplierPrices: z.object({
    id,
    partner_id: m2o,
    product_tmpl_id: m2o,
    product_id: m2o,
    min_qty: z.number(),
    price: z.number(),
    delay: z.number().int(),
    date_start: day,
    date_end: day,
  }),
  variants: z.object({ id, product_tmpl_id: m2o }),
  receipts: z.object({ id, product_id: m2o, product_uom_qty: z.number(), date: z.string(), picking_id: m2o, picking_type_id: m2o, origin: str }),
  pickings: z.object({ id, partner_id: m2o, origin: str, name: z.string() }),
  pickingTypes: z.object({ id, warehouse_id: m2o }),
  lines: z.object({
    id,
    order_id: m2o,
    order_partner_id: m2o,
    product_id: m2o,
    product_uom_qty: z.number(),
    price_unit: z.number(),
    price_subtotal: z.number(),
  }),
  orders: z.object({ id, name: z.string(), date_order: z.string(), warehouse_id: m2o }),
};

const parse = <K extends keyof typeof rows>(kind: K, model: string, answer: unknown) =>
  parseAnswer(rows[kind] as unknown as z.ZodType<z.output<(typeof rows)[K]>>, `Odoo ${model}`, answer);
const ref = (v: false | [number, string]) => (v === false ? null : String(v[0]));

export const ODOO_SUPPLY = {
  suppliers: { model: 'res.partner', fields: ['ref', 'name', 'city', 'active'], domain: [['supplier_rank', '>', 0]] },
  supplierPrices: {
    model: 'product.supplierinfo',
    fields: ['partner_id', 'product_tmpl_id', 'product_id', 'min_qty', 'price', 'delay', 'date_start', 'date_end'],
    domain: [],
  },
  receipts: {
    model: 'stock.move',
    fields: ['product_id', 'product_uom_qty', 'date', 'picking_id', 'picking_type_id', 'origin'],
    domain: [
      ['picking_code', '=', 'incoming'],
      ['state', 'in', ['waiting', 'confirmed', 'partially_available', 'assigned']],
    ],
  },
  salesHistory: {
    model: 'sale.order.line',
    fields: ['order_id', 'order_partner_id', 'product_id', 'product_uom_qty', 'price_unit', 'price_subtotal'],
    domain: [
      ['state', 'in', ['sale', 'done']],
      ['display_type', '=', false],
      ['product_id', '!=', false],
    ],
  },
} as const;
export type SupplyEntity = keyof typeof ODOO_SUPPLY;

/** Maps a page of one of these entities, reading what its many2one fields point to. */
export async function mapSupply(
  entity: SupplyEntity,
  answer: unknown,
  execute: (c: OdooCall) => Promise<unknown>,
): Promise<SyncRecord<SupplyEntity>[]> {
  const model = ODOO_SUPPLY[entity].model;
  const readIds = (m: string, ids: number[], fields: string[]) =>
    ids.length ? execute({ model: m, method: 'read', args: [[...new Set(ids)]], kwargs: { fields } }) : Promise.resolve([]);
  switch (entity) {
    case 'suppliers': {
      const parsed = parse('suppliers', model, answer);
      return mapChecked('suppliers', `Odoo ${model}`, () =>
        parsed.map((s) => ({ erpId: String(s.id), code: s.ref || `OD-${s.id}`, name: s.name, city: s.city.slice(0, 100), active: s.active })),
      );
    }
    case 'supplierPrices': {
      const parsed = parse('supplierPrices', model, answer);
      // a price on a template holds for each of its variants
      const templates = parsed
        .filter((p) => p.product_id === false && p.product_tmpl_id !== false)
        .map((p) => (p.product_tmpl_id as [number, string])[0]);
      const variants = templates.length
        ? parse(
            'variants',
            'product.product',
            await execute({
              model: 'product.product',
              method: 'search_read',
              args: [[['product_tmpl_id', 'in', [...new Set(templates)]]]],
              kwargs: { fields: ['product_tmpl_id'], context: { active_test: false } },
            }),
          )
        : [];
      return mapChecked('supplierPrices', `Odoo ${model}`, () =>
        parsed.flatMap((p) => {
          const products =
            p.product_id !== false ? [p.product_id[0]] : variants.filter((v) => ref(v.product_tmpl_id) === ref(p.product_tmpl_id)).map((v) => v.id);
          return products.map((product) => ({
            erpId: p.product_id !== false ? String(p.id) : `${p.id}:${product}`,
            productErpId: String(product),
            supplierErpId: ref(p.partner_id) ?? '',
            minQty: qty.fromUnits(p.min_qty),
            unitPrice: money.fromUnits(p.price),
            leadTimeDays: p.delay,
            validFrom: p.date_start,
            validTo: p.date_end,
            active: true,
          }));
        }),
      );
    }
    case 'receipts': {
      const parsed = parse('receipts', model, answer);
      const pickings = parse(
        'pickings',
        'stock.picking',
        await readIds(
          'stock.picking',
          parsed.flatMap((m) => (m.picking_id ? [m.picking_id[0]] : [])),
          ['partner_id', 'origin', 'name'],
        ),
      );
      const types = parse(
        'pickingTypes',
        'stock.picking.type',
        await readIds(
          'stock.picking.type',
          parsed.flatMap((m) => (m.picking_type_id ? [m.picking_type_id[0]] : [])),
          ['warehouse_id'],
        ),
      );
      return mapChecked('receipts', `Odoo ${model}`, () =>
        parsed.flatMap((m) => {
          const picking = pickings.find((p) => m.picking_id !== false && p.id === m.picking_id[0]);
          const warehouse = ref(types.find((t) => m.picking_type_id !== false && t.id === m.picking_type_id[0])?.warehouse_id ?? false);
          if (!warehouse || m.product_id === false) return [];
          return [
            {
              erpId: String(m.id),
              productErpId: String(m.product_id[0]),
              warehouseErpId: warehouse,
              supplierErpId: picking ? ref(picking.partner_id) : null,
              qty: qty.fromUnits(m.product_uom_qty),
              expectedDate: m.date.slice(0, 10),
              purchaseRef: (m.origin || picking?.origin || picking?.name || '').slice(0, 100),
              active: true,
            },
          ];
        }),
      );
    }
    case 'salesHistory': {
      const parsed = parse('lines', model, answer);
      const orders = parse(
        'orders',
        'sale.order',
        await readIds(
          'sale.order',
          parsed.flatMap((l) => (l.order_id ? [l.order_id[0]] : [])),
          ['name', 'date_order', 'warehouse_id'],
        ),
      );
      return mapChecked('salesHistory', `Odoo ${model}`, () =>
        parsed.flatMap((l) => {
          const order = orders.find((o) => l.order_id !== false && o.id === l.order_id[0]);
          if (!order || l.product_id === false || l.order_partner_id === false) return [];
          return [
            {
              erpId: String(l.id),
              customerErpId: String(l.order_partner_id[0]),
              productErpId: String(l.product_id[0]),
              warehouseErpId: ref(order.warehouse_id),
              orderRef: order.name,
              orderDate: order.date_order.slice(0, 10),
              qty: qty.fromUnits(l.product_uom_qty),
              unitPrice: money.fromUnits(l.price_unit),
              amount: money.fromUnits(l.price_subtotal),
            },
          ];
        }),
      );
    }
  }
}
