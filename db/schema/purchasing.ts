import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { date, moneyCol, pk, qtyCol, stamp, uid } from './columns';
import { products, suppliers, warehouses } from './master';
import { shortages } from './operations';
import { users } from './pipeline';

/**
 * A purchase the buyer reviews before it goes to the ERP: one per supplier, built from shortages
 * (quantities rounded to the supplier's minimum and pack), edited, then sent through the outbox.
 */
export const purchaseDrafts = sqliteTable(
  'purchase_drafts',
  {
    id: pk(),
    uid: uid(),
    supplierId: integer()
      .notNull()
      .references(() => suppliers.id),
    status: text({ enum: ['draft', 'sent', 'cancelled'] })
      .notNull()
      .default('draft'),
    /** the outbox item that carries it to the ERP once sent (its ERP number comes back there) */
    outboxId: integer(),
    createdBy: integer().references(() => users.id),
    createdAt: stamp().notNull(),
    updatedAt: stamp().notNull(),
    sentAt: stamp(),
  },
  (t) => [index('purchase_drafts_status').on(t.status, t.supplierId)],
);

export const purchaseDraftLines = sqliteTable(
  'purchase_draft_lines',
  {
    id: pk(),
    uid: uid(),
    draftId: integer()
      .notNull()
      .references(() => purchaseDrafts.id),
    shortageId: integer()
      .notNull()
      .references(() => shortages.id),
    productId: integer()
      .notNull()
      .references(() => products.id),
    warehouseId: integer()
      .notNull()
      .references(() => warehouses.id),
    /** what the shortage lacks, and what is ordered: rounded up to the supplier's minimum and pack */
    neededQty: qtyCol().notNull(),
    qty: qtyCol().notNull(),
    unitPrice: moneyCol().notNull(),
    neededBy: date(),
  },
  (t) => [index('purchase_draft_lines_draft').on(t.draftId), index('purchase_draft_lines_shortage').on(t.shortageId)],
);
