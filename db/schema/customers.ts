import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { date, erpColumns, moneyCol, pk, qtyCol, stamp } from './columns';
import { products, warehouses } from './master';

/** Customers with their credit figures, owned by the ERP. */
export const customers = sqliteTable(
  'customers',
  {
    id: pk(),
    code: text().notNull().unique(),
    name: text().notNull(),
    city: text().notNull().default(''),
    postalCode: text().notNull().default(''),
    creditLimit: moneyCol().notNull().default(0),
    outstanding: moneyCol().notNull().default(0),
    overdue: moneyCol().notNull().default(0),
    /** the overdue by age, from the ERP's open receivable lines: 1–30, 31–60, 61–90, over 90 days past due */
    overdue30: moneyCol().notNull().default(0),
    overdue60: moneyCol().notNull().default(0),
    overdue90: moneyCol().notNull().default(0),
    overdueOver90: moneyCol().notNull().default(0),
    openOrders: moneyCol().notNull().default(0),
    /** The ERP's hold flag (pulled). */
    onHold: integer({ mode: 'boolean' }).notNull().default(false),
    /** A hold put by credit control in Comptoir: blocks acceptance like the ERP's. */
    creditHold: integer({ mode: 'boolean' }).notNull().default(false),
    holdReason: text().notNull().default(''),
    holdBy: integer(),
    holdAt: stamp(),
    avgDaysLate: integer().notNull().default(0),
    preferredWarehouseId: integer().references(() => warehouses.id),
    creditAsOf: stamp(),
    searchText: text().notNull(),
    ...erpColumns(),
  },
  (t) => [uniqueIndex('customers_erp_id').on(t.erpId), index('customers_search').on(t.searchText)],
);

/** Invoiced sales lines (purchase history of each customer). */
export const salesHistory = sqliteTable(
  'sales_history',
  {
    id: pk(),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    productId: integer()
      .notNull()
      .references(() => products.id),
    warehouseId: integer().references(() => warehouses.id),
    orderRef: text().notNull(),
    orderDate: date().notNull(),
    qty: qtyCol().notNull(),
    unitPrice: moneyCol().notNull(),
    amount: moneyCol().notNull(),
    ...erpColumns(),
  },
  (t) => [
    uniqueIndex('sales_history_erp_id').on(t.erpId),
    index('sales_history_customer').on(t.customerId, t.productId, t.orderDate),
    index('sales_history_product').on(t.productId, t.orderDate),
  ],
);
