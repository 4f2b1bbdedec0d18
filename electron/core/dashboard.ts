import type { Db } from '../../db/client';
import { sliceDeals } from '../../db/queries/dashboard-deals';
import { closedGroups, pipelineMarginRate, stayGroups, stayLengths, type Scope } from '../../db/queries/kpis';
import { closedKpis, conversion, spreadOfCounts } from '../shared/domain/kpis';
import { rowsOfIds } from '../../db/queries/opportunities-list';
import { prepareCached } from '../../db/queries/statements';
import { stageThresholds } from '../../db/queries/stagnation';
import type { Output, ParsedInput } from '../shared/contract';
import type { KpiSet } from '../shared/contract/dashboard';
import { periodBounds, shiftPeriod } from '../shared/domain/forecast';
import { categorySubtree, forecastWindow, readForecast, takeSnapshots } from './dashboard-forecast';
import { getSettings } from './settings';
import { suggestions } from './cross-sell';
import { requireRef } from './editing';
import { GUARD_RANK, marginRiskRows, openDealsWith, productsOf } from '../../db/queries/margin-risk';
import { computeDeals } from '../../db/queries/totals';
import { rate } from '../shared/money';

type StageRow = { id: number; name: string; position: number; kind: 'open' | 'won' | 'lost' };

/** The manager's desk (issue 14): computed from the desk's own copy of the team's deals at each call (no cache to go stale). */
export function createDashboard(db: Db, now: () => string) {
  const thresholds = () => getSettings(db)['forecast.thresholds'];
  return {
    forecast: (input: ParsedInput<'dashboard.forecast'>) => readForecast(db, now(), input, thresholds()),
    kpis: (input: ParsedInput<'dashboard.kpis'>) => readKpis(db, input),
    deals(input: ParsedInput<'dashboard.deals'>): Output<'dashboard.deals'> {
      const s = input.slice;
      const w = s.kind === 'forecast' ? forecastWindow(now(), s.grain, s.periods) : { from: '', to: '' };
      const category = s.kind === 'forecast' && s.dimension === 'category' ? s.key : s.kind === 'closed' ? s.categoryId : null;
      const categories = category === null ? null : categorySubtree(db, category);
      const found = sliceDeals(db, s, {
        now: now(),
        limit: input.limit,
        thresholds: thresholds(),
        forecastFrom: w.from,
        forecastTo: w.to,
        categories,
      });
      return { rows: rowsOfIds(db, found.ids, now()), total: found.total };
    },
    marginRisk: (input: ParsedInput<'dashboard.marginRisk'>) =>
      marginRiskRows(db, { since: new Date(Date.parse(now()) - input.days * 86_400_000).toISOString(), owner: input.ownerId, limit: input.limit }),
    whatIf: (input: ParsedInput<'dashboard.whatIf'>) => whatIf(db, now().slice(0, 10), input),
    suggestions: (opportunityId: number) => suggestions(db, opportunityId, now().slice(0, 10)),
    /** a clock turn: the snapshots of the months not taken yet */
    snapshots: () => takeSnapshots(db, now()),
  };
}

export type Dashboard = ReturnType<typeof createDashboard>;

/** The KPIs of a period and of the one before, with every active stage and its stagnation threshold. */
function readKpis(db: Db, input: ParsedInput<'dashboard.kpis'>): Output<'dashboard.kpis'> {
  const categories = input.categoryId === null ? null : categorySubtree(db, input.categoryId);
  const scope = (period: string): Scope => ({ ...periodBounds(period, input.grain), owner: input.ownerId, categories });
  const th = new Map(stageThresholds(db).map((s) => [s.stageId, s]));
  const stages = (
    prepareCached(db.$client, 'SELECT id, name, position, kind FROM stages WHERE active = 1 ORDER BY position').all() as StageRow[]
  ).map((s) => ({ ...s, threshold: th.get(s.id)?.threshold ?? null, p75: th.get(s.id)?.p75 ?? null }));
  const before = shiftPeriod(input.period, input.grain, -1);
  const byId = new Map(stages.map((s) => [s.id, s]));
  // the open pipeline's margin is today's, the same for both periods
  const pipelineRate = pipelineMarginRate(db, scope(input.period)).rate;
  return {
    grain: input.grain,
    current: kpiSet(db, input.period, scope(input.period), byId, pipelineRate),
    previous: kpiSet(db, before, scope(before), byId, pipelineRate),
    stages,
  };
}

