import type { OpportunityDetail } from '../contract';
import { margin, weighted, type Money, type Qty, type Rate } from '../money';
import { availability } from './atp';
import { lineFigures, sumFigures, type CostBasis, type LineFigures } from './costing';
import { dealGuard, marginState, type GuardState, type MarginRule } from './guards';

/** The best supplier price of each tier valid today: a tier applies from its minimum quantity included. */
export type PriceTier = { minQty: Qty; unitPrice: Money };

export function bestTierPrice(tiers: PriceTier[], q: Qty): Money | null {
  let best: Money | null = null;
  for (const t of tiers) if (t.minQty <= q && (best === null || t.unitPrice < best)) best = t.unitPrice;
  return best;
}

/** What a line carries so its figures can be recomputed without asking core. */
export type PreviewLine = {
  id: number;
  qty: Qty;
  unitPrice: Money;
  discount: Rate;
  warehouseId: number | null;
  erpUnitCost: Money | null;
  tiers: PriceTier[];
  rule: MarginRule;
  /** ATP of the line's product in each warehouse at the line's date */
  atp: Map<number, Qty>;
};
export type PreviewDeal = { probability: number; basis: CostBasis; landedRate: Rate; defaultRule: MarginRule; lines: PreviewLine[] };
export type LineEdit = { lineId: number; qty?: Qty; unitPrice?: Money; discount?: Rate };

export type PreviewResult = {
  lines: Map<number, LineFigures & { guard: GuardState; availability: ReturnType<typeof availability>['status'] }>;
  totals: { amount: Money; cost: Money; margin: Money; marginRate: Rate | null; weightedAmount: Money };
  guard: { state: GuardState; targetRate: Rate; minimumRate: Rate };
};

/**
 * The deal as it will be once a cell edit is saved: line figures, guard and availability of the
 * edited line, totals and the deal guard. The same functions core uses when it saves; the
 * renderer runs it on every keystroke, core's answer then replaces it.
 */
export function previewDeal(deal: PreviewDeal, edit: LineEdit): PreviewResult {
  const lines: PreviewResult['lines'] = new Map();
  const weights: { amount: Money; cost: Money; rule: MarginRule }[] = [];
  for (const l of deal.lines) {
    const line = l.id === edit.lineId ? { ...l, ...definedOnly(edit) } : l;
    const f = lineFigures(
      {
        qty: line.qty,
        unitPrice: line.unitPrice,
        discount: line.discount,
        erpUnitCost: line.erpUnitCost,
        bestSupplierPrice: bestTierPrice(line.tiers, line.qty),
      },
      deal.basis,
      deal.landedRate,
    );
    const guard = marginState(f.amount, f.cost, line.rule);
    lines.set(line.id, { ...f, guard, availability: availability(line.qty, line.warehouseId, line.atp).status });
    weights.push({ amount: f.amount, cost: f.cost, rule: line.rule });
  }
  const sum = sumFigures([...lines.values()]);
  const m = margin(sum.amount, sum.cost);
  const overall = dealGuard(weights, m, deal.defaultRule);
  return {
    lines,
    totals: { amount: m.amount, cost: m.cost, margin: m.margin, marginRate: m.marginRate, weightedAmount: weighted(m.amount, deal.probability) },
    guard: { state: overall.state, ...overall.rule },
  };
}

function definedOnly(edit: LineEdit): Partial<PreviewLine> {
  const out: Partial<PreviewLine> = {};
  if (edit.qty !== undefined) out.qty = edit.qty;
  if (edit.unitPrice !== undefined) out.unitPrice = edit.unitPrice;
  if (edit.discount !== undefined) out.discount = edit.discount;
  return out;
}

/** The preview input of a deal as core sent it (the 360° view). */
export function previewInput(opp: OpportunityDetail): PreviewDeal {
  return {
    probability: opp.probability,
    basis: opp.costBasis,
    landedRate: opp.pricing.landedCostRate,
    defaultRule: opp.pricing.defaultRule,
    lines: opp.lines.map((l) => ({
      id: l.id,
      qty: l.qty,
      unitPrice: l.unitPrice,
      discount: l.discount,
      warehouseId: l.warehouseId,
      erpUnitCost: l.erpUnitCost,
      tiers: l.insight.supplierTiers,
      rule: l.insight.rule,
      atp: new Map(l.insight.stock.map((s) => [s.warehouseId, s.atp])),
    })),
  };
}
