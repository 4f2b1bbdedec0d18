import { z } from 'zod';
import type { SyncRecord } from '../../shared/contract';
import { money, qty } from '../../shared/money';
import { parseAnswer } from '../adapter';
import { stampedSince } from './changes';
import type { TrytonTransport } from './transport';

/**
 * Suppliers, their price tiers and the receipts on their way. Read whole now and then (what Tryton
 * no longer lists goes inactive), otherwise only the records written since `since`.
 */
const productSupplier = z.object({
  id: z.number().int(),
  party: z.number().int(),
  'party.': z.object({ code: z.string().nullable(), name: z.string() }),
  template: z.number().int(),
  product: z.number().int().nullable(),
  lead_time: z.number().nullable(),
});
const price = z.object({
  id: z.number().int(),
  product_supplier: z.number().int(),
  quantity: z.number(),
  unit_price: z.string().regex(/^-?\d+(\.\d+)?$/),
});
const move = z.object({
  id: z.number().int(),
  product: z.number().int(),
  quantity: z.number(),
  planned_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  shipment: z.string().nullable(),
  state: z.string(),
  'to_location.': z.object({ warehouse: z.number().int().nullable() }),
});

const rows = <T>(schema: z.ZodType<T>, model: string, answer: unknown): T[] => parseAnswer(schema, `Tryton ${model}`, answer);

const SUPPLIER_FIELDS = ['party', 'party.code', 'party.name', 'template', 'product', 'lead_time'];
/** a receipt still to come; done or cancelled, it goes inactive */
const OPEN_MOVES = ['draft', 'assigned'];

export function trytonSupply(t: TrytonTransport) {
  const readSuppliers = async (domain: unknown[]) =>
    rows(
      productSupplier,
      'purchase.product_supplier',
      await t.call('model.purchase.product_supplier.search_read', [domain, 0, null, [['id', 'ASC']], SUPPLIER_FIELDS, {}]),
    );
  const readSuppliersById = async (ids: number[]) =>
    ids.length === 0
      ? []
      : rows(productSupplier, 'purchase.product_supplier', await t.call('model.purchase.product_supplier.read', [ids, SUPPLIER_FIELDS, {}]));
  return {
    async suppliers(since: string | null): Promise<SyncRecord<'suppliers'>[]> {
      const seen = new Map<number, SyncRecord<'suppliers'>>();
      for (const s of await readSuppliers(since ? ['OR', stampedSince('', since), stampedSince('party.', since)] : []))
        seen.set(s.party, { erpId: String(s.party), code: s['party.'].code ?? `TR-${s.party}`, name: s['party.'].name, city: '', active: true });
      return [...seen.values()];
    },
    async supplierPrices(since: string | null): Promise<SyncRecord<'supplierPrices'>[]> {
      const prices = rows(
        price,
        'purchase.product_supplier.price',
        await t.call('model.purchase.product_supplier.price.search_read', [
          // a supplier's lead time lives on its product_supplier: written, its tiers come again
          since ? ['OR', stampedSince('', since), stampedSince('product_supplier.', since)] : [],
          0,
          null,
          [['id', 'ASC']],
          ['product_supplier', 'quantity', 'unit_price'],
          {},
        ]),
      );
      if (prices.length === 0) return [];
      const suppliers = new Map(
        (since ? await readSuppliersById([...new Set(prices.map((p) => p.product_supplier))]) : await readSuppliers([])).map((s) => [s.id, s]),
      );
      const templates = [...new Set([...suppliers.values()].map((s) => s.template))];
      const variants = new Map(
        ((await t.call('model.product.template.read', [templates, ['products'], {}])) as { id: number; products: number[] }[]).map((x) => [
          x.id,
          x.products[0],
        ]),
      );
      return prices.flatMap((p) => {
        const s = suppliers.get(p.product_supplier);
        const product = s ? (s.product ?? variants.get(s.template)) : undefined;
        if (!s || product === undefined) return [];
        return [
          {
            erpId: String(p.id),
            productErpId: String(product),
            supplierErpId: String(s.party),
            minQty: qty.fromUnits(p.quantity),
            unitPrice: money.fromUnits(Number(p.unit_price)),
            leadTimeDays: Math.round((s.lead_time ?? 0) / 86_400),
            validFrom: null,
            validTo: null,
            active: true,
          },
        ];
      });
    },
    /** Planned moves from a supplier location into a warehouse: the receipts to come (and, from changes, those that left). */
    async receipts(since: string | null): Promise<SyncRecord<'receipts'>[]> {
      const moves = rows(
        move,
        'stock.move',
        await t.call('model.stock.move.search_read', [
          [['from_location.type', '=', 'supplier'], since ? stampedSince('', since) : ['state', 'in', OPEN_MOVES]],
          0,
          null,
          [['id', 'ASC']],
          ['product', 'quantity', 'planned_date', 'shipment', 'state', 'to_location.warehouse'],
          {},
        ]),
      );
      if (moves.length === 0) return [];
      const shipmentIds = [...new Set(moves.map((m) => Number(m.shipment?.split(',')[1])).filter((n) => Number.isInteger(n)))];
      const refs = new Map(
        (
          (await t.call('model.stock.shipment.in.read', [shipmentIds, ['reference', 'number'], {}])) as {
            id: number;
            reference: string | null;
            number: string | null;
          }[]
        ).map((s) => [s.id, s.reference ?? s.number ?? `IN-${s.id}`]),
      );
      return moves.flatMap((m) => {
        const warehouse = m['to_location.'].warehouse;
        if (warehouse === null || m.planned_date === null) return [];
        const shipment = Number(m.shipment?.split(',')[1]);
        return [
          {
            erpId: String(m.id),
            productErpId: String(m.product),
            warehouseErpId: String(warehouse),
            supplierErpId: null,
            qty: qty.fromUnits(m.quantity),
            expectedDate: m.planned_date,
            purchaseRef: refs.get(shipment) ?? `MOVE-${m.id}`,
            active: OPEN_MOVES.includes(m.state),
          },
        ];
      });
    },
  };
}
