import { bandSql, periodSql, type Grain, type Thresholds } from '../../electron/shared/domain/forecast';
import { weightedSql } from '../../electron/shared/money';
import type { Db } from '../client';
import { prepareCached } from './statements';
import { OWNER } from './kpis';

/** What the forecast is cut by: one line per owner, category (a line's product), warehouse (a line's), customer, or none. */
export type Dimension = 'none' | 'owner' | 'category' | 'warehouse' | 'customer';

/** A forecast cell from SQL: the period (`overdue`: expected before the first period; `undated`), the key of the dimension. */
export type CellRow = { period: string; key: number | null; deals: number; amount: number; weighted: number; commit: number; bestCase: number };

const periodCase = (grain: Grain) =>
  `CASE WHEN o.expected_close IS NULL THEN 'undated' WHEN o.expected_close < @from THEN 'overdue' ELSE ${periodSql('o.expected_close', grain)} END`;

type CellsInput = { grain: Grain; dimension: Dimension; from: string; to: string; owner: number | null } & Thresholds;

/**
 * The open pipeline up to `to` (exclusive), cut by period of expected close and by a dimension:
 * count, amount, Σ weighted (`weighted` per deal, or per line for category and warehouse, on the
 * deal's probability), committed and best-case amounts (`bandOf`); `forecastCell` is its TS twin.
 * A deal counts once in each row its lines fall in. By customer: the `top` customers only.
 */
export function forecastCells(db: Db, p: CellsInput & { top: number }): CellRow[] {
  if (p.dimension === 'none' || p.dimension === 'owner') return keptCells(db, p);
  return p.dimension === 'customer' ? topCustomerCells(db, p) : cutCells(db, p);
}

const band = (probability: string, amount: string) =>
  `sum(CASE WHEN ${bandSql(probability)} = 'commit' THEN ${amount} ELSE 0 END) AS "commit",
      sum(CASE WHEN ${bandSql(probability)} != 'pipeline' THEN ${amount} ELSE 0 END) AS bestCase`;
const keptPeriod = (grain: Grain) => {
  const month = "f.close_month || '-01'";
  return `CASE WHEN f.close_month = '' THEN 'undated' WHEN ${month} < @from THEN 'overdue' ELSE ${periodSql(month, grain)} END`;
};
const KEPT_WHERE = "(f.close_month = '' OR f.close_month || '-01' < @to) AND (@owner IS NULL OR f.owner_id = @owner)";

/** Cells summed from a table kept by close month, owner and probability: the key, and which of its rows. */
function keptFrom(db: Db, p: CellsInput, from: { table: string; key: string; where: string }): CellRow[] {
  const sql = `SELECT ${keptPeriod(p.grain)} AS period, ${from.key} AS key, sum(f.deals) AS deals, sum(f.amount) AS amount,
      sum(f.weighted) AS weighted, ${band('f.probability', 'f.amount')}
    FROM ${from.table} f WHERE ${from.where} AND f.deals != 0 AND ${KEPT_WHERE} GROUP BY 1, 2`;
  return prepareCached(db.$client, sql).all({ ...params(p), dimension: p.dimension }) as CellRow[];
}

/** The same cells read from the open pipeline kept by month, owner and probability (`forecast_pipeline`, migration 0021). */
export const keptCells = (db: Db, p: CellsInput): CellRow[] =>
  keptFrom(db, p, { table: 'forecast_pipeline', key: p.dimension === 'owner' ? 'nullif(f.owner_id, 0)' : 'NULL', where: 'TRUE' });

/** The cells by category or warehouse, read from the cuts kept by triggers on lines, deals, products and the tree (`forecast_cuts`, migration 0023). */
export const cutCells = (db: Db, p: CellsInput): CellRow[] =>
  keptFrom(db, p, { table: 'forecast_cuts', key: 'nullif(f.key, 0)', where: 'f.dimension = @dimension' });

const params = (p: CellsInput) => ({ from: p.from, to: p.to, owner: p.owner, commit: p.commit, best: p.best });

