import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { date, erpColumns, moneyCol, pk, qtyCol, stamp } from './columns';

/** ERP-owned master data (DESIGN.md §6): read-only in the app, refreshed by sync. */
export const warehouses = sqliteTable(
  'warehouses',
  {
    id: pk(),
    code: text().notNull().unique(),
    name: text().notNull(),
    city: text().notNull().default(''),
    lat: real(),
    lon: real(),
    ...erpColumns(),
  },
  (t) => [uniqueIndex('warehouses_erp_id').on(t.erpId)],
);

export const productCategories = sqliteTable(
  'product_categories',
  {
    id: pk(),
    code: text().notNull().unique(),
    name: text().notNull(),
    parentId: integer(),
    ...erpColumns(),
  },
  (t) => [uniqueIndex('product_categories_erp_id').on(t.erpId)],
);

/** Each category's top category (itself at the top), kept by triggers on the tree (migration 0023) for the forecast by category. */
export const categoryRoots = sqliteTable('category_roots', {
  categoryId: integer().primaryKey(),
  rootId: integer().notNull(),
});

export const products = sqliteTable(
  'products',
  {
    id: pk(),
    code: text().notNull().unique(),
    name: text().notNull(),
    categoryId: integer().references(() => productCategories.id),
    unit: text().notNull(),
    listPrice: moneyCol().notNull(),
    /** Company-wide ERP cost price. */
    costPrice: moneyCol(),
    costAsOf: stamp(),
    /** The sales tax (TVA) the ERP applies to it, basis points (2 000 = 20 %); null: the ERP says none. */
    taxRate: integer(),
    searchText: text().notNull(),
    ...erpColumns(),
  },
  (t) => [uniqueIndex('products_erp_id').on(t.erpId), index('products_category').on(t.categoryId), index('products_search').on(t.searchText)],
);

/** ERP cost price per warehouse, where the ERP keeps one (Tryton product_cost_warehouse). */
export const productCosts = sqliteTable(
  'product_costs',
  {
    productId: integer()
      .notNull()
      .references(() => products.id),
    warehouseId: integer()
      .notNull()
      .references(() => warehouses.id),
    costPrice: moneyCol().notNull(),
    asOf: stamp().notNull(),
    pulledAt: stamp(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.warehouseId] })],
);

export const suppliers = sqliteTable(
  'suppliers',
  {
    id: pk(),
    code: text().notNull().unique(),
    name: text().notNull(),
    city: text().notNull().default(''),
    ...erpColumns(),
  },
  (t) => [uniqueIndex('suppliers_erp_id').on(t.erpId)],
);

export const supplierPrices = sqliteTable(
  'supplier_prices',
  {
    id: pk(),
    productId: integer()
      .notNull()
      .references(() => products.id),
    supplierId: integer()
      .notNull()
      .references(() => suppliers.id),
    minQty: qtyCol().notNull(),
    unitPrice: moneyCol().notNull(),
    leadTimeDays: integer().notNull(),
    /** the supplier sells by this many units (a pallet, a bag); 0: any quantity */
    packQty: qtyCol().notNull().default(0),
    validFrom: date(),
    validTo: date(),
    ...erpColumns(),
  },
  (t) => [uniqueIndex('supplier_prices_erp_id').on(t.erpId), index('supplier_prices_product').on(t.productId, t.minQty)],
);

export const stockLevels = sqliteTable(
  'stock_levels',
  {
    productId: integer()
      .notNull()
      .references(() => products.id),
    warehouseId: integer()
      .notNull()
      .references(() => warehouses.id),
    onHand: qtyCol().notNull(),
    reservedErp: qtyCol().notNull().default(0),
    asOf: stamp().notNull(),
    pulledAt: stamp(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.warehouseId] })],
);

export const incomingReceipts = sqliteTable(
  'incoming_receipts',
  {
    id: pk(),
    productId: integer()
      .notNull()
      .references(() => products.id),
    warehouseId: integer()
      .notNull()
      .references(() => warehouses.id),
    supplierId: integer().references(() => suppliers.id),
    qty: qtyCol().notNull(),
    expectedDate: date().notNull(),
    purchaseRef: text().notNull(),
    ...erpColumns(),
  },
  (t) => [uniqueIndex('incoming_receipts_erp_id').on(t.erpId), index('incoming_receipts_product').on(t.productId, t.warehouseId, t.expectedDate)],
);
