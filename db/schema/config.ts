import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { pk, stamp, uid } from './columns';

/**
 * Margin, credit and automation rules. scope says where a rule applies (company, product category,
 * customer, stage); params holds its figures (JSON, e.g. target and minimum margin in basis points).
 */
export const rules = sqliteTable(
  'rules',
  {
    id: pk(),
    uid: uid(),
    kind: text({ enum: ['margin', 'credit', 'automation', 'reminder'] }).notNull(),
    scope: text({ enum: ['company', 'category', 'customer', 'stage'] }).notNull(),
    scopeId: integer(),
    position: integer().notNull().default(0),
    params: text({ mode: 'json' }).notNull(),
    active: integer({ mode: 'boolean' }).notNull().default(true),
    updatedAt: stamp().notNull(),
  },
  (t) => [index('rules_scope').on(t.kind, t.scope, t.scopeId)],
);

/** Key → JSON value: user preferences and company settings. */
export const settings = sqliteTable('settings', {
  key: text().primaryKey(),
  value: text({ mode: 'json' }).notNull(),
  updatedAt: stamp().notNull(),
});

/**
 * The company's settings (four eyes, lost reasons, cost basis): one team row per key, its uid made
 * from the key, so every desk of the team holds the same ones; the hub lets managers change them.
 * Triggers copy each onto `settings`, which every read goes through.
 */
export const companySettings = sqliteTable('company_settings', {
  id: pk(),
  uid: uid(),
  key: text().notNull().unique(),
  value: text().notNull(),
  updatedBy: integer(),
  updatedAt: stamp().notNull(),
});
