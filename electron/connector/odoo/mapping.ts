import { z } from 'zod';
import type { SyncEntity, SyncRecord } from '../../shared/contract';
import { money, qty } from '../../shared/money';
import { ErpError, mapChecked, parseAnswer } from '../adapter';

/** Odoo's answers as documented (odoo-api.md §2.2): many2one `[id, "name"]`, empty values `false`, naive UTC datetimes. */
const m2o = z.union([z.tuple([z.number().int(), z.string()]), z.literal(false)]);
const str = z.union([z.string(), z.literal(false)]).transform((v) => (v === false ? '' : v));
const stamp = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'a naive UTC datetime');
const base = { id: z.number().int().positive(), write_date: stamp, create_date: stamp.optional() };

export const odooRows = {
  warehouses: z.object({ ...base, code: z.string(), name: z.string(), active: z.boolean().default(true) }),
  categories: z.object({ ...base, name: z.string(), parent_id: m2o }),
  products: z.object({
    ...base,
    default_code: str,
    name: z.string(),
    categ_id: m2o,
    uom_id: m2o,
    list_price: z.number(),
    standard_price: z.number(),
    /** the customer taxes (many2many ids of account.tax) */
    taxes_id: z.union([z.array(z.number().int()), z.literal(false)]).default([]),
    active: z.boolean(),
  }),
  stock: z.object({ ...base, product_id: m2o, warehouse_id: m2o, quantity: z.number(), reserved_quantity: z.number() }),
  customers: z.object({
    ...base,
    ref: str,
    name: z.string(),
    city: str,
    zip: str,
    credit_limit: z.number(),
    credit: z.number(),
    /** confirmed sales not invoiced yet (16+) */
    credit_to_invoice: z.union([z.number(), z.literal(false)]).transform((v) => (v === false ? 0 : v)),
    active: z.boolean(),
  }),
} as const;
export type OdooEntity = keyof typeof odooRows;

/** The fields asked for each entity, and the model they live in. */
export const ODOO_MODELS: Record<OdooEntity, { model: string; fields: string[] }> = {
  warehouses: { model: 'stock.warehouse', fields: ['code', 'name', 'active', 'write_date'] },
  categories: { model: 'product.category', fields: ['name', 'parent_id', 'write_date'] },
  products: {
    model: 'product.product',
    fields: ['default_code', 'name', 'categ_id', 'uom_id', 'list_price', 'standard_price', 'taxes_id', 'active', 'write_date'],
  },
  stock: { model: 'stock.quant', fields: ['product_id', 'warehouse_id', 'quantity', 'reserved_quantity', 'write_date'] },
  customers: { model: 'res.partner', fields: ['ref', 'name', 'city', 'zip', 'credit_limit', 'credit', 'credit_to_invoice', 'active', 'write_date'] },
};

const UNITS: Record<string, SyncRecord<'products'>['unit']> = {
  units: 'u',
  unit: 'u',
  'unit(s)': 'u',
  pce: 'u',
  kg: 'kg',
  t: 't',
  ton: 't',
  tonne: 't',
  'm³': 'm3',
  m3: 'm3',
  l: 'l',
  liter: 'l',
  litre: 'l',
  m: 'm',
  pallet: 'pal',
  pal: 'pal',
  bag: 'sac',
  sac: 'sac',
};

const ref = (v: false | [number, string]) => (v === false ? null : String(v[0]));

/** Odoo rows → Comptoir's sync records; an answer off the documented shape is refused whole, naming the row and field. */
function mapOdooUnchecked(entity: OdooEntity, rows: unknown, asOf: string): SyncRecord<SyncEntity>[] {
  const parsed = parseAnswer(odooRows[entity] as z.ZodType<unknown>, `Odoo ${ODOO_MODELS[entity].model}`, rows);
  switch (entity) {
    case 'warehouses':
      return (parsed as z.output<typeof odooRows.warehouses>[]).map((w) => ({
        erpId: String(w.id),
        code: w.code,
        name: w.name,
        city: '',
        active: w.active,
      }));
    case 'categories':
      return (parsed as z.output<typeof odooRows.categories>[]).map((c) => ({
        erpId: String(c.id),
        code: `CAT-${c.id}`,
        name: c.name,
        parentErpId: ref(c.parent_id),
        active: true,
      }));
    case 'products':
      return (parsed as z.output<typeof odooRows.products>[]).map((p, i) => {
        const uom = p.uom_id === false ? '' : p.uom_id[1].toLowerCase();
        const unit = UNITS[uom];
        if (!unit)
          throw new ErpError(
            `Odoo product.product row ${i} (${p.default_code || p.id}): unit of measure « ${uom} » has no Comptoir unit`,
            'malformed',
            false,
          );
        return {
          erpId: String(p.id),
          code: p.default_code || `OD-${p.id}`,
          name: p.name,
          categoryErpId: ref(p.categ_id),
          unit,
          listPrice: money.fromUnits(p.list_price),
          costPrice: money.fromUnits(p.standard_price),
          // the rate of its customer taxes, read after the page (adapter productTaxes)
          taxRate: null,
          costs: [],
          active: p.active,
        };
      });
    case 'stock': {
      // quants are per location: summed per product and warehouse
      const sums = new Map<string, SyncRecord<'stock'>>();
      for (const q of parsed as z.output<typeof odooRows.stock>[]) {
        const product = ref(q.product_id);
        const warehouse = ref(q.warehouse_id);
        if (!product || !warehouse) continue;
        const k = `${product}:${warehouse}`;
        const s = sums.get(k) ?? { productErpId: product, warehouseErpId: warehouse, onHand: 0, reservedErp: 0, asOf };
        s.onHand += qty.fromUnits(q.quantity);
        s.reservedErp += qty.fromUnits(q.reserved_quantity);
        sums.set(k, s);
      }
      return [...sums.values()];
    }
    case 'customers':
      return (parsed as z.output<typeof odooRows.customers>[]).map((c) => ({
        erpId: String(c.id),
        code: c.ref || `OD-${c.id}`,
        name: c.name,
        city: c.city,
        postalCode: c.zip,
        creditLimit: money.fromUnits(c.credit_limit),
        outstanding: money.fromUnits(c.credit),
        // filled from the open receivable lines past their due date (see the adapter)
        overdue: 0,
        openOrders: money.fromUnits(c.credit_to_invoice),
        onHold: false,
        avgDaysLate: 0,
        preferredWarehouseErpId: null,
        creditAsOf: asOf,
        active: c.active,
      }));
  }
}

export const writeStamp = (rows: unknown[]): { time: string; id: string } | null => {
  const last = rows[rows.length - 1] as { write_date?: string; id?: number } | undefined;
  return last?.write_date && last.id ? { time: last.write_date, id: String(last.id) } : null;
};

/** The mapping, checked against the contract: nothing leaves the adapter that core would refuse. */
export function mapOdoo(entity: OdooEntity, rows: unknown, asOf: string): SyncRecord<SyncEntity>[] {
  return mapChecked(entity, `Odoo ${ODOO_MODELS[entity].model}`, () => mapOdooUnchecked(entity, rows, asOf));
}
