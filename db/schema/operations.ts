import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { date, pk, qtyCol, stamp, uid } from './columns';
import { products, warehouses } from './master';
import { opportunities, opportunityLines, users } from './pipeline';

/** Stock promised to an accepted deal, not yet known to the ERP. */
export const reservations = sqliteTable(
  'reservations',
  {
    id: pk(),
    uid: uid(),
    opportunityId: integer()
      .notNull()
      .references(() => opportunities.id),
    lineId: integer()
      .notNull()
      .references(() => opportunityLines.id),
    productId: integer()
      .notNull()
      .references(() => products.id),
    warehouseId: integer()
      .notNull()
      .references(() => warehouses.id),
    qty: qtyCol().notNull(),
    status: text({ enum: ['active', 'released', 'in_erp'] })
      .notNull()
      .default('active'),
    createdAt: stamp().notNull(),
    releasedAt: stamp(),
    /** the ERP's free stock (on hand − reserved by the ERP) this desk saw when it reserved, and its date: the hub grants against the team's */
    stockSeen: qtyCol(),
    stockAsOf: stamp(),
    /** the receipts due by the date it is wanted that the desk counted on (the hub counts them too) */
    stockIncoming: qtyCol(),
  },
  (t) => [index('reservations_stock').on(t.productId, t.warehouseId, t.status), index('reservations_opportunity').on(t.opportunityId)],
);

/** What an accepted deal needs and stock cannot cover. */
export const shortages = sqliteTable(
  'shortages',
  {
    id: pk(),
    uid: uid(),
    opportunityId: integer()
      .notNull()
      .references(() => opportunities.id),
    lineId: integer().references(() => opportunityLines.id),
    productId: integer()
      .notNull()
      .references(() => products.id),
    warehouseId: integer()
      .notNull()
      .references(() => warehouses.id),
    qty: qtyCol().notNull(),
    neededBy: date(),
    status: text({ enum: ['open', 'requested', 'covered', 'dismissed', 'cancelled'] })
      .notNull()
      .default('open'),
    reason: text().notNull().default(''),
    /** The purchase request that orders it (outbox item), or the receipt that covers it. */
    outboxId: integer(),
    receiptId: integer(),
    decidedBy: integer().references(() => users.id),
    createdAt: stamp().notNull(),
    updatedAt: stamp().notNull(),
  },
  (t) => [
    index('shortages_status').on(t.status, t.neededBy),
    index('shortages_product').on(t.productId, t.warehouseId, t.status),
    index('shortages_opportunity').on(t.opportunityId),
  ],
);

/** A request to go past a guard (margin or credit), and its decision. */
export const approvals = sqliteTable(
  'approvals',
  {
    id: pk(),
    uid: uid(),
    opportunityId: integer()
      .notNull()
      .references(() => opportunities.id),
    kind: text({ enum: ['margin', 'credit'] }).notNull(),
    status: text({ enum: ['pending', 'approved', 'refused', 'withdrawn'] })
      .notNull()
      .default('pending'),
    requestedBy: integer().references(() => users.id),
    requestedAt: stamp().notNull(),
    reason: text().notNull().default(''),
    /** The figures at the time of the request (JSON). */
    figures: text({ mode: 'json' }).notNull(),
    decidedBy: integer().references(() => users.id),
    decidedAt: stamp(),
    comment: text().notNull().default(''),
  },
  (t) => [index('approvals_status').on(t.status, t.requestedAt), index('approvals_opportunity').on(t.opportunityId)],
);

/**
 * One run of a stage's automation rule for one deal: which step comes next, and why it stopped.
 * A run waiting for an approval resumes at next_step once the approval is granted.
 */
export const automationRuns = sqliteTable(
  'automation_runs',
  {
    id: pk(),
    uid: uid(),
    opportunityId: integer()
      .notNull()
      .references(() => opportunities.id),
    ruleId: integer().notNull(),
    stageId: integer().notNull(),
    trigger: text({ enum: ['enter', 'leave'] }).notNull(),
    status: text({ enum: ['running', 'awaiting_approval', 'done', 'cancelled'] }).notNull(),
    nextStep: integer().notNull().default(0),
    approvalId: integer(),
    startedAt: stamp().notNull(),
    updatedAt: stamp().notNull(),
    by: integer().references(() => users.id),
    /** the desk that runs it (where the deal was moved): only that desk resumes it when its approval is decided */
    deskUid: text(),
  },
  (t) => [index('automation_runs_opportunity').on(t.opportunityId, t.status)],
);
