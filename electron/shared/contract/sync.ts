import { z } from 'zod';
import { id, isoDate, isoStamp, moneyInt, qtyInt, rateInt, unit } from './common';

/**
 * What the connector hands core (DESIGN.md §8): ERP records already mapped to Comptoir's shape,
 * keyed by their ERP id, one entity per page. Core validates every row again and applies a page
 * and its cursor in one transaction, or nothing.
 */
const erpId = z.string().min(1, 'an ERP id is required').max(64, 'an ERP id is limited to 64 characters');
const code = z.string().trim().min(1, 'a code is required').max(60, 'a code is limited to 60 characters');
const name = z.string().trim().min(1, 'a name is required').max(300, 'a name is limited to 300 characters');
const text = (max: number) => z.string().max(max).default('');
const active = z.boolean().default(true);
const nonNegative = (s: z.ZodNumber) => s.min(0, 'cannot be negative');

export const syncRecords = {
  warehouses: z.object({ erpId, code, name, city: text(100), active }).strict(),
  categories: z.object({ erpId, code, name, parentErpId: erpId.nullable().default(null), active }).strict(),
  products: z
    .object({
      erpId,
      code,
      name,
      categoryErpId: erpId.nullable(),
      unit,
      listPrice: nonNegative(moneyInt),
      costPrice: nonNegative(moneyInt).nullable(),
      /** the customer taxes' rate (TVA), basis points: what a quote adds to its lines; null when the ERP gives none */
      taxRate: rateInt.min(0, 'a tax rate cannot be negative').max(10_000, 'a tax rate is at most 100 %').nullable().default(null),
      /** cost per warehouse where the ERP keeps one */
      costs: z
        .array(z.object({ warehouseErpId: erpId, costPrice: nonNegative(moneyInt) }).strict())
        .max(200)
        .default([]),
      active,
    })
    .strict(),
  suppliers: z.object({ erpId, code, name, city: text(100), active }).strict(),
  supplierPrices: z
    .object({
      erpId,
      productErpId: erpId,
      supplierErpId: erpId,
      minQty: nonNegative(qtyInt),
      unitPrice: nonNegative(moneyInt),
      leadTimeDays: z.number().int().min(0).max(3650),
      validFrom: isoDate.nullable().default(null),
      validTo: isoDate.nullable().default(null),
      active,
    })
    .strict(),
  stock: z.object({ productErpId: erpId, warehouseErpId: erpId, onHand: qtyInt, reservedErp: nonNegative(qtyInt), asOf: isoStamp }).strict(),
  receipts: z
    .object({
      erpId,
      productErpId: erpId,
      warehouseErpId: erpId,
      supplierErpId: erpId.nullable().default(null),
      qty: nonNegative(qtyInt),
      expectedDate: isoDate,
      purchaseRef: z.string().max(100),
      active,
    })
    .strict(),
  customers: z
    .object({
      erpId,
      code,
      name,
      city: text(100),
      postalCode: text(20),
      creditLimit: nonNegative(moneyInt),
      outstanding: moneyInt,
      overdue: moneyInt,
      /** the overdue by age (1–30, 31–60, 61–90, over 90 days past due), from the open receivable lines */
      ageing: z.tuple([moneyInt, moneyInt, moneyInt, moneyInt]).default([0, 0, 0, 0]),
      openOrders: moneyInt,
      onHold: z.boolean(),
      avgDaysLate: z.number().int().min(0).max(3650).default(0),
      preferredWarehouseErpId: erpId.nullable().default(null),
      creditAsOf: isoStamp,
      active,
    })
    .strict(),
  salesHistory: z
    .object({
      erpId,
      customerErpId: erpId,
      productErpId: erpId,
      warehouseErpId: erpId.nullable().default(null),
      orderRef: z.string().min(1).max(100),
      orderDate: isoDate,
      qty: qtyInt,
      unitPrice: moneyInt,
      amount: moneyInt,
    })
    .strict(),
} as const;
export type SyncEntity = keyof typeof syncRecords;
export const syncEntity = z.enum(Object.keys(syncRecords) as [SyncEntity, ...SyncEntity[]]);
export type SyncRecord<E extends SyncEntity> = z.output<(typeof syncRecords)[E]>;

/** Keyset cursor: the ERP's write (or create) time and id of the last record of the page. */
export const syncCursor = z.object({ time: z.string().max(40).nullable(), id: z.string().max(64).nullable() }).strict();

export const syncPageInput = z
  .object({
    entity: syncEntity,
    rows: z.array(z.unknown()).max(5_000, 'a page is limited to 5 000 rows'),
    cursor: syncCursor.nullable(),
    pulledAt: isoStamp,
  })
  .strict();
export const syncPageResult = z.object({
  entity: syncEntity,
  applied: z.number().int(),
  cursor: syncCursor.nullable(),
  /** new conflicts the page listed */
  conflicts: z.number().int(),
  /** open deals valued again because the page changed their costs */
  revalued: z.number().int(),
});

export const reconcileInput = z.object({ entity: syncEntity, erpIds: z.array(erpId).max(1_000_000), at: isoStamp }).strict();

/** Outbox items leased by the connector, then acknowledged or failed. */
export const outboxLeaseInput = z
  .object({ limit: z.number().int().min(1).max(100).default(10), leaseSeconds: z.number().int().min(5).max(3600).default(120) })
  .strict();
export const outboxItem = z.object({
  id,
  uuid: z.string(),
  kind: z.enum(['sale_order', 'purchase_request', 'cancellation', 'transfer']),
  payload: z.unknown(),
  attempts: z.number().int(),
});
export type OutboxItem = z.infer<typeof outboxItem>;
export const outboxAckInput = z.object({ id, erpRef: z.string().min(1).max(100) }).strict();
export const outboxFailInput = z.object({ id, error: z.string().min(1).max(2_000), retryable: z.boolean() }).strict();
