import { bestSupplierPriceIdSql } from '../../electron/shared/domain/supplier-price';
import { wantedOnSql } from '../../electron/shared/domain/wanted';
import { atpNowSql } from '../../electron/shared/domain/atp';
import { weightedSql } from '../../electron/shared/money';
import type { Db } from '../client';
import { prepareCached } from './statements';

/** The best valid supplier price row for a product and a quantity `q` (alias s.product_id, q): cheapest, then fastest. */
const BEST_PRICE_ID = bestSupplierPriceIdSql;

/** The SQL of the purchasing workspace, also run raw by the benchmark. */
export const PURCHASING_SQL = {
  shortages: `SELECT s.id, s.status, s.product_id AS productId, p.code AS productCode, p.name AS productName, p.unit, s.warehouse_id AS warehouseId,
      w.code AS warehouseCode, s.qty, s.needed_by AS neededBy, s.opportunity_id AS opportunityId, o.reference, c.name AS customerName,
      coalesce(st.on_hand, 0) AS onHand,
      coalesce(st.reserved_erp, 0) + coalesce((SELECT sum(rv.qty) FROM reservations rv WHERE rv.product_id = s.product_id AND rv.warehouse_id = s.warehouse_id
        AND rv.status = 'active' AND rv.opportunity_id != s.opportunity_id), 0) AS reservedOthers,
      coalesce(${atpNowSql('st')}, 0) + coalesce((SELECT sum(r.qty) FROM incoming_receipts r WHERE r.product_id = s.product_id AND r.warehouse_id = s.warehouse_id
        AND r.active = 1 AND r.expected_date <= coalesce(s.needed_by, '9999-12-31')), 0) AS atpAtNeed,
      coalesce((SELECT sum(r.qty) FROM incoming_receipts r WHERE r.product_id = s.product_id AND r.warehouse_id = s.warehouse_id AND r.active = 1
        AND r.expected_date <= coalesce(s.needed_by, '9999-12-31')), 0) AS incoming,
      bsp.supplier_id AS supplierId, su.name AS supplierName, bsp.unit_price AS supplierPrice, bsp.lead_time_days AS leadTimeDays,
      s.reason, ob.erp_ref AS purchaseRef,
      EXISTS (SELECT 1 FROM purchase_draft_lines dl JOIN purchase_drafts d ON d.id = dl.draft_id WHERE dl.shortage_id = s.id AND d.status = 'draft') AS drafted
    FROM (SELECT x.*, ${BEST_PRICE_ID('x.product_id', 'x.qty')} AS best FROM shortages x
          WHERE (@status = 'all' AND x.status != 'cancelled') OR x.status = @status) s
    JOIN products p ON p.id = s.product_id JOIN warehouses w ON w.id = s.warehouse_id
    JOIN opportunities o ON o.id = s.opportunity_id JOIN customers c ON c.id = o.customer_id
    LEFT JOIN stock_levels st ON st.product_id = s.product_id AND st.warehouse_id = s.warehouse_id
    LEFT JOIN supplier_prices bsp ON bsp.id = s.best LEFT JOIN suppliers su ON su.id = bsp.supplier_id
    LEFT JOIN outbox ob ON ob.id = s.outbox_id
    ORDER BY s.needed_by, s.id`,
  /** weighted demand of open deals not yet committed (a committed deal's need is in its reservations and shortages), by week */
  demand: `SELECT l.product_id AS productId, l.warehouse_id AS warehouseId,
      max(0, CAST((julianday(${wantedOnSql('l.demand_date')}) - julianday(@today)) / 7 AS INTEGER)) AS week, sum(${weightedSql('l.qty', 'l.demand_probability')}) AS qty
    FROM opportunity_lines l JOIN opportunities o ON o.id = l.opportunity_id
    WHERE l.demand_open = 1 AND ${wantedOnSql('l.demand_date')} < @end AND o.ops_state IS NOT 'committed'
    GROUP BY l.product_id, l.warehouse_id, week`,
  position: `SELECT s.product_id AS productId, s.warehouse_id AS warehouseId, ${atpNowSql('s')} AS atp,
      coalesce((SELECT sum(i.qty) FROM incoming_receipts i WHERE i.product_id = s.product_id AND i.warehouse_id = s.warehouse_id AND i.active = 1
        AND i.expected_date < @end), 0) AS incoming
    FROM stock_levels s WHERE s.product_id IN (SELECT value FROM json_each(@ids))`,
  products: `SELECT p.id, p.code, p.name, p.unit FROM products p WHERE p.id IN (SELECT value FROM json_each(@ids))`,
  /** the best supplier for many (product, quantity) pairs at once: @pairs is a JSON array of [productId, qty] */
  bestPrices: `SELECT b.i, sp.supplier_id AS supplierId, su.name AS supplierName, sp.unit_price AS supplierPrice, sp.lead_time_days AS leadTimeDays
    FROM (SELECT CAST(j.key AS INTEGER) AS i, ${BEST_PRICE_ID("json_extract(j.value, '$[0]')", "json_extract(j.value, '$[1]')")} AS best
          FROM json_each(@pairs) j) b
    JOIN supplier_prices sp ON sp.id = b.best JOIN suppliers su ON su.id = sp.supplier_id`,
  warehouses: 'SELECT id, code FROM warehouses WHERE active = 1',
};

