import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { pk, stamp, uid } from './columns';
import { customers } from './customers';
import { opportunities, users } from './pipeline';

/** Tasks and reminders with due dates. */
export const activities = sqliteTable(
  'activities',
  {
    id: pk(),
    uid: uid(),
    opportunityId: integer().references(() => opportunities.id, { onDelete: 'cascade' }),
    customerId: integer().references(() => customers.id),
    kind: text({ enum: ['call', 'visit', 'task', 'email', 'reminder'] }).notNull(),
    title: text().notNull(),
    dueAt: stamp(),
    doneAt: stamp(),
    ownerId: integer().references(() => users.id),
    role: text(),
    createdAt: stamp().notNull(),
  },
  (t) => [index('activities_open').on(t.opportunityId, t.doneAt, t.dueAt), index('activities_due').on(t.ownerId, t.doneAt, t.dueAt)],
);

/** What happened to an opportunity or a customer: notes, calls, stage changes, automation steps. */
export const timelineEntries = sqliteTable(
  'timeline_entries',
  {
    id: pk(),
    uid: uid(),
    opportunityId: integer().references(() => opportunities.id, { onDelete: 'cascade' }),
    customerId: integer().references(() => customers.id),
    kind: text().notNull(),
    body: text().notNull().default(''),
    data: text({ mode: 'json' }),
    at: stamp().notNull(),
    by: integer().references(() => users.id),
  },
  (t) => [index('timeline_opportunity').on(t.opportunityId, t.at), index('timeline_customer').on(t.customerId, t.at)],
);

/** File contents, stored once by their SHA-256. */
export const documentBlobs = sqliteTable('document_blobs', {
  hash: text().primaryKey(),
  content: blob({ mode: 'buffer' }).notNull(),
  size: integer().notNull(),
});

export const documents = sqliteTable(
  'documents',
  {
    id: pk(),
    opportunityId: integer().references(() => opportunities.id, { onDelete: 'cascade' }),
    customerId: integer().references(() => customers.id),
    hash: text()
      .notNull()
      .references(() => documentBlobs.hash),
    name: text().notNull(),
    mime: text().notNull(),
    size: integer().notNull(),
    addedAt: stamp().notNull(),
    addedBy: integer().references(() => users.id),
  },
  (t) => [index('documents_opportunity').on(t.opportunityId)],
);

/**
 * Credit control's hold on a customer, one row per customer (a team row: the hub decides who may
 * put or lift it). Its uid comes from the customer, so two desks holding the same customer offline
 * write the same row. Triggers copy it onto `customers` (credit_hold, hold_reason, hold_by, hold_at),
 * which every screen and check reads.
 */
export const creditHolds = sqliteTable('credit_holds', {
  id: pk(),
  uid: uid(),
  customerId: integer()
    .notNull()
    .unique()
    .references(() => customers.id),
  hold: integer({ mode: 'boolean' }).notNull(),
  reason: text().notNull().default(''),
  decidedBy: integer().references(() => users.id),
  decidedAt: stamp().notNull(),
});
