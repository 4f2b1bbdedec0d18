import { SUPPLIER_PRICE_VALID_SQL } from '../../electron/shared/domain/supplier-price';
import { wantedByAtSql } from '../../electron/shared/domain/wanted';
import { otherDealsSql, type OtherDeals } from '../../electron/shared/domain/credit';
import { weightedSql } from '../../electron/shared/money';
import type { MarginRuleScope } from '../../electron/shared/domain/guards';
import type { Db } from '../client';
import { prepareCached } from './statements';

/** Readers of the 360° view: everything about the products of one deal and its customer, in a few queries. */
const IDS = 'SELECT value FROM json_each(@ids)';

/** The SQL of the 360° view, also run raw by the benchmark. */
export const SQL = {
  warehouses: 'SELECT id, code, name FROM warehouses WHERE active = 1 ORDER BY id',
  stock: `SELECT product_id AS productId, warehouse_id AS warehouseId, on_hand AS onHand, reserved_erp AS reservedErp, as_of AS asOf
     FROM stock_levels WHERE product_id IN (${IDS})`,
  localReservations: `SELECT product_id AS productId, warehouse_id AS warehouseId, sum(qty) AS qty FROM reservations
     WHERE status = 'active' AND product_id IN (${IDS}) GROUP BY product_id, warehouse_id`,
  receipts: `SELECT product_id AS productId, warehouse_id AS warehouseId, qty, expected_date AS expectedDate, purchase_ref AS purchaseRef
     FROM incoming_receipts WHERE active = 1 AND product_id IN (${IDS}) ORDER BY expected_date`,
  supplierTiers: `SELECT sp.product_id AS productId, sp.min_qty AS minQty, min(sp.unit_price) AS unitPrice FROM supplier_prices sp
     WHERE sp.product_id IN (${IDS}) AND ${SUPPLIER_PRICE_VALID_SQL}
     GROUP BY sp.product_id, sp.min_qty ORDER BY sp.product_id, sp.min_qty`,
  pipelineDemand: `SELECT product_id AS productId, sum(${weightedSql('qty', 'demand_probability')}) AS qty FROM opportunity_lines
     WHERE product_id IN (${IDS}) AND demand_open = 1 AND ${wantedByAtSql('demand_date')} AND opportunity_id != @exclude GROUP BY product_id`,
  marginRules: "SELECT scope, scope_id AS scopeId, params FROM rules WHERE kind = 'margin' AND active = 1",
  otherDeals: `SELECT ${otherDealsSql('o')} FROM opportunities o JOIN stages s ON s.id = o.stage_id
     WHERE o.customer_id = ? AND s.kind = 'open' AND o.id != ?`,
  customerCredit: 'SELECT open_orders AS openOrders, avg_days_late AS avgDaysLate FROM customers WHERE id = ?',
  lastOrders: `SELECT order_ref AS orderRef, max(order_date) AS date, sum(amount) AS amount, count(*) AS lines FROM sales_history
     WHERE customer_id = ? GROUP BY order_ref ORDER BY date DESC, order_ref DESC LIMIT ?`,
  topProducts: `SELECT h.product_id AS productId, p.code, p.name, p.unit, sum(h.qty) AS qty, sum(h.amount) AS amount FROM sales_history h
     JOIN products p ON p.id = h.product_id WHERE h.customer_id = ? AND h.order_date >= ? GROUP BY h.product_id ORDER BY amount DESC LIMIT ?`,
  lastPrices: `SELECT product_id AS productId, unit_price AS unitPrice, order_date AS date FROM (
       SELECT product_id, unit_price, order_date, row_number() OVER (PARTITION BY product_id ORDER BY order_date DESC, id DESC) AS n
       FROM sales_history WHERE customer_id = @customer AND product_id IN (${IDS})) WHERE n = 1`,
};

