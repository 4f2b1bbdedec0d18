import { z } from 'zod';
import type { OutboxItem } from '../shared/contract';
import { ErpError } from './adapter';

/** What core puts in the outbox for each kind of item, as every adapter reads it. */
export const saleOrder = z.object({
  reference: z.string(),
  customer: z.object({ code: z.string(), erpId: z.string().nullable() }),
  lines: z.array(
    z.object({
      productCode: z.string(),
      productErpId: z.string().nullable(),
      qty: z.number().int(),
      unitPrice: z.number().int(),
      discount: z.number().int(),
      requestedDate: z.string(),
      reservations: z.array(z.object({ warehouseCode: z.string(), qty: z.number().int() })),
    }),
  ),
});
export const purchaseRequest = z.object({
  supplierCode: z.string().optional(),
  supplierErpId: z.string().nullable().optional(),
  lines: z.array(
    z.object({
      shortageId: z.number().int(),
      productCode: z.string(),
      warehouseCode: z.string(),
      qty: z.number().int(),
      neededBy: z.string().nullable(),
      unitPrice: z.number().int().nullable().optional(),
    }),
  ),
});
export const cancellation = z.object({ of: z.string(), erpRef: z.string().nullable() });
/** Stock moved from one of the company's warehouses to another for a deal's shortage (an internal shipment). */
export const transfer = z.object({
  reference: z.string(),
  productCode: z.string(),
  fromWarehouseCode: z.string(),
  toWarehouseCode: z.string(),
  qty: z.number().int().positive(),
  neededBy: z.string().nullable(),
});

/** An item's payload in its kind's shape, or a malformed error naming the item. */
export function payloadOf<T>(schema: z.ZodType<T>, item: OutboxItem): T {
  const p = schema.safeParse(item.payload);
  if (!p.success)
    throw new ErpError(`Outbox item ${item.uuid} (${item.kind}) is not shaped as expected: ${p.error.issues[0]!.message}`, 'malformed', false);
  return p.data;
}