/** Each category's top category, found from the tree itself (the twin of `category_roots`). */
const ROOTS = `(WITH RECURSIVE up(id, at, depth) AS (
    SELECT id, id, 0 FROM product_categories
    UNION ALL SELECT up.id, c.parent_id, up.depth + 1 FROM up JOIN product_categories c ON c.id = up.at
    WHERE up.depth < 32 AND c.parent_id IN (SELECT id FROM product_categories))
  SELECT id, at AS root, max(depth) FROM up GROUP BY id)`;

/** The cells from every open deal (or line, for category and warehouse): the twin of the kept pipeline and cuts. */
export function scannedCells(db: Db, p: CellsInput): CellRow[] {
  const lineLevel = p.dimension === 'category' || p.dimension === 'warehouse';
  const amount = lineLevel ? 'l.amount' : 'o.amount';
  const key = { none: 'NULL', owner: 'o.owner_id', customer: 'o.customer_id', category: 'r.root', warehouse: 'l.warehouse_id' }[p.dimension];
  const from = lineLevel
    ? `opportunity_lines l JOIN opportunities o ON o.id = l.opportunity_id JOIN products p ON p.id = l.product_id LEFT JOIN ${ROOTS} r ON r.id = p.category_id`
    : 'opportunities o';
  const sql = `SELECT ${periodCase(p.grain)} AS period, ${key} AS key, count(DISTINCT o.id) AS deals, sum(${amount}) AS amount,
      sum(${weightedSql(amount, 'o.probability')}) AS weighted, ${band('o.probability', amount)}
    FROM ${from} WHERE ${OPEN_BEFORE_TO} GROUP BY 1, 2`;
  return prepareCached(db.$client, sql).all(params(p)) as CellRow[];
}

const OPEN_BEFORE_TO = `o.stage_id IN (SELECT id FROM stages WHERE kind = 'open') AND (o.expected_close IS NULL OR o.expected_close < @to) AND ${OWNER}`;

/**
 * The cells of the `top` customers with the largest weighted amount up to `to` (ties: the lower id
 * first): the team's ranked from the pipeline kept by customer and month (`forecast_customers`,
 * migration 0023), one owner's from their deals; then those customers' deals.
 */
export function topCustomerCells(db: Db, p: CellsInput & { top: number }): CellRow[] {
  const w = weightedSql('o.amount', 'o.probability');
  const ranked =
    p.owner === null
      ? `SELECT f.customer_id AS id FROM forecast_customers f WHERE f.deals != 0 AND (f.close_month = '' OR f.close_month || '-01' < @to)
         GROUP BY f.customer_id ORDER BY sum(f.weighted) DESC, f.customer_id LIMIT @top`
      : `SELECT o.customer_id AS id FROM opportunities o WHERE ${OPEN_BEFORE_TO} GROUP BY o.customer_id ORDER BY sum(${w}) DESC, o.customer_id LIMIT @top`;
  const sql = `WITH top AS (${ranked})
    SELECT ${periodCase(p.grain)} AS period, o.customer_id AS key, count(*) AS deals, sum(o.amount) AS amount, sum(${w}) AS weighted,
      ${band('o.probability', 'o.amount')}
    FROM opportunities o WHERE o.customer_id IN (SELECT id FROM top) AND ${OPEN_BEFORE_TO} GROUP BY 1, 2`;
  return prepareCached(db.$client, sql).all({ ...params(p), top: p.top }) as CellRow[];
}

/** Won deals by period of their win (entry into a won stage), from `from` to `to` (whole months): count and amount. */
export function wonByPeriod(
  db: Db,
  p: { grain: Grain; from: string; to: string; owner: number | null },
): { period: string; deals: number; amount: number }[] {
  // the team's from the closed deals kept by month (migration 0024), one trader's from their deals
  const sql =
    p.owner === null
      ? `SELECT ${periodSql("month || '-01'", p.grain)} AS period, sum(deals) AS deals, sum(amount) AS amount FROM closed_months
         WHERE kind = 'won' AND deals != 0 AND month >= substr(@from, 1, 7) AND month < substr(@to, 1, 7) GROUP BY 1`
      : `SELECT ${periodSql('o.stage_entered_at', p.grain)} AS period, count(*) AS deals, sum(o.amount) AS amount
         FROM opportunities o WHERE o.stage_id IN (SELECT id FROM stages WHERE kind = 'won')
           AND o.stage_entered_at >= @from AND o.stage_entered_at < @to AND ${OWNER} GROUP BY 1`;
  return prepareCached(db.$client, sql).all(p) as { period: string; deals: number; amount: number }[];
}