export type StockRow = { productId: number; warehouseId: number; onHand: number; reservedErp: number; asOf: string | null };
export type QtyRow = { productId: number; warehouseId: number; qty: number };
export type ReceiptRow = QtyRow & { expectedDate: string; purchaseRef: string };

export function readWarehouses(db: Db): { id: number; code: string; name: string }[] {
  return prepareCached(db.$client, SQL.warehouses).all() as { id: number; code: string; name: string }[];
}

export function readStock(db: Db, productIds: number[]): StockRow[] {
  return prepareCached(db.$client, SQL.stock).all({ ids: JSON.stringify(productIds) }) as StockRow[];
}

export function readLocalReservations(db: Db, productIds: number[]): QtyRow[] {
  return prepareCached(db.$client, SQL.localReservations).all({ ids: JSON.stringify(productIds) }) as QtyRow[];
}

export function readReceipts(db: Db, productIds: number[]): ReceiptRow[] {
  return prepareCached(db.$client, SQL.receipts).all({ ids: JSON.stringify(productIds) }) as ReceiptRow[];
}

/** The best price of each supplier tier valid today, per product (the rule of BEST_SUPPLIER_PRICE_SQL, tier by tier). */
export function readSupplierTiers(db: Db, productIds: number[], today: string): { productId: number; minQty: number; unitPrice: number }[] {
  return prepareCached(db.$client, SQL.supplierTiers).all({ ids: JSON.stringify(productIds), today }) as {
    productId: number;
    minQty: number;
    unitPrice: number;
  }[];
}

/** The weighted quantity the other open deals want of each product by a date (qty × probability, per line). */
export function readPipelineDemand(
  db: Db,
  productIds: number[],
  at: string,
  excludeOpportunityId: number,
  days: { today: string; soonest: string },
): Map<number, number> {
  const rows = prepareCached(db.$client, SQL.pipelineDemand).all({ ids: JSON.stringify(productIds), at, exclude: excludeOpportunityId, ...days }) as {
    productId: number;
    qty: number;
  }[];
  return new Map(rows.map((r) => [r.productId, r.qty]));
}

export function readMarginRules(db: Db): MarginRuleScope[] {
  const rows = prepareCached(db.$client, SQL.marginRules).all() as {
    scope: MarginRuleScope['scope'];
    scopeId: number | null;
    params: string;
  }[];
  return rows.map((r) => ({ scope: r.scope, scopeId: r.scopeId, rule: JSON.parse(r.params) as MarginRuleScope['rule'] }));
}

/** The customer's other open deals, accepted ones in full and the rest weighted (shared/domain/credit otherDeals). */
export function readOtherDeals(db: Db, customerId: number, excludeOpportunityId: number): OtherDeals {
  return prepareCached(db.$client, SQL.otherDeals).get(customerId, excludeOpportunityId) as OtherDeals;
}

export function readCustomerCredit(db: Db, customerId: number): { openOrders: number; avgDaysLate: number } {
  return prepareCached(db.$client, SQL.customerCredit).get(customerId) as {
    openOrders: number;
    avgDaysLate: number;
  };
}

export function readLastOrders(db: Db, customerId: number, limit: number) {
  return prepareCached(db.$client, SQL.lastOrders).all(customerId, limit) as { orderRef: string; date: string; amount: number; lines: number }[];
}

export function readTopProducts(db: Db, customerId: number, since: string, limit: number) {
  return prepareCached(db.$client, SQL.topProducts).all(customerId, since, limit) as {
    productId: number;
    code: string;
    name: string;
    unit: string;
    qty: number;
    amount: number;
  }[];
}

/** The last price the customer paid for each of these products, and when. */
export function readLastPrices(db: Db, customerId: number, productIds: number[]) {
  return prepareCached(db.$client, SQL.lastPrices).all({ customer: customerId, ids: JSON.stringify(productIds) }) as {
    productId: number;
    unitPrice: number;
    date: string;
  }[];
}