export type ShortageSqlRow = {
  id: number;
  status: 'open' | 'requested' | 'covered' | 'dismissed' | 'cancelled';
  productId: number;
  productCode: string;
  productName: string;
  unit: string;
  warehouseId: number;
  warehouseCode: string;
  qty: number;
  neededBy: string | null;
  opportunityId: number;
  reference: string;
  customerName: string;
  onHand: number;
  reservedOthers: number;
  atpAtNeed: number;
  incoming: number;
  supplierId: number | null;
  supplierName: string | null;
  supplierPrice: number | null;
  leadTimeDays: number | null;
  reason: string;
  purchaseRef: string | null;
  drafted: number;
};

export function readShortages(db: Db, status: string, today: string): ShortageSqlRow[] {
  return prepareCached(db.$client, PURCHASING_SQL.shortages).all({ status, today }) as ShortageSqlRow[];
}

export function readDemandBuckets(db: Db, days: { today: string; soonest: string }, end: string) {
  return prepareCached(db.$client, PURCHASING_SQL.demand).all({ ...days, end }) as {
    productId: number;
    warehouseId: number | null;
    week: number;
    qty: number;
  }[];
}

export function readPositions(db: Db, productIds: number[], end: string) {
  return prepareCached(db.$client, PURCHASING_SQL.position).all({ ids: JSON.stringify(productIds), end }) as {
    productId: number;
    warehouseId: number;
    atp: number;
    incoming: number;
  }[];
}

export function readProducts(db: Db, productIds: number[]) {
  return prepareCached(db.$client, PURCHASING_SQL.products).all({ ids: JSON.stringify(productIds) }) as {
    id: number;
    code: string;
    name: string;
    unit: string;
  }[];
}

export type BestPrice = { supplierId: number; supplierName: string; supplierPrice: number; leadTimeDays: number };

/** The best supplier of each (product, quantity) pair, by the pair's index; pairs without a valid price are absent. */
export function readBestPrices(db: Db, pairs: [number, number][], today: string): Map<number, BestPrice> {
  const rows = prepareCached(db.$client, PURCHASING_SQL.bestPrices).all({ pairs: JSON.stringify(pairs), today }) as (BestPrice & { i: number })[];
  return new Map(rows.map(({ i, ...best }) => [i, best]));
}

export function readWarehouseCodes(db: Db): Map<number, string> {
  return new Map((prepareCached(db.$client, PURCHASING_SQL.warehouses).all() as { id: number; code: string }[]).map((w) => [w.id, w.code]));
}

export function shortageById(db: Db, id: number) {
  return prepareCached(
    db.$client,
    'SELECT id, status, product_id AS productId, warehouse_id AS warehouseId, qty, needed_by AS neededBy, opportunity_id AS opportunityId, line_id AS lineId FROM shortages WHERE id = ?',
  ).get(id) as
    | {
        id: number;
        status: string;
        productId: number;
        warehouseId: number;
        qty: number;
        neededBy: string | null;
        opportunityId: number;
        lineId: number | null;
      }
    | undefined;
}

export function receiptById(db: Db, id: number) {
  return prepareCached(
    db.$client,
    'SELECT id, product_id AS productId, warehouse_id AS warehouseId, qty, expected_date AS expectedDate, purchase_ref AS purchaseRef FROM incoming_receipts WHERE id = ? AND active = 1',
  ).get(id) as { id: number; productId: number; warehouseId: number; qty: number; expectedDate: string; purchaseRef: string } | undefined;
}

export function receiptsFor(db: Db, productId: number, warehouseId: number) {
  return prepareCached(
    db.$client,
    'SELECT id, qty, expected_date AS expectedDate, purchase_ref AS purchaseRef FROM incoming_receipts WHERE product_id = ? AND warehouse_id = ? AND active = 1 ORDER BY expected_date',
  ).all(productId, warehouseId) as { id: number; qty: number; expectedDate: string; purchaseRef: string }[];
}

/** How the ERP knows a supplier: its code and ERP id (null for a supplier not synced). */
export function supplierRef(db: Db, id: number): { code: string; name: string; erpId: string | null } {
  return db.$client.prepare('SELECT code, name, erp_id AS erpId FROM suppliers WHERE id = ?').get(id) as {
    code: string;
    name: string;
    erpId: string | null;
  };
}

export function dealReference(db: Db, opportunityId: number): string {
  return prepareCached(db.$client, 'SELECT reference FROM opportunities WHERE id = ?').pluck().get(opportunityId) as string;
}
