import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { date, moneyCol, pk, qtyCol, stamp, uid } from './columns';
import { customers } from './customers';
import { products, warehouses } from './master';

export const users = sqliteTable('users', {
  id: pk(),
  /** the hub's id of this person (null: a user of this desk alone) */
  uid: uid(),
  login: text().notNull().unique(),
  name: text().notNull(),
  initials: text().notNull(),
  /** the role this desk opens on for them (its home screen): the strongest they hold */
  role: text({ enum: ['trader', 'purchasing', 'finance', 'manager'] }).notNull(),
  /** every role they hold (a JSON array): what core lets them do */
  roles: text().notNull().default('[]'),
  active: integer({ mode: 'boolean' }).notNull().default(true),
});

/** Pipeline stages, configured by the company. */
export const stages = sqliteTable('stages', {
  id: pk(),
  uid: uid(),
  code: text().notNull().unique(),
  name: text().notNull(),
  position: integer().notNull(),
  probability: integer().notNull(),
  kind: text({ enum: ['open', 'won', 'lost'] }).notNull(),
  stagnationDays: integer(),
  active: integer({ mode: 'boolean' }).notNull().default(true),
});

export const opportunities = sqliteTable(
  'opportunities',
  {
    id: pk(),
    uid: uid(),
    reference: text().notNull().unique(),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    title: text().notNull(),
    ownerId: integer().references(() => users.id),
    stageId: integer()
      .notNull()
      .references(() => stages.id),
    probability: integer().notNull(),
    expectedClose: date(),
    requestedDate: date(),
    notes: text().notNull().default(''),
    stageEnteredAt: stamp().notNull(),
    /** Totals kept by core whenever lines or costs change (for sorting and filtering the grid). */
    amount: moneyCol().notNull().default(0),
    cost: moneyCol().notNull().default(0),
    /** The earliest open activity, kept by triggers on activities (migration 0002). */
    nextActivityAt: stamp(),
    nextActivityTitle: text(),
    /** Where the stage automation of this deal stands: null (none ran), running steps, waiting, done. */
    opsState: text({ enum: ['awaiting_approval', 'committed', 'released'] }),
    /** Why a lost deal was lost: one of the company's reasons (`pipeline.lostReasons`) and the trader's words. */
    lostReason: text(),
    lostNote: text(),
    /** The deal's margin guard (shared/domain/guards dealGuard), kept with amount and cost for the grid. */
    guardState: text({ enum: ['ok', 'below_target', 'below_minimum', 'below_cost'] })
      .notNull()
      .default('ok'),
    searchText: text().notNull(),
    createdAt: stamp().notNull(),
    updatedAt: stamp().notNull(),
    createdBy: integer().references(() => users.id),
  },
  (t) => [
    index('opportunities_customer').on(t.customerId),
    index('opportunities_stage').on(t.stageId, t.expectedClose),
    index('opportunities_owner').on(t.ownerId),
    index('opportunities_close').on(t.expectedClose),
    index('opportunities_amount').on(t.amount, t.probability),
    index('opportunities_next_activity').on(t.nextActivityAt),
    index('opportunities_stage_entered').on(t.stageEnteredAt),
    // won, lost and stagnant deals of a stage by when they entered it, with what the dashboards sum (issue 14)
    // the stagnant deals of a stage, read in order of entry, counted from the index alone
    index('opportunities_stagnant').on(t.stageId, t.nextActivityAt, t.stageEnteredAt, t.ownerId),
    index('opportunities_stage_since').on(t.stageId, t.stageEnteredAt, t.nextActivityAt, t.ownerId, t.amount, t.cost, t.createdAt, t.lostReason),
  ],
);

