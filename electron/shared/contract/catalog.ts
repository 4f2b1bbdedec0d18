import { z } from 'zod';
import { id, isoStamp, moneyInt, percent, qtyInt, role, searchText, stageKind, unit } from './common';

export const stage = z.object({
  id,
  name: z.string(),
  position: z.number().int(),
  probability: percent,
  kind: stageKind,
  stagnationDays: z.number().int().nullable(),
  opportunityCount: z.number().int().min(0),
});
export type Stage = z.infer<typeof stage>;

export const searchInput = z.object({
  query: searchText,
  limit: z.number().int().min(1).max(200).default(20),
});

export const customerHit = z.object({
  id,
  code: z.string(),
  name: z.string(),
  city: z.string(),
  onHold: z.boolean(),
  creditLimit: moneyInt,
  outstanding: moneyInt,
});

export const productHit = z.object({
  id,
  code: z.string(),
  name: z.string(),
  unit,
  categoryName: z.string().nullable(),
  listPrice: moneyInt,
  /** free to promise now, all warehouses: on hand − ERP reservations − the app's reservations */
  available: qtyInt,
  stockAsOf: isoStamp.nullable(),
});

export const user = z.object({ id, name: z.string(), initials: z.string(), role });
