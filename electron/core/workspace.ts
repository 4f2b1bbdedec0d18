import type { Db } from '../../db/client';
import { readApprovals } from '../../db/queries/approvals';
import { getOpportunity, type BaseLine } from '../../db/queries/opportunity-get';
import { activeReservations, opsStateOf, shortByLine } from '../../db/queries/operations';
import { readCategoryParents } from '../../db/queries/rules';
import { readCosting, readHandlingDays, readSetting } from '../../db/queries/settings';
import * as q from '../../db/queries/workspace';
import type { CustomerPanel, LineInsight, Output } from '../shared/contract';
import { addDays } from '../shared/dates';
import { availability, availableToPromise, coveredFrom } from '../shared/domain/atp';
import { dealCredit } from '../shared/domain/credit';
import { categoryPath, dealGuard, DEFAULT_MARGIN_RULE, marginState, resolveMarginRule, type MarginRule } from '../shared/domain/guards';
import { soonest, wantedOn } from '../shared/domain/wanted';

type Context = {
  warehouses: { id: number; code: string; name: string }[];
  stock: Map<string, q.StockRow>;
  local: Map<string, number>;
  receipts: Map<number, q.ReceiptRow[]>;
  demand: (productId: number, at: string) => number;
  tiers: Map<number, { productId: number; minQty: number; unitPrice: number }[]>;
};

/** Weighted demand of the other deals, one query per distinct line date (usually one), remembered. */
function pipelineDemand(db: Db, opportunityId: number, productIds: number[], days: { today: string; soonest: string }): Context['demand'] {
  const byDate = new Map<string, Map<number, number>>();
  return (productId, at) => {
    let m = byDate.get(at);
    if (!m) byDate.set(at, (m = q.readPipelineDemand(db, productIds, at, opportunityId, days)));
    return m.get(productId) ?? 0;
  };
}

const key = (productId: number, warehouseId: number) => `${productId}:${warehouseId}`;

function group<T extends { productId: number }>(rows: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) (m.get(r.productId) ?? m.set(r.productId, []).get(r.productId)!).push(r);
  return m;
}

/** Stock in every warehouse at the line's date, receipts, weighted pipeline demand and availability. */
function lineInsight(
  line: BaseLine,
  atDate: string,
  today: string,
  ctx: Context,
  guard: { state: LineInsight['guard']; rule: MarginRule },
): LineInsight {
  const receipts = ctx.receipts.get(line.productId) ?? [];
  const atpByWarehouse = new Map<number, number>();
  const stock = ctx.warehouses.map((w) => {
    const s = ctx.stock.get(key(line.productId, w.id));
    const position = { onHand: s?.onHand ?? 0, reservedErp: s?.reservedErp ?? 0, localReserved: ctx.local.get(key(line.productId, w.id)) ?? 0 };
    const here = receipts.filter((r) => r.warehouseId === w.id);
    const atp = availableToPromise(position, here, atDate);
    atpByWarehouse.set(w.id, atp);
    const incoming = here.reduce((sum, r) => (r.expectedDate <= atDate ? sum + r.qty : sum), 0);
    return { warehouseId: w.id, warehouseCode: w.code, ...position, incoming, atp, asOf: s?.asOf ?? null };
  });
  const a = availability(line.qty, line.warehouseId, atpByWarehouse);
  const target = line.warehouseId ?? [...atpByWarehouse].sort((x, y) => y[1] - x[1])[0]?.[0];
  const targetStock = stock.find((s) => s.warehouseId === target);
  const availableFrom = targetStock
    ? coveredFrom(
        targetStock,
        receipts.filter((r) => r.warehouseId === target),
        line.qty,
        today,
      )
    : null;
  const pipelineDemand = ctx.demand(line.productId, atDate);
  return {
    atDate,
    stock,
    receipts: receipts.map((r) => ({ warehouseId: r.warehouseId, qty: r.qty, expectedDate: r.expectedDate, purchaseRef: r.purchaseRef })),
    pipelineDemand,
    availability: {
      status: a.status,
      warehouseId: 'warehouseId' in a ? a.warehouseId : null,
      missing: a.status === 'short' ? a.missing : 0,
      availableFrom,
    },
    guard: guard.state,
    rule: guard.rule,
    supplierTiers: (ctx.tiers.get(line.productId) ?? []).map((t) => ({ minQty: t.minQty, unitPrice: t.unitPrice })),
  };
}

