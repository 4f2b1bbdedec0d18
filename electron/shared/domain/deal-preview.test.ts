import { describe, expect, it } from 'vitest';
import { bestTierPrice, previewDeal, type PreviewDeal } from './deal-preview';

const EUR = 10_000;
const U = 1_000;
const deal = (over: Partial<PreviewDeal> = {}): PreviewDeal => ({
  probability: 60,
  basis: 'erp',
  landedRate: 300,
  defaultRule: { targetRate: 2_000, minimumRate: 1_200 },
  lines: [
    {
      id: 1,
      qty: 10 * U,
      unitPrice: 100 * EUR,
      discount: 0,
      warehouseId: 1,
      erpUnitCost: 80 * EUR,
      tiers: [
        { minQty: 0, unitPrice: 85 * EUR },
        { minQty: 20 * U, unitPrice: 75 * EUR },
      ],
      rule: { targetRate: 2_000, minimumRate: 1_200 },
      atp: new Map([
        [1, 15 * U],
        [2, 30 * U],
      ]),
    },
    {
      id: 2,
      qty: 5 * U,
      unitPrice: 50 * EUR,
      discount: 0,
      warehouseId: null,
      erpUnitCost: null,
      tiers: [],
      rule: { targetRate: 1_200, minimumRate: 700 },
      atp: new Map([[1, 0]]),
    },
  ],
  ...over,
});

describe('live recompute of a deal while a cell is typed', () => {
  it('picks the best tier for the quantity, the boundary included', () => {
    const tiers = [
      { minQty: 0, unitPrice: 85 * EUR },
      { minQty: 20 * U, unitPrice: 75 * EUR },
    ];
    expect(bestTierPrice(tiers, 19_999)).toBe(85 * EUR);
    expect(bestTierPrice(tiers, 20 * U)).toBe(75 * EUR);
    expect(bestTierPrice([], 20 * U)).toBeNull();
  });

  it('recomputes the edited line, its availability, the totals and the blended deal guard (by hand)', () => {
    const r = previewDeal(deal(), { lineId: 1, qty: 20 * U });
    // 20 × 100 € = 2 000 €, ERP cost 20 × 80 € = 1 600 €: 20 % exactly, on target
    expect(r.lines.get(1)).toMatchObject({ amount: 2_000 * EUR, cost: 1_600 * EUR, margin: 400 * EUR, marginRate: 2_000, guard: 'ok' });
    // warehouse 1 holds 15, warehouse 2 holds 30: covered elsewhere
    expect(r.lines.get(1)!.availability).toBe('elsewhere');
    // 2 000 + 250 = 2 250 €, cost 1 600 €, margin 650 € = 28.89 %, weighted at 60 % = 1 350 €
    expect(r.totals).toEqual({ amount: 2_250 * EUR, cost: 1_600 * EUR, margin: 650 * EUR, marginRate: 2_889, weightedAmount: 1_350 * EUR });
    // target (2 000 × 20 % + 250 × 12 %) / 2 250 = 19.11 %, minimum (2 000 × 12 % + 250 × 7 %) / 2 250 = 11.44 %
    expect(r.guard).toEqual({ state: 'ok', targetRate: 1_911, minimumRate: 1_144 });
  });

  it('values the line at replacement cost from the tier the new quantity reaches', () => {
    const r = previewDeal(deal({ basis: 'replacement' }), { lineId: 1, qty: 20 * U });
    // 75 € + 3 % landed = 77.25 €, × 20 = 1 545 €
    expect(r.lines.get(1)).toMatchObject({ replacementUnitCost: 77.25 * EUR, cost: 1_545 * EUR, marginRate: 2_275 });
  });

  it('shows a price under the minimum and a 100 % discount under cost, for the line and the deal', () => {
    const low = previewDeal(deal(), { lineId: 1, unitPrice: 85 * EUR });
    expect(low.lines.get(1)).toMatchObject({ amount: 850 * EUR, marginRate: 588, guard: 'below_minimum' });
    expect(low.guard.state).toBe('below_minimum');
    const free = previewDeal(deal(), { lineId: 1, discount: 10_000 });
    expect(free.lines.get(1)).toMatchObject({ amount: 0, guard: 'below_cost' });
    expect(free.guard.state).toBe('below_cost');
    // the other line is untouched
    expect(free.lines.get(2)).toMatchObject({ amount: 250 * EUR, cost: 0, guard: 'ok', availability: 'short' });
  });
});
