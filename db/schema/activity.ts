import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { pk, stamp, uid } from './columns';
import { customers } from './customers';
import { opportunities, users } from './pipeline';

/**
 * Calls, visits, e-mails, meetings, tasks and follow-ups: due at a time, for a person (`ownerId`) or
 * for whoever holds a role (`role`, automation's tasks), on a deal and/or a customer; done with an
 * outcome; repeated every N days, weeks or months (`recurrence`). `source` names the reminder rule
 * that created it (`rule:<rule uid>`) or `automation`; null when made by hand.
 */
export const activities = sqliteTable(
  'activities',
  {
    id: pk(),
    uid: uid(),
    opportunityId: integer().references(() => opportunities.id, { onDelete: 'cascade' }),
    customerId: integer().references(() => customers.id),
    kind: text({ enum: ['call', 'visit', 'email', 'meeting', 'task', 'follow_up', 'reminder'] }).notNull(),
    title: text().notNull(),
    notes: text().notNull().default(''),
    dueAt: stamp(),
    doneAt: stamp(),
    doneBy: integer().references(() => users.id),
    outcome: text(),
    ownerId: integer().references(() => users.id),
    role: text(),
    recurrence: text({ mode: 'json' }),
    source: text(),
    /** a reminder rule's occasion (rule, deal, since when): its uid is made from it, so desks sweeping apart make one activity */
    occasion: text(),
    createdAt: stamp().notNull(),
    createdBy: integer().references(() => users.id),
  },
  (t) => [
    index('activities_open').on(t.opportunityId, t.doneAt, t.dueAt),
    index('activities_due').on(t.ownerId, t.doneAt, t.dueAt),
    index('activities_role').on(t.role, t.doneAt, t.dueAt),
    index('activities_pending').on(t.doneAt, t.dueAt),
    index('activities_done').on(t.doneAt),
    index('activities_customer').on(t.customerId, t.dueAt),
    index('activities_customer_done').on(t.customerId, t.doneAt),
    index('activities_occasion').on(t.occasion),
  ],
);

/**
 * The desk's own record of the reminders it showed: one per activity and due time, so a reminder
 * fires once across restarts, and again after a snooze moves the due time. Not a team row.
 */
export const activityReminders = sqliteTable(
  'activity_reminders',
  {
    activityId: integer()
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    dueAt: stamp().notNull(),
    firedAt: stamp().notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.dueAt] })],
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

/**
 * Documents attached to a deal or a customer (files dropped, an e-mail and its attachments): the
 * content is a file named by its SHA-256 in the profile folder's `documents/`, stored once however
 * often it is attached; this row says what it is and where it belongs.
 */
export const documents = sqliteTable(
  'documents',
  {
    id: pk(),
    uid: uid(),
    opportunityId: integer().references(() => opportunities.id, { onDelete: 'cascade' }),
    customerId: integer().references(() => customers.id),
    hash: text().notNull(),
    name: text().notNull(),
    mime: text().notNull(),
    size: integer().notNull(),
    addedAt: stamp().notNull(),
    addedBy: integer().references(() => users.id),
  },
  (t) => [index('documents_opportunity').on(t.opportunityId), index('documents_customer').on(t.customerId), index('documents_hash').on(t.hash)],
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

/** The desk's own record of the document contents the hub holds (sent from here, or fetched from it). Not a team row. */
export const documentUploads = sqliteTable('document_uploads', {
  hash: text().primaryKey(),
  sentAt: stamp().notNull(),
});
