import { extend, lineAmount, margin, money, type Money, type Qty, type Rate } from '../money';

export type CostBasis = 'erp' | 'replacement';

/** Replacement cost = best valid supplier price for the quantity + landed-cost %. */
export function replacementUnitCost(bestSupplierPrice: Money | null, landedRate: Rate): Money | null {
  if (bestSupplierPrice === null) return null;
  return bestSupplierPrice + money.applyRate(bestSupplierPrice, landedRate);
}

/** The unit cost a line is valued at: the chosen basis, or the other one when it is missing. */
export function chosenUnitCost(basis: CostBasis, erp: Money | null, replacement: Money | null): Money | null {
  return basis === 'erp' ? (erp ?? replacement) : (replacement ?? erp);
}

export type LineInput = { qty: Qty; unitPrice: Money; discount: Rate; erpUnitCost: Money | null; bestSupplierPrice: Money | null };
export type LineFigures = {
  amount: Money;
  erpUnitCost: Money | null;
  replacementUnitCost: Money | null;
  unitCost: Money | null;
  cost: Money;
  margin: Money;
  marginRate: Rate | null;
};

/** All figures of one line (DESIGN.md §7): amount, both unit costs, cost, margin € and %. */
export function lineFigures(line: LineInput, basis: CostBasis, landedRate: Rate): LineFigures {
  const amount = lineAmount(line.qty, line.unitPrice, line.discount);
  const replacement = replacementUnitCost(line.bestSupplierPrice, landedRate);
  const unitCost = chosenUnitCost(basis, line.erpUnitCost, replacement);
  const cost = unitCost === null ? 0 : extend(line.qty, unitCost);
  const m = margin(amount, cost);
  return { amount, erpUnitCost: line.erpUnitCost, replacementUnitCost: replacement, unitCost, cost, margin: m.margin, marginRate: m.marginRate };
}

export function sumFigures(lines: { amount: Money; cost: Money }[]): { amount: Money; cost: Money } {
  let amount = 0;
  let cost = 0;
  for (const l of lines) {
    amount += l.amount;
    cost += l.cost;
  }
  return { amount, cost };
}
