import type { OpportunityRow, Output } from '../../electron/shared/contract';
import { rate, weighted } from '../../electron/shared/money';
import type { Db } from '../client';
import { listSql, ROWS_SQL, type ListInput } from './opportunities-list-sql';
import { prepareCached } from './statements';

type RawRow = {
  id: number;
  reference: string;
  customer_id: number;
  customer_name: string;
  on_hold: number;
  title: string;
  owner_name: string | null;
  stage_id: number;
  stage_name: string;
  stage_kind: 'open' | 'won' | 'lost';
  probability: number;
  amount: number;
  cost: number;
  guard_state: OpportunityRow['guardState'];
  expected_close: string | null;
  days_in_stage: number;
  stagnant_days: number | null;
  next_activity_at: string | null;
  next_activity_title: string | null;
};

function toRow(r: RawRow): OpportunityRow {
  return {
    id: r.id,
    reference: r.reference,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerOnHold: r.on_hold === 1,
    title: r.title,
    ownerName: r.owner_name,
    stageId: r.stage_id,
    stageName: r.stage_name,
    stageKind: r.stage_kind,
    probability: r.probability,
    amount: r.amount,
    weightedAmount: weighted(r.amount, r.probability),
    marginRate: rate.ratio(r.amount - r.cost, r.amount),
    guardState: r.guard_state,
    expectedClose: r.expected_close,
    daysInStage: r.days_in_stage,
    stagnantDays: r.stagnant_days,
    nextActivityAt: r.next_activity_at,
    nextActivityTitle: r.next_activity_title,
  };
}

/** The opportunities grid: one page of rows, the total count and the totals of the filtered set. */
export function listOpportunities(db: Db, input: ListInput, now = new Date().toISOString()): Output<'opportunities.list'> {
  const raw = db.$client;
  const { ids, count, params } = listSql(input);
  const pageIds = prepareCached(raw, ids)
    .pluck()
    .all({ now }, ...params, input.limit, input.offset) as number[];
  const rows = rowsOfIds(db, pageIds, now);
  if (!input.withTotals) return { rows, total: null, totals: null };
  const t = prepareCached(raw, count).get({ now }, ...params) as { total: number; amount: number; weighted: number };
  return { rows, total: t.total, totals: { amount: t.amount, weightedAmount: t.weighted } };
}

/** The grid's rows of the given deals, in that order (the deals behind a dashboard's figure). */
export function rowsOfIds(db: Db, ids: number[], now: string): OpportunityRow[] {
  return ids.length ? (prepareCached(db.$client, ROWS_SQL).all({ now, ids: JSON.stringify(ids) }) as RawRow[]).map(toRow) : [];
}
