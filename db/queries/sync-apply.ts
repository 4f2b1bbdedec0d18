import type { SyncEntity, SyncRecord } from '../../electron/shared/contract';
import { foldForSearch } from '../../electron/shared/text';
import type { Db } from '../client';
import { prepareCached } from './statements';

/** Upserts of pulled ERP records, by ERP id (DESIGN.md §8: the ERP wins for master data). */
export class UnknownReference extends Error {
  constructor(
    readonly field: string,
    readonly erpId: string,
  ) {
    super(`${field} ${erpId} is not known here yet`);
  }
}

const TABLE_OF: Record<string, string> = {
  warehouseErpId: 'warehouses',
  categoryErpId: 'product_categories',
  parentErpId: 'product_categories',
  productErpId: 'products',
  supplierErpId: 'suppliers',
  customerErpId: 'customers',
  preferredWarehouseErpId: 'warehouses',
};

/**
 * Local ids of ERP references, looked up once per page: a page of stock names the same hundred
 * products and six warehouses over and over.
 */
export type Lookup = (field: string, erpId: string | null) => number | null;
export function lookupFor(db: Db): Lookup {
  const seen = new Map<string, Map<string, number>>();
  return (field, erpId) => {
    if (erpId === null) return null;
    const table = TABLE_OF[field]!;
    let ids = seen.get(table);
    if (!ids) seen.set(table, (ids = new Map<string, number>()));
    const known = ids.get(erpId);
    if (known !== undefined) return known;
    const id = prepareCached(db.$client, `SELECT id FROM ${table} WHERE erp_id = ?`).pluck().get(erpId) as number | undefined;
    if (id === undefined) throw new UnknownReference(field, erpId);
    ids.set(erpId, id);
    return id;
  };
}

const b = (v: boolean) => (v ? 1 : 0);

/**
 * `INSERT … ON CONFLICT (key) DO UPDATE` of every other column, prepared once per connection: the ERP
 * wins for what it owns, the row keeps its local id. Columns are bound in the order given.
 */
