import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { pk, stamp } from './columns';

/** Keyset cursor per pulled entity: (ERP write/create time, id). */
export const syncCursors = sqliteTable('sync_cursors', {
  entity: text().primaryKey(),
  cursorTime: text(),
  cursorId: text(),
  lastFullAt: stamp(),
  updatedAt: stamp().notNull(),
});

/** What the app must push to the ERP; the uuid is written on the ERP record so a retry never duplicates. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: pk(),
    uuid: text().notNull().unique(),
    kind: text({ enum: ['sale_order', 'purchase_request', 'cancellation', 'transfer'] }).notNull(),
    payload: text({ mode: 'json' }).notNull(),
    /** What the item is about, e.g. opportunity:42 or supplier:7 — one live sale order per deal. */
    subject: text().notNull().default(''),
    status: text({ enum: ['pending', 'leased', 'done', 'failed', 'cancelled'] })
      .notNull()
      .default('pending'),
    attempts: integer().notNull().default(0),
    nextTryAt: stamp(),
    leaseUntil: stamp(),
    lastError: text(),
    erpRef: text(),
    createdAt: stamp().notNull(),
    doneAt: stamp(),
  },
  (t) => [index('outbox_due').on(t.status, t.nextTryAt), index('outbox_subject').on(t.subject, t.kind)],
);

export const syncRuns = sqliteTable('sync_runs', {
  id: pk(),
  trigger: text({ enum: ['schedule', 'manual', 'start'] }).notNull(),
  startedAt: stamp().notNull(),
  finishedAt: stamp(),
  status: text({ enum: ['running', 'ok', 'failed'] }).notNull(),
  stats: text({ mode: 'json' }),
  error: text(),
});

export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: pk(),
    entity: text().notNull(),
    localId: integer(),
    erpId: text(),
    field: text().notNull(),
    localValue: text({ mode: 'json' }),
    erpValue: text({ mode: 'json' }),
    detectedAt: stamp().notNull(),
    resolvedAt: stamp(),
    resolution: text(),
  },
  (t) => [index('sync_conflicts_open').on(t.resolvedAt)],
);
