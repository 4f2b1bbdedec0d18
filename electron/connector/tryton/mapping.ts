import { z } from 'zod';
import type { SyncEntity, SyncRecord } from '../../shared/contract';
import { money, qty } from '../../shared/money';
import { ErpError, mapChecked, parseAnswer } from '../adapter';

/** Tryton 6.0 answers after decoding (datetimes as ISO strings, decimals as exact strings). */
const stamp = z.string().nullable();
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal');
const base = { id: z.number().int().positive(), write_date: stamp, create_date: z.string() };

export const trytonRows = {
  warehouses: z.object({ ...base, code: z.string().nullable(), name: z.string(), active: z.union([z.boolean(), z.number()]) }),
  categories: z.object({ ...base, name: z.string(), parent: z.number().int().nullable() }),
  products: z.object({
    ...base,
    code: z.string().nullable(),
    name: z.string(),
    categories: z.array(z.number().int()),
    'default_uom.': z.object({ symbol: z.string() }),
    list_price: decimal.nullable(),
    cost_price: decimal.nullable(),
    /** the accounting category, which carries the customer taxes (account_product) */
    account_category: z.number().int().nullable().optional(),
    active: z.union([z.boolean(), z.number()]),
  }),
  taxCategories: z.object({ id: z.number().int().positive(), customer_taxes_used: z.array(z.number().int()) }),
  taxes: z.object({ id: z.number().int().positive(), type: z.string(), rate: decimal.nullable() }),
  customers: z.object({
    ...base,
    code: z.string().nullable(),
    name: z.string(),
    credit_limit_amount: decimal.nullable(),
    credit_amount: decimal.nullable(),
    receivable: decimal.nullable(),
    receivable_today: decimal.nullable(),
    active: z.union([z.boolean(), z.number()]),
  }),
  salesHistory: z.object({
    ...base,
    'sale.': z.object({
      reference: z.string().nullable(),
      number: z.string().nullable(),
      sale_date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date')
        .nullable(),
      party: z.number().int(),
      warehouse: z.number().int().nullable(),
    }),
    product: z.number().int(),
    quantity: z.number(),
    unit_price: decimal,
    amount: decimal,
  }),
  stock: z.object({ id: z.number().int().positive(), quantity: z.number() }),
  costs: z.object({ id: z.number().int().positive(), cost_price: decimal.nullable() }),
  addresses: z.object({ id: z.number().int().positive(), party: z.number().int(), city: z.string().nullable(), postal_code: z.string().nullable() }),
  receivables: z.object({
    id: z.number().int().positive(),
    party: z.number().int(),
    maturity_date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date')
      .nullable(),
    debit: decimal,
    credit: decimal,
  }),
} as const;
export type TrytonEntity = keyof typeof trytonRows;

export const TRYTON_MODELS: Record<
  Exclude<TrytonEntity, 'stock' | 'costs' | 'addresses' | 'receivables' | 'taxCategories' | 'taxes'>,
  { model: string; fields: string[]; domain: unknown[] }
> = {
  warehouses: { model: 'stock.location', fields: ['code', 'name', 'active', 'write_date', 'create_date'], domain: [['type', '=', 'warehouse']] },
  categories: { model: 'product.category', fields: ['name', 'parent', 'write_date', 'create_date'], domain: [] },
  products: {
    model: 'product.product',
    fields: [
      'code',
      'name',
      'categories',
      'default_uom.symbol',
      'list_price',
      'cost_price',
      'account_category',
      'active',
      'write_date',
      'create_date',
    ],
    domain: [['type', '=', 'goods']],
  },
  customers: {
    model: 'party.party',
    fields: ['code', 'name', 'credit_limit_amount', 'credit_amount', 'receivable', 'receivable_today', 'active', 'write_date', 'create_date'],
    domain: [],
  },
  salesHistory: {
    model: 'sale.line',
    fields: [
      'sale.reference',
      'sale.number',
      'sale.sale_date',
      'sale.party',
      'sale.warehouse',
      'product',
      'quantity',
      'unit_price',
      'amount',
      'write_date',
      'create_date',
    ],
    // a processed or done sale is history; drafts and quotations are not sales yet
    domain: [
      ['type', '=', 'line'],
      ['product', '!=', null],
      ['sale.state', 'in', ['processing', 'done']],
    ],
  },
};

