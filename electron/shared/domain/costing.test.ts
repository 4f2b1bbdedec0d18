import { describe, expect, it } from 'vitest';
import { chosenUnitCost, lineFigures, replacementUnitCost } from './costing';

describe('line costing', () => {
  it('adds the landed-cost rate to the best supplier price', () => {
    expect(replacementUnitCost(1_000_000, 300)).toBe(1_030_000); // 100 € + 3 %
    expect(replacementUnitCost(null, 300)).toBeNull();
  });

  it('falls back to the other cost when the chosen basis is missing', () => {
    expect(chosenUnitCost('erp', 10, 20)).toBe(10);
    expect(chosenUnitCost('replacement', 10, 20)).toBe(20);
    expect(chosenUnitCost('replacement', 10, null)).toBe(10);
    expect(chosenUnitCost('erp', null, null)).toBeNull();
  });

  it('computes amount, cost and margin of a line by hand', () => {
    // 10 t at 250 € with 10 % off = 2 250 €; ERP cost 180 €/t → 1 800 €; margin 450 € = 20 %
    const f = lineFigures({ qty: 10_000, unitPrice: 2_500_000, discount: 1_000, erpUnitCost: 1_800_000, bestSupplierPrice: 1_900_000 }, 'erp', 300);
    expect(f).toEqual({
      amount: 22_500_000,
      erpUnitCost: 1_800_000,
      replacementUnitCost: 1_957_000,
      unitCost: 1_800_000,
      cost: 18_000_000,
      margin: 4_500_000,
      marginRate: 2_000,
    });
    const r = lineFigures(
      { qty: 10_000, unitPrice: 2_500_000, discount: 1_000, erpUnitCost: 1_800_000, bestSupplierPrice: 1_900_000 },
      'replacement',
      300,
    );
    expect(r.cost).toBe(19_570_000);
    expect(r.marginRate).toBe(1_302);
  });

  it('values a line with no known cost at zero cost, and a free line at no margin rate', () => {
    expect(lineFigures({ qty: 1_000, unitPrice: 10_000, discount: 0, erpUnitCost: null, bestSupplierPrice: null }, 'erp', 0).cost).toBe(0);
    expect(
      lineFigures({ qty: 1_000, unitPrice: 10_000, discount: 10_000, erpUnitCost: 5_000, bestSupplierPrice: null }, 'erp', 0).marginRate,
    ).toBeNull();
  });
});