function customerPanel(db: Db, opp: ReturnType<typeof getOpportunity>, productIds: number[], today: string): CustomerPanel {
  const credit = q.readCustomerCredit(db, opp.customer.id);
  const others = q.readOtherDeals(db, opp.customer.id, opp.id);
  const figures = {
    creditLimit: opp.customer.creditLimit,
    outstanding: opp.customer.outstanding,
    openOrders: credit.openOrders,
    onHold: opp.customer.onHold,
  };
  const room = dealCredit(figures, opp.totals.amount, others, readSetting<number>(db, 'credit.warnRate', 1000));
  return {
    openOrders: credit.openOrders,
    avgDaysLate: credit.avgDaysLate,
    otherCommitted: others.committed,
    otherPipelineWeighted: others.weighted,
    headroom: room.headroom,
    headroomWithPipeline: room.withPipeline,
    creditState: room.state,
    lastOrders: q.readLastOrders(db, opp.customer.id, 5),
    topProducts: q.readTopProducts(db, opp.customer.id, addDays(today, -365), 5) as CustomerPanel['topProducts'],
    lastPrices: q.readLastPrices(db, opp.customer.id, productIds),
  };
}

/** The 360° view of one deal (DESIGN.md §2.2): every figure computed here from the database, never taken from a client. */
export function opportunityView(db: Db, id: number, now: string): Output<'opportunity.get'> {
  const opp = getOpportunity(db, id, now);
  const today = now.slice(0, 10);
  const productIds = [...new Set(opp.lines.map((l) => l.productId))];
  const handlingDays = readHandlingDays(db);
  const ctx: Context = {
    warehouses: q.readWarehouses(db),
    stock: new Map(q.readStock(db, productIds).map((s) => [key(s.productId, s.warehouseId), s])),
    local: new Map(q.readLocalReservations(db, productIds).map((r) => [key(r.productId, r.warehouseId), r.qty])),
    receipts: group(q.readReceipts(db, productIds)),
    demand: pipelineDemand(db, id, productIds, { today, soonest: soonest(today, handlingDays) }),
    tiers: group(q.readSupplierTiers(db, productIds, today)),
  };
  const rules = q.readMarginRules(db);
  const parents = readCategoryParents(db);
  const defaultRule = resolveMarginRule(rules, { customerId: opp.customer.id, categoryPath: [] }, DEFAULT_MARGIN_RULE);
  const lineRules: { amount: number; cost: number; rule: MarginRule }[] = [];
  const lines = opp.lines.map(({ categoryId, ...line }) => {
    const rule = resolveMarginRule(rules, { customerId: opp.customer.id, categoryPath: categoryPath(categoryId, parents) }, DEFAULT_MARGIN_RULE);
    lineRules.push({ amount: line.amount, cost: line.cost, rule });
    const atDate = wantedOn([line.requestedDate, opp.requestedDate, opp.expectedClose], today, handlingDays);
    return {
      ...line,
      insight: lineInsight({ ...line, categoryId }, atDate, today, ctx, {
        state: marginState(line.amount, line.cost, rule),
        rule,
      }),
    };
  });
  const deal = dealGuard(lineRules, opp.totals, defaultRule);
  const reservations = activeReservations(db, id);
  const short = shortByLine(db, id);
  return {
    ...opp,
    lines: lines.map((l) => ({
      ...l,
      operations: {
        reserved: reservations
          .filter((r) => r.lineId === l.id)
          .map((r) => ({ warehouseId: r.warehouseId, warehouseCode: r.warehouseCode, qty: r.qty })),
        short: short.get(l.id) ?? 0,
      },
    })),
    opsState: opsStateOf(db, id),
    guard: { state: deal.state, targetRate: deal.rule.targetRate, minimumRate: deal.rule.minimumRate },
    pricing: { landedCostRate: readCosting(db).landedRate, creditWarnRate: readSetting<number>(db, 'credit.warnRate', 1000), defaultRule },
    customerPanel: customerPanel(db, opp, productIds, today),
    warehouses: ctx.warehouses,
    approvals: readApprovals(db, id),
  };
}