/** What the snapshots said of each month from `from` to `to` (Σ weighted at the month's start), for the months taken. */
export function snapshotTotals(db: Db, p: { from: string; to: string; owner: number | null }): { month: string; deals: number; weighted: number }[] {
  const sql = `SELECT m.month, coalesce(sum(t.deals), 0) AS deals, coalesce(sum(t.weighted), 0) AS weighted
    FROM forecast_months m LEFT JOIN forecast_month_totals t ON t.month = m.month AND (@owner IS NULL OR t.owner_id = @owner)
    WHERE m.month >= substr(@from, 1, 7) AND m.month < substr(@to, 1, 7) GROUP BY m.month`;
  return prepareCached(db.$client, sql).all(p) as { month: string; deals: number; weighted: number }[];
}

/** The months (`YYYY-MM`) already snapshotted. */
export function snapshotMonths(db: Db): Set<string> {
  return new Set(prepareCached(db.$client, 'SELECT month FROM forecast_months').pluck().all() as string[]);
}

/**
 * Takes a month's snapshot from the stage history: every deal whose expected close falls in the
 * month and which, at 00:00 UTC on its first day, was in an open stage — with that stage's
 * probability (its own, when it is still in it). Amounts and dates are the deal's as they are.
 */
export function takeSnapshot(db: Db, month: string, next: string, at: string): number {
  const raw = db.$client;
  const start = `${month}-01T00:00:00.000Z`;
  prepareCached(raw, 'DELETE FROM forecast_snapshots WHERE month = ?').run(month);
  const n = prepareCached(
    raw,
    `INSERT OR REPLACE INTO forecast_snapshots (month, opportunity_id, owner_id, amount, probability)
     SELECT @month, o.id, o.owner_id, o.amount, CASE WHEN h.left_at IS NULL THEN o.probability ELSE s.probability END
     FROM opportunities o
     JOIN stage_history h ON h.id = (SELECT x.id FROM stage_history x WHERE x.opportunity_id = o.id AND x.changed_at <= @start ORDER BY x.changed_at DESC, x.id DESC LIMIT 1)
     JOIN stages s ON s.id = h.to_stage_id AND s.kind = 'open'
     WHERE o.expected_close >= @first AND o.expected_close < @next`,
  ).run({ month, start, first: `${month}-01`, next }).changes;
  prepareCached(raw, 'DELETE FROM forecast_month_totals WHERE month = ?').run(month);
  prepareCached(
    raw,
    `INSERT INTO forecast_month_totals (month, owner_id, deals, weighted)
     SELECT month, coalesce(owner_id, 0), count(*), sum(${weightedSql('amount', 'probability')}) FROM forecast_snapshots WHERE month = ? GROUP BY 1, 2`,
  ).run(month);
  prepareCached(raw, 'INSERT OR REPLACE INTO forecast_months (month, taken_at) VALUES (?, ?)').run(month, at);
  return n;
}

/**
 * Stage changes pulled from the team that are dated before a month's start were not known when that
 * month's snapshot was taken (a desk joining the team, a desk back from offline): the snapshots of
 * those months are forgotten, and the next clock turn takes them again from the history.
 */
export function forgetSnapshotsAfter(db: Db, stageHistoryUids: string[]): number {
  if (stageHistoryUids.length === 0) return 0;
  return prepareCached(
    db.$client,
    `DELETE FROM forecast_months WHERE month || '-01T00:00:00.000Z' >= (SELECT min(changed_at) FROM stage_history WHERE uid IN (SELECT value FROM json_each(?)))`,
  ).run(JSON.stringify(stageHistoryUids)).changes;
}
