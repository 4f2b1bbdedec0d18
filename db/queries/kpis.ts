import { spanDaysSql, type ClosedGroup } from '../../electron/shared/domain/kpis';
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

/** A deal `o` with a line of one of the categories `@categories` (a JSON array of ids). */
export const HAS_CATEGORY_LINE = `EXISTS (SELECT 1 FROM opportunity_lines l JOIN products p ON p.id = l.product_id
  WHERE l.opportunity_id = o.id AND p.category_id IN (SELECT value FROM json_each(@categories)))`;
/** The deals of the trader `@owner` (null: the team) with a line in `@categories` (null: any). */
export const OWNER = '(@owner IS NULL OR o.owner_id = @owner)';
const DEALS = `${OWNER} AND (@categories IS NULL OR ${HAS_CATEGORY_LINE})`;

/** Deals won or lost in the period: their entry into that stage. */
const CLOSED = `FROM opportunities o JOIN stages s ON s.id = o.stage_id AND s.kind IN ('won', 'lost')
  WHERE o.stage_entered_at >= @from AND o.stage_entered_at < @to AND ${DEALS}`;

const bind = (s: Scope) => ({ from: s.from, to: s.to, owner: s.owner, categories: s.categories && JSON.stringify(s.categories) });
const get = <T>(db: Db, sql: string, s: Scope) => prepareCached(db.$client, sql).get(bind(s)) as T;
const all = <T>(db: Db, sql: string, s: Scope) => prepareCached(db.$client, sql).all(bind(s)) as T[];

/** With a trader or a category chosen, rows join their deal; for the whole team they are read from their own index. */
const filtered = (s: Scope) => s.owner !== null || s.categories !== null;

/** Deals won or lost in the period, grouped by outcome, lost reason and cycle length (`closedKpis` reads them). */
export function closedGroups(db: Db, scope: Scope): ClosedGroup[] {
  return filtered(scope) ? scannedClosed(db, scope) : keptClosed(db, scope);
}

/** The same groups of the closed deals themselves (the kept groups' twin, for a test). */
export const scannedClosed = (db: Db, scope: Scope) =>
  all<ClosedGroup>(
    db,
    `SELECT s.kind, CASE WHEN s.kind = 'lost' THEN nullif(o.lost_reason, '') END AS reason, ${spanDaysSql('o.created_at', 'o.stage_entered_at')} AS days,
       count(*) AS deals, sum(o.amount) AS amount, sum(o.cost) AS cost ${CLOSED} GROUP BY 1, 2, 3`,
    scope,
  );

/** The whole team's closed deals by month, kept by triggers (migration 0024); periods are whole months. */
export const keptClosed = (db: Db, scope: Scope) =>
  all<ClosedGroup>(
    db,
    `SELECT kind, nullif(reason, '') AS reason, days, sum(deals) AS deals, sum(amount) AS amount, sum(cost) AS cost FROM closed_months
     WHERE month >= substr(@from, 1, 7) AND month < substr(@to, 1, 7) AND deals != 0 AND @owner IS NULL AND @categories IS NULL GROUP BY 1, 2, 3`,
    scope,
  );

/** Stays that began in the period, by stage and where the deal went next (null: still there). */
export function stayGroups(db: Db, scope: Scope): { stageId: number; nextStageId: number | null; stays: number }[] {
  if (!filtered(scope)) return keptStays(db, scope);
  const join = filtered(scope) ? `JOIN opportunities o ON o.id = h.opportunity_id WHERE ${DEALS} AND` : 'WHERE';
  return all(
    db,
    `SELECT h.to_stage_id AS stageId, h.next_stage_id AS nextStageId, count(*) AS stays FROM stage_history h ${join}
     h.changed_at >= @from AND h.changed_at < @to GROUP BY 1, 2`,
    scope,
  );
}

