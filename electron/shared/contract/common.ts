import { z } from 'zod';

export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const STAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;
/** A calendar day, YYYY-MM-DD, that exists (no 30 February). */
export const isoDate = z
  .string()
  .regex(DATE, 'a date as YYYY-MM-DD')
  .refine(
    (s) => {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
    },
    { message: 'a date that exists', params: { reason: 'dateExists' } },
  );
/** An instant with its offset, e.g. 2026-11-30T10:00:00Z. Checked by one regex: pages of ERP rows carry thousands. */
export const isoStamp = z.string().regex(STAMP, 'an ISO date-time with its offset, e.g. 2026-11-30T10:00:00Z');
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
