import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { stamp } from './columns';

/**
 * The desk's mutation log (TEAM.md protocol 3): one row per changed app-owned row, appended by
 * core's capture triggers in the same transaction as the change. `number` is the desk's mutation
 * number (last + 1, never reused). Rows stay until the hub has processed them.
 */
export const teamMutations = sqliteTable(
  'team_mutations',
  {
    number: integer().primaryKey({ autoIncrement: true }),
    tbl: text().notNull(),
    rowUid: text().notNull(),
    op: text({ enum: ['insert', 'update', 'delete'] }).notNull(),
    /** the row after (insert, update) and before (update, delete), in global form (uids and ERP ids) */
    after: text({ mode: 'json' }),
    before: text({ mode: 'json' }),
    baseVersion: integer().notNull().default(0),
    userId: integer(),
    /** the core call that made it: a row changed twice by one call is one mutation */
    tx: integer().notNull().default(0),
    /** its number for the hub, given when it is first handed to the connector: dense, last + 1, never changed after */
    pushNumber: integer().unique(),
    at: stamp().notNull(),
    /** pending: not processed by the hub yet; applied: the hub kept it (replayed until the feed brings it back); rejected: refused, with why */
    status: text({ enum: ['pending', 'applied', 'rejected'] })
      .notNull()
      .default('pending'),
    reason: text(),
  },
  (t) => [index('team_mutations_status').on(t.status, t.number), index('team_mutations_row').on(t.tbl, t.rowUid)],
);

/** The hub's version of each team row this desk holds (the base of its next edit). */
export const teamVersions = sqliteTable(
  'team_versions',
  {
    tbl: text().notNull(),
    rowUid: text().notNull(),
    version: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tbl, t.rowUid] })],
);

/** Key → value of the desk's link with the hub: desk id, pull cursor, epoch, leased references. */
export const teamState = sqliteTable('team_state', {
  key: text().primaryKey(),
  value: text().notNull(),
});

/** A pulled change whose references this desk does not hold yet (an ERP row not synced here): applied when they arrive. */
export const teamParked = sqliteTable('team_parked', {
  seq: integer().primaryKey({ autoIncrement: true }),
  change: text({ mode: 'json' }).notNull(),
  why: text().notNull(),
  parkedAt: stamp().notNull(),
});