function kpiSet(
  db: Db,
  period: string,
  scope: Scope,
  stages: ReadonlyMap<number, { position: number; kind: 'open' | 'won' | 'lost' }>,
  pipelineRate: number | null,
): KpiSet {
  const closed = closedKpis(closedGroups(db, scope));
  const conv = conversion(stayGroups(db, scope), stages);
  const lengths = new Map<number, { value: number; n: number }[]>();
  for (const l of stayLengths(db, scope)) lengths.set(l.stageId, [...(lengths.get(l.stageId) ?? []), { value: l.days, n: l.stays }]);
  const stageIds = [...new Set([...conv.map((c) => c.stageId), ...lengths.keys()])];
  return {
    period,
    won: closed.won,
    lost: closed.lost,
    wonAmount: closed.wonAmount,
    lostAmount: closed.lostAmount,
    winRateCount: closed.byCount,
    winRateValue: closed.byValue,
    basket: closed.basket,
    wonMarginRate: closed.wonMarginRate,
    pipelineMarginRate: pipelineRate,
    cycle: closed.cycle,
    stages: stageIds.map((stageId) => {
      const { entered = 0, forward = 0, backward = 0, still = 0, rate = null } = conv.find((x) => x.stageId === stageId) ?? {};
      return { stageId, entered, forward, backward, still, conversion: rate, time: spreadOfCounts(lengths.get(stageId) ?? []) };
    }),
    lostReasons: closed.lostReasons,
  };
}

/**
 * What-if: the open deals quoting those products costed that much higher (the shared costing and
 * guard, `computeDeals`), against their figures now; those that fall below their target, minimum
 * or cost, the margin lost the most first. Nothing is written.
 */
function whatIf(db: Db, today: string, input: ParsedInput<'dashboard.whatIf'>): Output<'dashboard.whatIf'> {
  if (input.categoryId !== null) requireRef(db, 'product_categories', input.categoryId, 'categoryId');
  if (input.supplierId !== null) requireRef(db, 'suppliers', input.supplierId, 'supplierId');
  const products = productsOf(db, {
    categories: input.categoryId === null ? null : categorySubtree(db, input.categoryId),
    supplierId: input.supplierId,
  });
  const owned = (id: number) => input.ownerId === null || dealInfo.get(id)?.owner_id === input.ownerId;
  const ids = openDealsWith(db, products);
  const dealInfo = new Map(
    (
      prepareCached(
        db.$client,
        `SELECT o.id, o.reference, c.name AS customer_name, u.name AS owner_name, o.owner_id FROM opportunities o JOIN customers c ON c.id = o.customer_id
         LEFT JOIN users u ON u.id = o.owner_id WHERE o.id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(ids)) as { id: number; reference: string; customer_name: string; owner_name: string | null; owner_id: number | null }[]
    ).map((r) => [r.id, r]),
  );
  const mine = ids.filter(owned);
  const now = computeDeals(db, { today, ids: mine }).deals;
  const then = computeDeals(db, { today, ids: mine, shift: { products, rate: rate.fromPercent(input.percent) } }).deals;
  let marginBefore = 0;
  let marginAfter = 0;
  const falling: Output<'dashboard.whatIf'>['falling'] = [];
  for (const [id, b] of now) {
    const a = then.get(id)!;
    marginBefore += b.amount - b.cost;
    marginAfter += a.amount - a.cost;
    if (GUARD_RANK[a.state] <= GUARD_RANK[b.state]) continue;
    const d = dealInfo.get(id)!;
    falling.push({
      opportunityId: id,
      reference: d.reference,
      customerName: d.customer_name,
      ownerName: d.owner_name,
      amount: a.amount,
      costBefore: b.cost,
      costAfter: a.cost,
      guardBefore: b.state,
      guardAfter: a.state,
    });
  }
  falling.sort((x, y) => y.costAfter - y.costBefore - (x.costAfter - x.costBefore) || x.opportunityId - y.opportunityId);
  return { deals: mine.length, falling, marginBefore, marginAfter };
}
