import { z } from 'zod';

export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const isoDate = z.iso.date();
export const isoStamp = z.iso.datetime({ offset: true });
/** Fixed-point money, 1/10 000 of the currency unit (see shared/money). */
export const moneyInt = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
/** Fixed-point quantity, 1/1 000 of the unit. */
export const qtyInt = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
/** Rate in basis points, 10 000 = 100 %. */
export const rateInt = z.number().int().min(-100_000_000).max(100_000_000);
export const percent = z.number().int().min(0).max(100);
export const searchText = z.string().max(200, 'search text is limited to 200 characters');
export const locale = z.enum(['fr', 'en']);
export const stageKind = z.enum(['open', 'won', 'lost']);
export const role = z.enum(['trader', 'purchasing', 'finance', 'manager']);
export const unit = z.enum(['t', 'kg', 'm3', 'pal', 'u', 'sac', 'm', 'l']);
export type StageKind = z.infer<typeof stageKind>;
export type Role = z.infer<typeof role>;
