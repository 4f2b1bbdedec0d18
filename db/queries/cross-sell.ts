import type { Db } from '../client';
import { BEST_SUPPLIER_PRICE_SQL, ERP_UNIT_COST_SQL } from './line-costs';
import { prepareCached } from './statements';

/** The usual quantity: the average ordered, in whole units (at least one). */
const wholeUnits = (qty: string) => `max(1000, CAST(round(avg(${qty}) / 1000.0) AS INTEGER) * 1000)`;

/** A product to suggest on a deal, and why: this customer's usual buy, or bought with the deal's products by others. */
export type Candidate = {
  productId: number;
  kind: 'usual' | 'together';
  /** usual: the customer's orders of it; together: the orders of others holding it with one of the deal's products */
  orders: number;
  lastDate: string | null;
  /** the customer's median ordered quantity (usual), or the usual quantity of those orders (together) */
  qty: number;
};

/**
 * « Habituellement acheté »: what the customer ordered at least twice in the last 24 months (`@since`)
 * but not since `@lately`, not already on the deal.
 */
export function usualCandidates(db: Db, p: { customerId: number; opportunityId: number; since: string; lately: string; limit: number }): Candidate[] {
  return prepareCached(
    db.$client,
    `SELECT product_id AS productId, 'usual' AS kind, count(DISTINCT order_ref) AS orders, max(order_date) AS lastDate,
       ${wholeUnits('qty')} AS qty
     FROM sales_history WHERE customer_id = @customerId AND order_date >= @since AND active = 1
       AND product_id NOT IN (SELECT product_id FROM opportunity_lines WHERE opportunity_id = @opportunityId)
     GROUP BY product_id HAVING count(DISTINCT order_ref) >= 2 AND max(order_date) < @lately
     ORDER BY orders DESC, lastDate DESC, product_id LIMIT @limit`,
  ).all(p) as Candidate[];
}

/**
 * « Acheté avec »: the products other customers ordered in the same orders as one of the deal's
 * products in the last 24 months, the most often first; not on the deal, not the customer's usual ones.
 */
export function togetherCandidates(
  db: Db,
  p: { customerId: number; opportunityId: number; since: string; exclude: number[]; limit: number },
): Candidate[] {
  return prepareCached(
    db.$client,
    `WITH mine AS (SELECT DISTINCT product_id FROM opportunity_lines WHERE opportunity_id = @opportunityId),
       orders AS (SELECT DISTINCT h.order_ref FROM sales_history h JOIN mine m ON m.product_id = h.product_id
         WHERE h.order_date >= @since AND h.customer_id != @customerId AND h.active = 1)
     SELECT h.product_id AS productId, 'together' AS kind, count(DISTINCT h.order_ref) AS orders, max(h.order_date) AS lastDate,
       ${wholeUnits('h.qty')} AS qty
     FROM sales_history h JOIN orders o ON o.order_ref = h.order_ref
     WHERE h.product_id NOT IN (SELECT product_id FROM mine) AND h.product_id NOT IN (SELECT value FROM json_each(@exclude))
     GROUP BY h.product_id HAVING count(DISTINCT h.order_ref) >= 2
     ORDER BY orders DESC, h.product_id LIMIT @limit`,
  ).all({ ...p, exclude: JSON.stringify(p.exclude) }) as Candidate[];
}

export type CandidateCost = {
  productId: number;
  code: string;
  name: string;
  unit: string;
  categoryId: number | null;
  listPrice: number;
  lastPrice: number | null;
  erp_unit_cost: number | null;
  best_supplier_price: number | null;
};

/** Each candidate's product, the customer's last price for it, and its two unit costs for that quantity at that warehouse. */
export function candidateCosts(
  db: Db,
  p: { customerId: number; warehouseId: number | null; today: string; items: { productId: number; qty: number }[] },
): CandidateCost[] {
  return prepareCached(
    db.$client,
    `SELECT p.id AS productId, p.code, p.name, p.unit, p.category_id AS categoryId, p.list_price AS listPrice,
       (SELECT h.unit_price FROM sales_history h WHERE h.customer_id = @customerId AND h.product_id = p.id ORDER BY h.order_date DESC, h.id DESC LIMIT 1) AS lastPrice,
       ${ERP_UNIT_COST_SQL} AS erp_unit_cost, ${BEST_SUPPLIER_PRICE_SQL} AS best_supplier_price
     FROM (SELECT json_extract(j.value, '$.productId') AS product_id, json_extract(j.value, '$.qty') AS qty, @warehouseId AS warehouse_id
       FROM json_each(@items) j) l
     JOIN products p ON p.id = l.product_id AND p.active = 1`,
  ).all({ customerId: p.customerId, warehouseId: p.warehouseId, today: p.today, items: JSON.stringify(p.items) }) as CandidateCost[];
}
