import { rankOfSql, spanDaysSql, stagnantSql } from '../../electron/shared/domain/kpis';
import type { Db } from '../client';
import { prepareCached } from './statements';

/**
 * Each stage's stagnation threshold in days: the company's, or else the p75
 * of the finished stays counted in `stage_durations` (nearest rank, as `percentileOfCounts`).
 * A subquery of (stage_id, threshold, p75).
 */
export const STAGE_THRESHOLDS_SQL = `(
  SELECT s.id AS stage_id, coalesce(s.stagnation_days, q.days) AS threshold, q.days AS p75 FROM stages s LEFT JOIN (
    SELECT stage_id, min(days) AS days FROM (
      SELECT stage_id, days, sum(stays) OVER (PARTITION BY stage_id ORDER BY days) AS seen, sum(stays) OVER (PARTITION BY stage_id) AS total
      FROM stage_durations WHERE stays > 0)
    WHERE seen >= ${rankOfSql('total', 75)} GROUP BY stage_id) q ON q.stage_id = s.id)`;

/** Whole days a deal `o` has been in its stage at `@now`. */
export const DAYS_IN_STAGE_SQL = spanDaysSql('o.stage_entered_at', '@now');

/** A deal `o` in stage `s` with thresholds `th` joined: stagnant (`isStagnant`). */
export const STAGNANT_SQL = stagnantSql('s.kind', 'o.stage_entered_at', 'th.threshold', 'o.next_activity_at', '@now');

/** Days beyond its stage's threshold of a stagnant deal (null when it is not stagnant). */
export const STAGNANT_DAYS_SQL = `(CASE WHEN ${STAGNANT_SQL} THEN ${DAYS_IN_STAGE_SQL} - th.threshold END)`;

export type StageThreshold = { stageId: number; threshold: number | null; p75: number | null };

export function stageThresholds(db: Db): StageThreshold[] {
  return prepareCached(
    db.$client,
    `SELECT stage_id AS stageId, threshold, p75 FROM ${STAGE_THRESHOLDS_SQL} ORDER BY stage_id`,
  ).all() as StageThreshold[];
}