export const opportunityLines = sqliteTable(
  'opportunity_lines',
  {
    id: pk(),
    uid: uid(),
    opportunityId: integer()
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    productId: integer()
      .notNull()
      .references(() => products.id),
    /** null = any warehouse */
    warehouseId: integer().references(() => warehouses.id),
    qty: qtyCol().notNull(),
    unitPrice: moneyCol().notNull(),
    /** basis points, 0–10 000 */
    discount: integer().notNull().default(0),
    requestedDate: date(),
    note: text().notNull().default(''),
    /** Kept by triggers (migration 0004) for the pipeline-weighted demand: is the deal open, its probability, the date wanted. */
    demandOpen: integer({ mode: 'boolean' }).notNull().default(false),
    demandProbability: integer().notNull().default(0),
    demandDate: date(),
    /** The line's amount and cost as the deal's totals count them, kept by core with them (forecast by category and warehouse). */
    amount: moneyCol().notNull().default(0),
    cost: moneyCol().notNull().default(0),
  },
  (t) => [
    index('opportunity_lines_opportunity').on(t.opportunityId, t.position),
    index('opportunity_lines_product').on(t.productId),
    index('opportunity_lines_demand').on(t.productId, t.demandOpen, t.demandDate, t.qty, t.demandProbability, t.opportunityId),
  ],
);

export const stageHistory = sqliteTable(
  'stage_history',
  {
    id: pk(),
    uid: uid(),
    opportunityId: integer()
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    fromStageId: integer().references(() => stages.id),
    toStageId: integer()
      .notNull()
      .references(() => stages.id),
    changedAt: stamp().notNull(),
    changedBy: integer().references(() => users.id),
    /** When the deal left this stage and where it went: the next row of its history, kept by triggers (migration 0019). */
    leftAt: stamp(),
    nextStageId: integer(),
  },
  (t) => [
    index('stage_history_opportunity').on(t.opportunityId, t.changedAt),
    index('stage_history_to').on(t.toStageId),
    index('stage_history_changed').on(t.changedAt, t.toStageId, t.nextStageId, t.opportunityId),
    index('stage_history_left').on(t.leftAt, t.toStageId, t.changedAt, t.opportunityId),
  ],
);

/**
 * How many finished stays in each stage lasted each whole number of days, kept by triggers on the
 * stage history (migration 0019): the p75 a stage without a threshold is judged stagnant on.
 */
export const stageDurations = sqliteTable(
  'stage_durations',
  {
    stageId: integer().notNull(),
    days: integer().notNull(),
    stays: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.stageId, t.days] })],
);

/**
 * What the forecast said of a month at its start (00:00 UTC on the 1st): every deal then open and
 * expected to close in it, with the probability of the stage it was in. Core takes it once per
 * month from the stage history, for the forecast's accuracy.
 */
export const forecastSnapshots = sqliteTable(
  'forecast_snapshots',
  {
    month: text().notNull(),
    opportunityId: integer()
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    ownerId: integer(),
    amount: moneyCol().notNull(),
    probability: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.opportunityId] })],
);

/** Each month's snapshot summed by owner (0: none): what the accuracy chart reads. */
export const forecastMonthTotals = sqliteTable(
  'forecast_month_totals',
  { month: text().notNull(), ownerId: integer().notNull(), deals: integer().notNull(), weighted: moneyCol().notNull() },
  (t) => [primaryKey({ columns: [t.month, t.ownerId] })],
);

/** The months whose snapshot is taken, and when. */
export const forecastMonths = sqliteTable('forecast_months', {
  month: text().primaryKey(),
  takenAt: stamp().notNull(),
});

/**
 * A deal a pulled cost or supplier price put below its target, minimum or cost (issue 14, margin at
 * risk): its figures before and after, when, from which pull. Each desk pulls the ERP itself and
 * keeps its own list; the owner's follow-up is a team row made once (its occasion).
 */
export const marginAlerts = sqliteTable(
  'margin_alerts',
  {
    id: pk(),
    opportunityId: integer()
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    at: stamp().notNull(),
    /** the entity whose page moved the cost: costs or supplier_prices */
    cause: text().notNull(),
    amount: moneyCol().notNull(),
    costBefore: moneyCol().notNull(),
    costAfter: moneyCol().notNull(),
    guardBefore: text().notNull(),
    guardAfter: text().notNull(),
  },
  (t) => [index('margin_alerts_at').on(t.at), index('margin_alerts_opportunity').on(t.opportunityId, t.at)],
);

