import { z } from 'zod';
import { id, isoDate, percent } from './common';

const title = z.string().trim().min(1, 'a title is required').max(200, 'a title is limited to 200 characters');
const notes = z.string().max(10_000, 'notes are limited to 10 000 characters');
/** Quantities and prices arrive in fixed point (shared/money); both must be positive. */
const positiveQty = z
  .number()
  .int('a quantity is an integer of 1/1000 units')
  .positive('a quantity must be positive')
  .max(1e12, 'quantity too large');
const positivePrice = z
  .number()
  .int('a price is an integer of 1/10000 of the currency')
  .positive('a unit price must be positive')
  .max(1e12, 'price too large');
const discount = z.number().int().min(0, 'a discount is between 0 and 100 %').max(10_000, 'a discount is between 0 and 100 %');

export const opportunityCreateInput = z
  .object({
    customerId: id,
    title,
    ownerId: id.optional(),
    stageId: id.optional(),
    expectedClose: isoDate.nullable().optional(),
    requestedDate: isoDate.nullable().optional(),
    notes: notes.optional(),
  })
  .strict();

export const opportunityUpdateInput = z
  .object({
    id,
    title: title.optional(),
    ownerId: id.nullable().optional(),
    customerId: id.optional(),
    probability: percent.optional(),
    expectedClose: isoDate.nullable().optional(),
    requestedDate: isoDate.nullable().optional(),
    notes: notes.optional(),
  })
  .strict();

const lineFields = {
  productId: id,
  warehouseId: id.nullable(),
  qty: positiveQty,
  unitPrice: positivePrice,
  discount,
  requestedDate: isoDate.nullable(),
};

export const lineAddInput = z
  .object({
    opportunityId: id,
    productId: id,
    warehouseId: id.nullable().default(null),
    qty: positiveQty,
    /** the product's list price when left out */
    unitPrice: positivePrice.optional(),
    discount: discount.default(0),
    requestedDate: isoDate.nullable().default(null),
  })
  .strict();

export const lineUpdateInput = z
  .object({ lineId: id, ...Object.fromEntries(Object.entries(lineFields).map(([k, v]) => [k, v.optional()])) } as {
    lineId: typeof id;
  } & { [K in keyof typeof lineFields]: z.ZodOptional<(typeof lineFields)[K]> })
  .strict();

/**
 * Rows pasted from a spreadsheet into a deal: a product code and a quantity, optionally a price and
 * a discount. All rows or none: an unknown code is named by its row and nothing changes.
 */
export const linesPasteInput = z
  .object({
    opportunityId: id,
    rows: z
      .array(
        z
          .object({
            productCode: z.string().trim().min(1).max(64),
            qty: positiveQty,
            unitPrice: positivePrice.optional(),
            discount: discount.optional(),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();

export const lineRefInput = z.object({ lineId: id }).strict();
export const lineMoveInput = z.object({ lineId: id, toPosition: z.number().int().min(1).max(10_000) }).strict();
