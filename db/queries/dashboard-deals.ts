import { bandSql, periodBounds, periodSql, type Thresholds } from '../../electron/shared/domain/forecast';
import type { DealsSlice } from '../../electron/shared/contract/dashboard';
import { weightedSql } from '../../electron/shared/money';
import type { Db } from '../client';
import { prepareCached } from './statements';
import { HAS_CATEGORY_LINE, OWNER } from './kpis';
import { STAGE_THRESHOLDS_SQL, STAGNANT_DAYS_SQL, STAGNANT_SQL } from './stagnation';

type Found = { ids: number[]; total: number };

const IN_CATEGORIES = `(@categories IS NULL OR ${HAS_CATEGORY_LINE})`;

/** The ids of the deals behind a dashboard figure (the same conditions as the figure's SQL), biggest first, and how many there are. */
export function sliceDeals(
  db: Db,
  slice: DealsSlice,
  o: { now: string; limit: number; thresholds: Thresholds; forecastFrom: string; forecastTo: string; categories: number[] | null },
): Found {
  const {
    where,
    order,
    params,
    from = `opportunities o JOIN stages s ON s.id = o.stage_id JOIN ${STAGE_THRESHOLDS_SQL} th ON th.stage_id = o.stage_id`,
  } = sliceWhere(slice, o);
  const raw = db.$client;
  const base = `FROM ${from} WHERE ${where}`;
  const all = { now: o.now, owner: slice.ownerId, ...params };
  // the page and how many there are in one read (the count over the whole set, before the limit)
  const rows = prepareCached(raw, `SELECT o.id, count(*) OVER () AS total ${base} ORDER BY ${order}, o.id LIMIT @limit`).all({
    ...all,
    limit: o.limit,
  }) as {
    id: number;
    total: number;
  }[];
  return { ids: rows.map((r) => r.id), total: rows[0]?.total ?? 0 };
}

function sliceWhere(slice: DealsSlice, o: { thresholds: Thresholds; forecastFrom: string; forecastTo: string; categories: number[] | null }) {
  const weightDesc = `${weightedSql('o.amount', 'o.probability')} DESC`;
  switch (slice.kind) {
    case 'forecast': {
      const period =
        slice.period === 'overdue'
          ? 'o.expected_close < @from'
          : slice.period === 'undated'
            ? 'o.expected_close IS NULL'
            : `o.expected_close >= @from AND o.expected_close < @to AND ${periodSql('o.expected_close', slice.grain)} = @period`;
      const key = {
        none: 'TRUE',
        owner: 'o.owner_id IS @key',
        customer: 'o.customer_id = @key',
        category: HAS_CATEGORY_LINE,
        warehouse: 'EXISTS (SELECT 1 FROM opportunity_lines l WHERE l.opportunity_id = o.id AND l.warehouse_id IS @key)',
      }[slice.dimension];
      return {
        where: `s.kind = 'open' AND ${OWNER} AND ${period} AND ${key} AND (@band IS NULL OR ${bandSql('o.probability')} = @band OR (@band = 'best' AND ${bandSql('o.probability')} = 'commit'))`,
        order: weightDesc,
        params: {
          from: o.forecastFrom,
          to: o.forecastTo,
          period: slice.period,
          key: slice.key,
          band: slice.band,
          commit: o.thresholds.commit,
          best: o.thresholds.best,
          categories: o.categories && JSON.stringify(o.categories),
        },
      };
    }
    case 'won': {
      const b = periodBounds(slice.month, 'month');
      return { where: `s.kind = 'won' AND ${OWNER} AND o.stage_entered_at >= @from AND o.stage_entered_at < @to`, order: 'o.amount DESC', params: b };
    }
    case 'snapshot':
      return {
        where: `o.id IN (SELECT f.opportunity_id FROM forecast_snapshots f WHERE f.month = @month AND (@owner IS NULL OR f.owner_id = @owner))`,
        order: 'o.amount DESC',
        params: { month: slice.month },
      };
    case 'closed': {
      const b = periodBounds(slice.period, slice.grain);
      return {
        where: `s.kind = @outcome AND ${OWNER} AND ${IN_CATEGORIES} AND o.stage_entered_at >= @from AND o.stage_entered_at < @to AND (@reason IS NULL OR o.lost_reason = @reason)`,
        order: 'o.amount DESC',
        params: { ...b, outcome: slice.outcome, reason: slice.reason, categories: o.categories && JSON.stringify(o.categories) },
      };
    }
    case 'stagnant':
      // each open stage first, then its deals entered before its threshold in index order (stage, entry), judged to the second
      return {
        from: `stages s JOIN ${STAGE_THRESHOLDS_SQL} th ON th.stage_id = s.id CROSS JOIN opportunities o INDEXED BY opportunities_stage_since`,
        where: `s.kind = 'open' AND o.stage_id = s.id AND +o.next_activity_at IS NULL
          AND o.stage_entered_at < strftime('%Y-%m-%dT%H:%M:%fZ', @now, '-' || th.threshold || ' days') AND ${STAGNANT_SQL} AND ${OWNER}`,
        order: `${STAGNANT_DAYS_SQL} DESC`,
        params: {},
      };
  }
}
