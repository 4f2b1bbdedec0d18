import { rankOfSql, spanDaysSql } from '../../electron/shared/domain/kpis';
import { ratioSql, weightedSql } from '../../electron/shared/money';
import type { Db } from '../client';
import { prepareCached } from './statements';

/**
 * The SQL of the KPIs (issue 14), each beside its TS function in shared/domain/kpis.ts (a test
 * runs both). `@from`/`@to` bound the period (ISO dates, `to` exclusive); `@owner` (null: the
 * team) and `@categories` (a JSON array of category ids, null: all) choose the deals: a deal is
 * in a category when one of its lines is.
 */
export type Scope = { from: string; to: string; owner: number | null; categories: number[] | null };

const DEALS = `(@owner IS NULL OR o.owner_id = @owner) AND (@categories IS NULL OR EXISTS (
  SELECT 1 FROM opportunity_lines l JOIN products p ON p.id = l.product_id
  WHERE l.opportunity_id = o.id AND p.category_id IN (SELECT value FROM json_each(@categories))))`;

/** Deals won or lost in the period: their entry into that stage. */
const CLOSED = `FROM opportunities o JOIN stages s ON s.id = o.stage_id AND s.kind IN ('won', 'lost')
  WHERE o.stage_entered_at >= @from AND o.stage_entered_at < @to AND ${DEALS}`;

const bind = (s: Scope) => ({ from: s.from, to: s.to, owner: s.owner, categories: s.categories && JSON.stringify(s.categories) });
const get = <T>(db: Db, sql: string, s: Scope) => prepareCached(db.$client, sql).get(bind(s)) as T;
const all = <T>(db: Db, sql: string, s: Scope) => prepareCached(db.$client, sql).all(bind(s)) as T[];

/** The median and p75 (nearest rank, `percentile`) of `value` over the rows of `rows` (an SQL subquery), per `part`. */
const spreadSql = (rows: string, part: string) => `SELECT ${part} AS part, count(*) AS n,
    min(CASE WHEN rn >= ${rankOfSql('cnt', 50)} THEN value END) AS median, min(CASE WHEN rn >= ${rankOfSql('cnt', 75)} THEN value END) AS p75
  FROM (SELECT *, row_number() OVER (PARTITION BY ${part} ORDER BY value) AS rn, count(*) OVER (PARTITION BY ${part}) AS cnt FROM (${rows}))
  GROUP BY ${part}`;

export type ClosedFigures = {
  won: number;
  lost: number;
  wonAmount: number;
  lostAmount: number;
  byCount: number | null;
  byValue: number | null;
  basket: number | null;
  wonMarginRate: number | null;
};

/** Win rate by count and value (`winRate`), the average basket (`averageBasket`) and the won margin rate (`marginRateOf`). */
export function closedFigures(db: Db, scope: Scope): ClosedFigures {
  const won = "s.kind = 'won'";
  return get<ClosedFigures>(
    db,
    `SELECT won, lost, wonAmount, lostAmount, ${ratioSql('won', 'won + lost')} AS byCount, ${ratioSql('wonAmount', 'wonAmount + lostAmount')} AS byValue,
       CASE WHEN won = 0 THEN NULL ELSE CAST(round(wonAmount * 1.0 / won) AS INTEGER) END AS basket,
       ${ratioSql('wonAmount - wonCost', 'wonAmount')} AS wonMarginRate
     FROM (SELECT coalesce(sum(${won}), 0) AS won, coalesce(sum(NOT ${won}), 0) AS lost,
       coalesce(sum(CASE WHEN ${won} THEN o.amount ELSE 0 END), 0) AS wonAmount, coalesce(sum(CASE WHEN ${won} THEN 0 ELSE o.amount END), 0) AS lostAmount,
       coalesce(sum(CASE WHEN ${won} THEN o.cost ELSE 0 END), 0) AS wonCost ${CLOSED})`,
    scope,
  );
}

export type SpreadRow = { part: number | string; n: number; median: number | null; p75: number | null };

/** The sales cycle (`cycleDays`) of deals closed in the period: median and p75, won and lost apart and together (`all`). */
export function cycleSpread(db: Db, scope: Scope): SpreadRow[] {
  const rows = `SELECT s.kind AS kind, ${spanDaysSql('o.created_at', 'o.stage_entered_at')} AS value ${CLOSED}`;
  return all<SpreadRow>(db, `${spreadSql(rows, 'kind')} UNION ALL ${spreadSql(`SELECT 'all' AS k, value FROM (${rows})`, 'k')}`, scope);
}

/** Time in each stage (`spanDays` of its stays) for the stays that ended in the period: median and p75 per stage. */
export function stageTimeSpread(db: Db, scope: Scope): SpreadRow[] {
  const rows = `SELECT h.to_stage_id AS stage, ${spanDaysSql('h.changed_at', 'h.left_at')} AS value
    FROM stage_history h JOIN opportunities o ON o.id = h.opportunity_id WHERE h.left_at >= @from AND h.left_at < @to AND ${DEALS}`;
  return all<SpreadRow>(db, spreadSql(rows, 'stage'), scope);
}

export type ConversionRow = { stageId: number; entered: number; forward: number; backward: number; still: number; rate: number | null };

/** Stage-to-stage conversion (`conversion`, `isForward`) of the stays that began in the period. */
export function conversionRows(db: Db, scope: Scope): ConversionRow[] {
  return all<ConversionRow>(
    db,
    `SELECT stageId, entered, forward, entered - forward - still AS backward, still, ${ratioSql('forward', 'entered')} AS rate FROM (
       SELECT h.to_stage_id AS stageId, count(*) AS entered, sum(h.next_stage_id IS NULL) AS still,
         sum(coalesce(n.kind = 'won' OR (n.kind = 'open' AND n.position > f.position), 0)) AS forward
       FROM stage_history h JOIN opportunities o ON o.id = h.opportunity_id JOIN stages f ON f.id = h.to_stage_id
         LEFT JOIN stages n ON n.id = h.next_stage_id
       WHERE h.changed_at >= @from AND h.changed_at < @to AND ${DEALS} GROUP BY h.to_stage_id)`,
    scope,
  );
}

/** Deals lost in the period by reason: how many, for how much. */
export function lostReasons(db: Db, scope: Scope): { reason: string | null; deals: number; amount: number }[] {
  return all(
    db,
    `SELECT o.lost_reason AS reason, count(*) AS deals, sum(o.amount) AS amount ${CLOSED} AND s.kind = 'lost' GROUP BY 1 ORDER BY 2 DESC, 1`,
    scope,
  );
}

/** The margin rate of the open pipeline, weighted by probability: Σ weighted(margin) ÷ Σ weighted(amount). Not bound to a period. */
export function pipelineMarginRate(db: Db, scope: Scope): { deals: number; weighted: number; rate: number | null } {
  return get(
    db,
    `SELECT deals, w AS weighted, ${ratioSql('wm', 'w')} AS rate FROM (
       SELECT count(*) AS deals, coalesce(sum(${weightedSql('o.amount', 'o.probability')}), 0) AS w,
         coalesce(sum(${weightedSql('o.amount - o.cost', 'o.probability')}), 0) AS wm
       FROM opportunities o WHERE o.stage_id IN (SELECT id FROM stages WHERE kind = 'open') AND @from IS NOT NULL AND ${DEALS})`,
    scope,
  );
}
