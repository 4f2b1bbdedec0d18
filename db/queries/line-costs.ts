import { bestSupplierUnitPriceSql } from '../../electron/shared/domain/supplier-price';
import { lineFigures, type LineFigures } from '../../electron/shared/domain/costing';
import type { Costing } from './settings';

/**
 * SQL for the two unit costs of an opportunity line `l` (DESIGN.md §7), shared by the 360° view
 * and the totals: the ERP cost (per warehouse where the ERP has one) and the best supplier price
 * valid today for the line's quantity. `@today` is bound by the caller.
 */
export const ERP_UNIT_COST_SQL = `COALESCE(
  (SELECT pc.cost_price FROM product_costs pc WHERE pc.product_id = l.product_id AND pc.warehouse_id = l.warehouse_id),
  (SELECT p2.cost_price FROM products p2 WHERE p2.id = l.product_id))`;

export const BEST_SUPPLIER_PRICE_SQL = bestSupplierUnitPriceSql('l.product_id', 'l.qty');

/** The columns a line query selects for the costing math (with the two SQL costs above). */
export type LineCostRow = { qty: number; unit_price: number; discount: number; erp_unit_cost: number | null; best_supplier_price: number | null };

/** Figures of one line from its row, with the company's cost basis and landed-cost rate. */
export function figuresOf(r: LineCostRow, costing: Costing): LineFigures {
  return lineFigures(
    { qty: r.qty, unitPrice: r.unit_price, discount: r.discount, erpUnitCost: r.erp_unit_cost, bestSupplierPrice: r.best_supplier_price },
    costing.basis,
    costing.landedRate,
  );
}