/** Stays that ended in the period, by stage and whole days spent in it (`spanDays`). */
export function stayLengths(db: Db, scope: Scope): { stageId: number; days: number; stays: number }[] {
  if (!filtered(scope)) return keptLengths(db, scope);
  const join = filtered(scope) ? `JOIN opportunities o ON o.id = h.opportunity_id WHERE ${DEALS} AND` : 'WHERE';
  return all(
    db,
    `SELECT h.to_stage_id AS stageId, ${spanDaysSql('h.changed_at', 'h.left_at')} AS days, count(*) AS stays FROM stage_history h ${join}
     h.left_at >= @from AND h.left_at < @to GROUP BY 1, 2`,
    scope,
  );
}

/** The whole team's stays by month, kept by triggers (migration 0022); periods are whole months. */
export const keptStays = (db: Db, scope: Scope) =>
  all<{ stageId: number; nextStageId: number | null; stays: number }>(
    db,
    `SELECT stage_id AS stageId, nullif(next_stage_id, 0) AS nextStageId, sum(stays) AS stays FROM stage_month_entries
     WHERE month >= substr(@from, 1, 7) AND month < substr(@to, 1, 7) AND stays != 0 AND @owner IS NULL AND @categories IS NULL GROUP BY 1, 2`,
    scope,
  );

export const keptLengths = (db: Db, scope: Scope) =>
  all<{ stageId: number; days: number; stays: number }>(
    db,
    `SELECT stage_id AS stageId, days, sum(stays) AS stays FROM stage_month_lengths
     WHERE month >= substr(@from, 1, 7) AND month < substr(@to, 1, 7) AND stays != 0 AND @owner IS NULL AND @categories IS NULL GROUP BY 1, 2`,
    scope,
  );

/** The stays of the stage history itself (the kept counts' twin, for a test). */
export const scannedStays = (db: Db, scope: Scope) =>
  all<{ stageId: number; nextStageId: number | null; stays: number }>(
    db,
    `SELECT h.to_stage_id AS stageId, h.next_stage_id AS nextStageId, count(*) AS stays FROM stage_history h
     WHERE h.changed_at >= @from AND h.changed_at < @to AND @owner IS NULL AND @categories IS NULL GROUP BY 1, 2`,
    scope,
  );

export const scannedLengths = (db: Db, scope: Scope) =>
  all<{ stageId: number; days: number; stays: number }>(
    db,
    `SELECT h.to_stage_id AS stageId, ${spanDaysSql('h.changed_at', 'h.left_at')} AS days, count(*) AS stays FROM stage_history h
     WHERE h.left_at >= @from AND h.left_at < @to AND @owner IS NULL AND @categories IS NULL GROUP BY 1, 2`,
    scope,
  );

/** The margin rate of the open pipeline, weighted by probability: Σ weighted(margin) ÷ Σ weighted(amount). Not bound to a period. */
export function pipelineMarginRate(db: Db, scope: Scope): { deals: number; weighted: number; rate: number | null } {
  // without a category, the kept pipeline has it summed (forecast_pipeline)
  if (scope.categories === null)
    return get(
      db,
      `SELECT coalesce(sum(deals), 0) AS deals, coalesce(sum(weighted), 0) AS weighted, ${ratioSql('coalesce(sum(weighted_margin), 0)', 'coalesce(sum(weighted), 0)')} AS rate
       FROM forecast_pipeline WHERE @from IS NOT NULL AND (@owner IS NULL OR owner_id = @owner) AND (@categories IS NULL OR 1)`,
      scope,
    );
  return get(
    db,
    `SELECT deals, w AS weighted, ${ratioSql('wm', 'w')} AS rate FROM (
       SELECT count(*) AS deals, coalesce(sum(${weightedSql('o.amount', 'o.probability')}), 0) AS w,
         coalesce(sum(${weightedSql('o.amount - o.cost', 'o.probability')}), 0) AS wm
       FROM opportunities o WHERE o.stage_id IN (SELECT id FROM stages WHERE kind = 'open') AND @from IS NOT NULL AND ${DEALS})`,
    scope,
  );
}