function upsertInto(db: Db, table: string, columns: string[], key = ['erp_id'], returning = '') {
  const updates = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
  return prepareCached(
    db.$client,
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT(${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}${returning ? ` RETURNING ${returning}` : ''}`,
  );
}

/**
 * A record the app already holds under the same code but without an ERP id (the demo company, a
 * first import) is the ERP's record: it takes the ERP id instead of a duplicate being refused.
 */
function adopter(db: Db, table: string) {
  const st = prepareCached(db.$client, `UPDATE ${table} SET erp_id = ? WHERE code = ? AND erp_id IS NULL`);
  return (erpId: string, code: string) => st.run(erpId, code);
}

/** Per entity, the statement prepared once for a page, then one call per row. */
export const upsert: { [E in SyncEntity]: (db: Db) => (r: SyncRecord<E>, at: string, localId: Lookup) => void } = {
  warehouses: (db) => {
    const adopt = adopter(db, 'warehouses');
    const st = upsertInto(db, 'warehouses', ['erp_id', 'code', 'name', 'city', 'active', 'pulled_at']);
    return (r, at) => {
      adopt(r.erpId, r.code);
      st.run(r.erpId, r.code, r.name, r.city, b(r.active), at);
    };
  },
  categories: (db) => {
    const st = upsertInto(db, 'product_categories', ['erp_id', 'code', 'name', 'parent_id', 'active', 'pulled_at']);
    return (r, at, localId) => st.run(r.erpId, r.code, r.name, localId('parentErpId', r.parentErpId), b(r.active), at);
  },
  products: (db) => {
    const adopt = adopter(db, 'products');
    const columns = [
      'erp_id',
      'code',
      'name',
      'category_id',
      'unit',
      'list_price',
      'cost_price',
      'cost_as_of',
      'tax_rate',
      'search_text',
      'active',
      'pulled_at',
    ];
    const st = upsertInto(db, 'products', columns, ['erp_id'], 'id').pluck();
    const clearCosts = prepareCached(db.$client, 'DELETE FROM product_costs WHERE product_id = ?');
    const cost = prepareCached(
      db.$client,
      'INSERT INTO product_costs (product_id, warehouse_id, cost_price, as_of, pulled_at) VALUES (?, ?, ?, ?, ?)',
    );
    return (r, at, localId) => {
      adopt(r.erpId, r.code);
      const search = foldForSearch(`${r.code} ${r.name}`);
      const category = localId('categoryErpId', r.categoryErpId);
      const product = st.get(r.erpId, r.code, r.name, category, r.unit, r.listPrice, r.costPrice, at, r.taxRate, search, b(r.active), at) as number;
      // the costs per warehouse are the ERP's as a whole: replaced
      clearCosts.run(product);
      for (const c of r.costs) cost.run(product, localId('warehouseErpId', c.warehouseErpId), c.costPrice, at, at);
    };
  },
  suppliers: (db) => {
    const adopt = adopter(db, 'suppliers');
    const st = upsertInto(db, 'suppliers', ['erp_id', 'code', 'name', 'city', 'active', 'pulled_at']);
    return (r, at) => {
      adopt(r.erpId, r.code);
      st.run(r.erpId, r.code, r.name, r.city, b(r.active), at);
    };
  },
  supplierPrices: (db) => {
    const columns = [
      'erp_id',
      'product_id',
      'supplier_id',
      'min_qty',
      'unit_price',
      'lead_time_days',
      'valid_from',
      'valid_to',
      'active',
      'pulled_at',
    ];
    const st = upsertInto(db, 'supplier_prices', columns);
    return (r, at, localId) =>
      st.run(
        r.erpId,
        localId('productErpId', r.productErpId),
        localId('supplierErpId', r.supplierErpId),
        r.minQty,
        r.unitPrice,
        r.leadTimeDays,
        r.validFrom,
        r.validTo,
        b(r.active),
        at,
      );
  },
  stock: (db) => {
    const columns = ['product_id', 'warehouse_id', 'on_hand', 'reserved_erp', 'as_of', 'pulled_at'];
    const st = upsertInto(db, 'stock_levels', columns, ['product_id', 'warehouse_id']);
    return (r, at, localId) =>
      st.run(localId('productErpId', r.productErpId), localId('warehouseErpId', r.warehouseErpId), r.onHand, r.reservedErp, r.asOf, at);
  },
  receipts: (db) => {
    const columns = ['erp_id', 'product_id', 'warehouse_id', 'supplier_id', 'qty', 'expected_date', 'purchase_ref', 'active', 'pulled_at'];
    const st = upsertInto(db, 'incoming_receipts', columns);
    return (r, at, localId) =>
      st.run(
        r.erpId,
        localId('productErpId', r.productErpId),
        localId('warehouseErpId', r.warehouseErpId),
        localId('supplierErpId', r.supplierErpId),
        r.qty,
        r.expectedDate,
        r.purchaseRef,
        b(r.active),
        at,
      );
  },
  customers: (db) => {
    const adopt = adopter(db, 'customers');
    const columns = [
      'erp_id',
      'code',
      'name',
      'city',
      'postal_code',
      'credit_limit',
      'outstanding',
      'overdue',
      'overdue30',
      'overdue60',
      'overdue90',
      'overdue_over90',
      'open_orders',
      'on_hold',
      'avg_days_late',
    ];
    const st = upsertInto(db, 'customers', [...columns, 'preferred_warehouse_id', 'credit_as_of', 'search_text', 'active', 'pulled_at']);
    return (r, at, localId) => {
      adopt(r.erpId, r.code);
      st.run(
        r.erpId,
        r.code,
        r.name,
        r.city,
        r.postalCode,
        r.creditLimit,
        r.outstanding,
        r.overdue,
        ...r.ageing,
        r.openOrders,
        b(r.onHold),
        r.avgDaysLate,
        localId('preferredWarehouseErpId', r.preferredWarehouseErpId),
        r.creditAsOf,
        foldForSearch(`${r.code} ${r.name} ${r.city} ${r.postalCode}`),
        b(r.active),
        at,
      );
    };
  },
  salesHistory: (db) => {
    const columns = ['erp_id', 'customer_id', 'product_id', 'warehouse_id', 'order_ref', 'order_date', 'qty', 'unit_price', 'amount', 'pulled_at'];
    const st = upsertInto(db, 'sales_history', columns);
    return (r, at, localId) =>
      st.run(
        r.erpId,
        localId('customerErpId', r.customerErpId),
        localId('productErpId', r.productErpId),
        localId('warehouseErpId', r.warehouseErpId),
        r.orderRef,
        r.orderDate,
        r.qty,
        r.unitPrice,
        r.amount,
        at,
      );
  },
};

/** Tables whose rows carry an ERP id and an active flag, for the reconciliation of id sets. */
export const RECONCILABLE: Partial<Record<SyncEntity, string>> = {
  warehouses: 'warehouses',
  categories: 'product_categories',
  products: 'products',
  suppliers: 'suppliers',
  supplierPrices: 'supplier_prices',
  receipts: 'incoming_receipts',
  customers: 'customers',
};

/** Marks inactive the rows of a table the ERP no longer lists (never deleted: deals still point at them). */
export function deactivateMissing(db: Db, table: string, erpIds: string[], at: string): number {
  return prepareCached(
    db.$client,
    `UPDATE ${table} SET active = 0, pulled_at = @at WHERE active = 1 AND erp_id IS NOT NULL AND erp_id NOT IN (SELECT value FROM json_each(@ids))`,
  ).run({ ids: JSON.stringify(erpIds), at }).changes;
}

export function writeCursor(db: Db, entity: string, cursor: { time: string | null; id: string | null } | null, at: string): void {
  prepareCached(
    db.$client,
    `INSERT INTO sync_cursors (entity, cursor_time, cursor_id, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(entity) DO UPDATE SET cursor_time = excluded.cursor_time, cursor_id = excluded.cursor_id, updated_at = excluded.updated_at`,
  ).run(entity, cursor?.time ?? null, cursor?.id ?? null, at);
}

export function readCursor(db: Db, entity: string): { time: string | null; id: string | null } | null {
  const r = prepareCached(db.$client, 'SELECT cursor_time AS time, cursor_id AS id FROM sync_cursors WHERE entity = ?').get(entity) as
    { time: string | null; id: string | null } | undefined;
  return r ?? null;
}