/**
 * The open pipeline summed by month of expected close, owner and probability, kept by triggers on
 * opportunities and stages (migration 0021) in the same transaction as every change: the forecast
 * reads a few thousand rows instead of every open deal. `weighted` and `weightedMargin` are sums of
 * each deal's own rounded figures (`weighted`), as the forecast counts them.
 */
export const forecastPipeline = sqliteTable(
  'forecast_pipeline',
  {
    /** YYYY-MM of the expected close; '' for a deal without one */
    closeMonth: text().notNull(),
    /** the owner; 0 for a deal without one */
    ownerId: integer().notNull(),
    probability: integer().notNull(),
    deals: integer().notNull(),
    amount: moneyCol().notNull(),
    cost: moneyCol().notNull(),
    weighted: moneyCol().notNull(),
    weightedMargin: moneyCol().notNull(),
  },
  (t) => [uniqueIndex('forecast_pipeline_key').on(t.closeMonth, t.ownerId, t.probability)],
);

/**
 * The open pipeline cut by category and by warehouse, kept by triggers (migration 0023) in the same
 * transaction as every change, as `forecast_pipeline` is: the forecast by either reads a few
 * thousand rows instead of every open line. A deal counts once in each row its lines fall in.
 */
export const forecastCuts = sqliteTable(
  'forecast_cuts',
  {
    /** category (the top category of a line's product) or warehouse (a line's) */
    dimension: text({ enum: ['category', 'warehouse'] }).notNull(),
    /** the category or warehouse; 0 for none */
    key: integer().notNull(),
    /** YYYY-MM of the expected close; '' for a deal without one */
    closeMonth: text().notNull(),
    /** the owner; 0 for a deal without one */
    ownerId: integer().notNull(),
    probability: integer().notNull(),
    /** open deals with a line in the row */
    deals: integer().notNull(),
    /** Σ the lines' amounts, and Σ each line's own rounded weighted amount */
    amount: moneyCol().notNull(),
    weighted: moneyCol().notNull(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.closeMonth, t.key, t.ownerId, t.probability] })],
);

/**
 * The open pipeline by customer and month of expected close, kept by triggers on opportunities and
 * stages (migration 0023): the forecast by customer finds the team's largest customers from it.
 */
export const forecastCustomers = sqliteTable(
  'forecast_customers',
  {
    /** the customer; 0 for a deal without one */
    customerId: integer().notNull(),
    /** YYYY-MM of the expected close; '' for a deal without one */
    closeMonth: text().notNull(),
    deals: integer().notNull(),
    /** Σ each deal's own rounded weighted amount */
    weighted: moneyCol().notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.closeMonth] })],
);

/**
 * Deals won or lost, by the month they entered that stage, their lost reason and their cycle in
 * whole days (`spanDays` from creation), kept by triggers on opportunities and stages (migration
 * 0024): the team's KPIs and its won amounts by month read these instead of every closed deal.
 */
export const closedMonths = sqliteTable(
  'closed_months',
  {
    month: text().notNull(),
    kind: text({ enum: ['won', 'lost'] }).notNull(),
    /** the lost reason; '' for a won deal or a lost one without a reason */
    reason: text().notNull(),
    days: integer().notNull(),
    deals: integer().notNull(),
    amount: moneyCol().notNull(),
    cost: moneyCol().notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.kind, t.reason, t.days] })],
);

/**
 * Stays in each stage by the month they began, and where they went next (0: still there), and by
 * the month they ended with their length in whole days; kept by triggers on the stage history
 * (migration 0022): the KPIs of the whole team read a few hundred rows a month.
 */
export const stageMonthEntries = sqliteTable(
  'stage_month_entries',
  { month: text().notNull(), stageId: integer().notNull(), nextStageId: integer().notNull(), stays: integer().notNull() },
  (t) => [primaryKey({ columns: [t.month, t.stageId, t.nextStageId] })],
);

export const stageMonthLengths = sqliteTable(
  'stage_month_lengths',
  { month: text().notNull(), stageId: integer().notNull(), days: integer().notNull(), stays: integer().notNull() },
  (t) => [primaryKey({ columns: [t.month, t.stageId, t.days] })],
);
