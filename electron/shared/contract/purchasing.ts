import { z } from 'zod';
import { id, isoDate, moneyInt, qtyInt, unit } from './common';

const bestSupplier = {
  supplierId: id.nullable(),
  supplierName: z.string().nullable(),
  supplierPrice: moneyInt.nullable(),
  leadTimeDays: z.number().int().nullable(),
};

/** One shortage as a buyer works it: what, where, by when, for which deal, and who can deliver in time. */
export const shortageRow = z.object({
  id,
  status: z.enum(['open', 'requested', 'covered', 'dismissed', 'cancelled']),
  productId: id,
  productCode: z.string(),
  productName: z.string(),
  unit,
  warehouseId: id,
  warehouseCode: z.string(),
  qty: qtyInt,
  neededBy: isoDate.nullable(),
  opportunityId: id,
  reference: z.string(),
  customerName: z.string(),
  onHand: qtyInt,
  /** why it is short: what the ERP and the other deals hold of that stock, and what is free by the needed date */
  reservedOthers: qtyInt,
  atpAtNeed: qtyInt,
  /** receipts expected in this warehouse by the needed-by date */
  incoming: qtyInt,
  /** the other warehouses' stock free to promise today, and the one that can cover it all by a transfer in time */
  elsewhere: z.array(z.object({ warehouseId: id, warehouseCode: z.string(), atp: qtyInt })),
  transferFrom: z.object({ warehouseId: id, warehouseCode: z.string(), atp: qtyInt }).nullable(),
  ...bestSupplier,
  /** the last day to order from the best supplier: needed-by minus its lead time */
  orderBy: isoDate.nullable(),
  inTime: z.boolean().nullable(),
  reason: z.string(),
  purchaseRef: z.string().nullable(),
  /** in a purchase draft being reviewed (not sent yet) */
  drafted: z.boolean(),
});
export type ShortageRow = z.infer<typeof shortageRow>;
export const shortagesInput = z.object({ status: z.enum(['open', 'requested', 'covered', 'dismissed', 'all']).default('open') }).strict();

/** Pipeline-weighted demand of a product in a warehouse over the coming weeks, against stock and receipts. */
export const demandRow = z.object({
  productId: id,
  productCode: z.string(),
  productName: z.string(),
  unit,
  warehouseId: id.nullable(),
  warehouseCode: z.string().nullable(),
  atp: qtyInt,
  incoming: qtyInt,
  weeks: z.array(qtyInt),
  total: qtyInt,
  /** stock + receipts − weighted demand over the horizon */
  projected: qtyInt,
  ...bestSupplier,
});
export type DemandRow = z.infer<typeof demandRow>;
export const demandInput = z
  .object({
    weeks: z.number().int().min(1).max(26).default(8),
    /** every row, not only those the horizon leaves short */ all: z.boolean().default(false),
  })
  .strict();

export const purchaseRequestInput = z.object({ shortageIds: z.array(id).min(1, 'choose at least one shortage').max(500) }).strict();
export const purchaseRequestResult = z.object({
  requests: z.array(z.object({ outboxId: id, supplierId: id, supplierName: z.string(), lines: z.number().int(), uuid: z.string() })),
});
export const coverInput = z.object({ shortageId: id, receiptId: id }).strict();
export const dismissInput = z
  .object({ shortageId: id, reason: z.string().trim().min(1, 'say why it is dismissed').max(500, 'a reason is limited to 500 characters') })
  .strict();
export const receiptOption = z.object({ id, qty: qtyInt, expectedDate: isoDate, purchaseRef: z.string() });

/** A purchase the buyer reviews before sending it to the ERP: one supplier, its lines rounded to its minimum and pack. */
export const purchaseDraft = z.object({
  id,
  supplierId: id,
  supplierName: z.string(),
  status: z.enum(['draft', 'sent', 'cancelled']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** once sent: where its push stands, the ERP's number when it answered, its refusal */
  erpStatus: z.enum(['pending', 'leased', 'done', 'failed', 'cancelled']).nullable(),
  erpRef: z.string().nullable(),
  erpError: z.string().nullable(),
  amount: moneyInt,
  lines: z.array(
    z.object({
      id,
      shortageId: id,
      productCode: z.string(),
      productName: z.string(),
      unit,
      warehouseCode: z.string(),
      /** what the shortage lacks; `qty` is what is ordered */
      neededQty: qtyInt,
      qty: qtyInt,
      unitPrice: moneyInt,
      neededBy: isoDate.nullable(),
      reference: z.string(),
      /** the suppliers with a valid price for this product: the line can move to one of them */
      suppliers: z.array(z.object({ id, name: z.string() })),
    }),
  ),
});
export type PurchaseDraft = z.infer<typeof purchaseDraft>;
export const draftsInput = z.object({ status: z.enum(['draft', 'sent']).default('draft') }).strict();
export const draftLineUpdateInput = z
  .object({
    lineId: id,
    qty: qtyInt.positive('a quantity must be positive').max(1e12).optional(),
    neededBy: isoDate.nullable().optional(),
    supplierId: id.optional(),
  })
  .strict();
export const draftRefInput = z.object({ draftId: id }).strict();
export const transferInput = z.object({ shortageId: id, fromWarehouseId: id }).strict();