const UNITS: Record<string, SyncRecord<'products'>['unit']> = { u: 'u', kg: 'kg', t: 't', 'm³': 'm3', l: 'l', m: 'm', pal: 'pal', sac: 'sac' };
const cents = (d: string | null) => (d === null ? 0 : money.fromUnits(Number(d)));

export function parseRows<E extends TrytonEntity>(entity: E, model: string, rows: unknown): z.output<(typeof trytonRows)[E]>[] {
  return parseAnswer(trytonRows[entity] as unknown as z.ZodType<z.output<(typeof trytonRows)[E]>>, `Tryton ${model}`, rows);
}

/** Tryton rows → Comptoir's sync records. */
function mapTrytonUnchecked(entity: keyof typeof TRYTON_MODELS, rows: unknown, asOf: string): SyncRecord<SyncEntity>[] {
  const model = TRYTON_MODELS[entity].model;
  switch (entity) {
    case 'warehouses':
      return parseRows('warehouses', model, rows).map((w) => ({
        erpId: String(w.id),
        code: w.code ?? `WH-${w.id}`,
        name: w.name,
        city: '',
        active: Boolean(w.active),
      }));
    case 'categories':
      return parseRows('categories', model, rows).map((c) => ({
        erpId: String(c.id),
        code: `CAT-${c.id}`,
        name: c.name,
        parentErpId: c.parent === null ? null : String(c.parent),
        active: true,
      }));
    case 'products':
      return parseRows('products', model, rows).map((p, i) => {
        const unit = UNITS[p['default_uom.'].symbol];
        if (!unit)
          throw new ErpError(
            `Tryton product.product row ${i} (${p.code ?? p.id}): unit « ${p['default_uom.'].symbol} » has no Comptoir unit`,
            'malformed',
            false,
          );
        return {
          erpId: String(p.id),
          code: p.code ?? `TR-${p.id}`,
          name: p.name,
          categoryErpId: p.categories[0] === undefined ? null : String(p.categories[0]),
          unit,
          listPrice: cents(p.list_price),
          costPrice: p.cost_price === null ? null : cents(p.cost_price),
          // the rate of its category's taxes, read after the page (adapter productTaxes)
          taxRate: null,
          costs: [],
          active: Boolean(p.active),
        };
      });
    case 'customers':
      return parseRows('customers', model, rows).map((c) => {
        const receivable = cents(c.receivable);
        return {
          erpId: String(c.id),
          code: c.code ?? `TR-${c.id}`,
          name: c.name,
          city: '',
          postalCode: '',
          creditLimit: cents(c.credit_limit_amount),
          outstanding: receivable,
          overdue: cents(c.receivable_today),
          // what counts against the limit beyond the receivable: confirmed orders not invoiced yet
          openOrders: Math.max(0, cents(c.credit_amount) - receivable),
          onHold: false,
          avgDaysLate: 0,
          preferredWarehouseErpId: null,
          creditAsOf: asOf,
          active: Boolean(c.active),
        };
      });
    case 'salesHistory':
      return parseRows('salesHistory', model, rows).map((l) => {
        const sale = l['sale.'];
        return {
          erpId: String(l.id),
          customerErpId: String(sale.party),
          productErpId: String(l.product),
          warehouseErpId: sale.warehouse === null ? null : String(sale.warehouse),
          orderRef: sale.reference || sale.number || `SALE-${l.id}`,
          orderDate: sale.sale_date ?? l.create_date.slice(0, 10),
          qty: qty.fromUnits(l.quantity),
          unitPrice: cents(l.unit_price),
          amount: cents(l.amount),
        };
      });
  }
}

export const toQty = (n: number) => qty.fromUnits(n);
export const toMoney = (d: string) => cents(d);

/** The mapping, checked against the contract: nothing leaves the adapter that core would refuse. */
export function mapTryton(entity: keyof typeof TRYTON_MODELS, rows: unknown, asOf: string): SyncRecord<SyncEntity>[] {
  return mapChecked(entity, `Tryton ${TRYTON_MODELS[entity].model}`, () => mapTrytonUnchecked(entity, rows, asOf));
}
