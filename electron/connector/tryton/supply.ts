import { z } from 'zod';
import type { SyncRecord } from '../../shared/contract';
import { money, qty } from '../../shared/money';
import { parseAnswer } from '../adapter';
import type { TrytonTransport } from './transport';

/** Suppliers, their price tiers and the receipts on their way: small sets, swept whole every cycle. */
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
  'to_location.': z.object({ warehouse: z.number().int().nullable() }),
});

const rows = <T>(schema: z.ZodType<T>, model: string, answer: unknown): T[] => parseAnswer(schema, `Tryton ${model}`, answer);

export function trytonSupply(t: TrytonTransport) {
  const readSuppliers = async () =>
    rows(
      productSupplier,
      'purchase.product_supplier',
      await t.call('model.purchase.product_supplier.search_read', [
        [],
        0,
        null,
        [['id', 'ASC']],
        ['party', 'party.code', 'party.name', 'template', 'product', 'lead_time'],
        {},
      ]),
    );
  return {
    async suppliers(): Promise<SyncRecord<'suppliers'>[]> {
      const seen = new Map<number, SyncRecord<'suppliers'>>();
      for (const s of await readSuppliers())
        seen.set(s.party, { erpId: String(s.party), code: s['party.'].code ?? `TR-${s.party}`, name: s['party.'].name, city: '', active: true });
      return [...seen.values()];
    },
    async supplierPrices(): Promise<SyncRecord<'supplierPrices'>[]> {
      const suppliers = new Map((await readSuppliers()).map((s) => [s.id, s]));
      const templates = [...new Set([...suppliers.values()].map((s) => s.template))];
      const variants = new Map(
        ((await t.call('model.product.template.read', [templates, ['products'], {}])) as { id: number; products: number[] }[]).map((x) => [
          x.id,
          x.products[0],
        ]),
      );
      const prices = rows(
        price,
        'purchase.product_supplier.price',
        await t.call('model.purchase.product_supplier.price.search_read', [
          [],
          0,
          null,
          [['id', 'ASC']],
          ['product_supplier', 'quantity', 'unit_price'],
          {},
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
    /** Planned moves from a supplier location into a warehouse: the receipts to come. */
    async receipts(): Promise<SyncRecord<'receipts'>[]> {
      const moves = rows(
        move,
        'stock.move',
        await t.call('model.stock.move.search_read', [
          [
            ['from_location.type', '=', 'supplier'],
            ['state', 'in', ['draft', 'assigned']],
          ],
          0,
          null,
          [['id', 'ASC']],
          ['product', 'quantity', 'planned_date', 'shipment', 'to_location.warehouse'],
          {},
        ]),
      );
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
            active: true,
          },
        ];
      });
    },
  };
}
