import { bandSql, periodBounds, periodSql, type Thresholds } from '../../electron/shared/domain/forecast';
import type { DealsSlice } from '../../electron/shared/contract/dashboard';
import { weightedSql } from '../../electron/shared/money';
import type { Db } from '../client';
import { prepareCached } from './statements';
import { HAS_CATEGORY_LINE, OWNER } from './kpis';
import { DAYS_IN_STAGE_SQL, STAGE_THRESHOLDS_SQL, stageThresholds } from './stagnation';
import { stagnantSql } from '../../electron/shared/domain/kpis';

type Found = { ids: number[]; total: number };

const IN_CATEGORIES = `(@categories IS NULL OR ${HAS_CATEGORY_LINE})`;

/** The ids of the deals behind a dashboard figure (the same conditions as the figure's SQL), biggest first, and how many there are. */
export function sliceDeals(
  db: Db,
  slice: DealsSlice,
  o: { now: string; limit: number; thresholds: Thresholds; forecastFrom: string; forecastTo: string; categories: number[] | null },
): Found {
  if (slice.kind === 'stagnant') return stagnantDeals(db, slice.ownerId, o);
  const { where, order, params } = sliceWhere(slice, o);
  const from = `opportunities o JOIN stages s ON s.id = o.stage_id JOIN ${STAGE_THRESHOLDS_SQL} th ON th.stage_id = o.stage_id`;
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

/** A stage's deals (`@stage`, its threshold `@threshold`) entered in (`@after`, `@before`) and stagnant at `@now`, in the index's order (entered first). */
const STAGNANT_IN_STAGE = `FROM opportunities o INDEXED BY opportunities_stagnant
  WHERE o.stage_id = @stage AND o.next_activity_at IS NULL AND o.stage_entered_at > @after AND o.stage_entered_at < @before
    AND ${stagnantSql("'open'", 'o.stage_entered_at', '@threshold', 'o.next_activity_at', '@now')} AND ${OWNER}`;
const BEYOND = `${DAYS_IN_STAGE_SQL} - @threshold`;
const daysBefore = (now: string, days: number) => new Date(Date.parse(now) - days * 86_400_000).toISOString();

/**
 * The stagnant deals, most days beyond their stage's threshold first (then by id), and how many.
 * In a stage those come in the index's order (entered first); so each open stage gives its first
 * `limit`, and the deals as far beyond as its last one (ties), and the best of those are the page.
 */
function stagnantDeals(db: Db, owner: number | null, o: { now: string; limit: number }): Found {
  const raw = db.$client;
  const open = new Set(prepareCached(raw, "SELECT id FROM stages WHERE kind = 'open'").pluck().all() as number[]);
  const count = prepareCached(raw, `SELECT count(*) ${STAGNANT_IN_STAGE}`).pluck();
  const pick = prepareCached(raw, `SELECT o.id, ${BEYOND} AS beyond ${STAGNANT_IN_STAGE} ORDER BY o.stage_entered_at LIMIT @limit`);
  let total = 0;
  const found: { id: number; beyond: number }[] = [];
  for (const { stageId: stage, threshold } of stageThresholds(db)) {
    if (!open.has(stage) || threshold === null) continue;
    // entered before now − threshold: the exact test (to the second) is the SQL's
    const p = { now: o.now, owner, stage, threshold, after: '', before: daysBefore(o.now, threshold) };
    total += count.get(p) as number;
    const rows = pick.all({ ...p, limit: o.limit }) as { id: number; beyond: number }[];
    found.push(...rows);
    if (rows.length < o.limit) continue;
    // the deals as far beyond as the last one entered within that day (a day of margin each side, the exact test after)
    const beyond = rows[rows.length - 1]!.beyond;
    const seen = new Set(rows.map((r) => r.id));
    const ties = pick.all({ ...p, after: daysBefore(o.now, threshold + beyond + 2), before: daysBefore(o.now, threshold + beyond - 1), limit: -1 });
    for (const r of ties as typeof rows) if (r.beyond === beyond && !seen.has(r.id)) found.push(r);
  }
  found.sort((a, b) => b.beyond - a.beyond || a.id - b.id);
  return { ids: found.slice(0, o.limit).map((r) => r.id), total };
}

function sliceWhere(
  slice: Exclude<DealsSlice, { kind: 'stagnant' }>,
  o: { thresholds: Thresholds; forecastFrom: string; forecastTo: string; categories: number[] | null },
) {
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
  }
}
