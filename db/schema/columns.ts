import { integer, text } from 'drizzle-orm/sqlite-core';

/** Columns every ERP-owned row carries: its ERP id, when it was last pulled, and whether it is active. */
export const erpColumns = () => ({
  erpId: text(),
  pulledAt: text(),
  active: integer({ mode: 'boolean' }).notNull().default(true),
});

export const pk = () => integer().primaryKey({ autoIncrement: true });
/** ISO instant, e.g. 2026-11-30T10:42:00.000Z */
export const stamp = () => text();
/** ISO date, e.g. 2026-11-30 */
export const date = () => text();
/** Fixed-point money, 1/10 000 of the currency unit. */
export const moneyCol = () => integer();
/** Fixed-point quantity, 1/1 000 of the unit. */
export const qtyCol = () => integer();
/** The row's global id (UUIDv7, TEAM.md protocol 1), made on the desk beside its local key; set by core's capture triggers. */
export const uid = () => text().unique();
