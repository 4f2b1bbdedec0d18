import type { Db } from '../client';
import { SUPPLIER_PRICE_VALID_SQL, type SupplierPrice } from '../../electron/shared/domain/supplier-price';
import type { PurchaseDraft } from '../../electron/shared/contract';
import { extend } from '../../electron/shared/money';
import { prepareCached } from './statements';

/** Reads and writes of the buyer's purchase drafts (one per supplier) and their lines. */

export function supplierOffers(db: Db, productId: number, supplierId: number): (SupplierPrice & { packQty: number })[] {
  return prepareCached(
    db.$client,
    `SELECT supplier_id AS supplierId, min_qty AS minQty, unit_price AS unitPrice, lead_time_days AS leadTimeDays, pack_qty AS packQty,
       valid_from AS validFrom, valid_to AS validTo
     FROM supplier_prices WHERE product_id = ? AND supplier_id = ? AND active = 1 ORDER BY min_qty`,
  ).all(productId, supplierId) as (SupplierPrice & { packQty: number })[];
}

/** The supplier's draft being prepared, made when there is none. */
export function openDraftFor(db: Db, supplierId: number, by: number | null, at: string): number {
  const found = prepareCached(db.$client, "SELECT id FROM purchase_drafts WHERE supplier_id = ? AND status = 'draft' ORDER BY id LIMIT 1")
    .pluck()
    .get(supplierId) as number | undefined;
  if (found) return found;
  return Number(
    prepareCached(
      db.$client,
      "INSERT INTO purchase_drafts (supplier_id, status, created_by, created_at, updated_at) VALUES (?, 'draft', ?, ?, ?)",
    ).run(supplierId, by, at, at).lastInsertRowid,
  );
}

/** Whether a shortage already sits in a draft being prepared. */
export function shortageInDraft(db: Db, shortageId: number): boolean {
  return !!prepareCached(
    db.$client,
    "SELECT 1 FROM purchase_draft_lines l JOIN purchase_drafts d ON d.id = l.draft_id WHERE l.shortage_id = ? AND d.status = 'draft'",
  ).get(shortageId);
}

export function insertDraftLine(db: Db, l: Omit<DraftLineRecord, 'id' | 'status' | 'supplierId'>): number {
  return Number(
    prepareCached(
      db.$client,
      `INSERT INTO purchase_draft_lines (draft_id, shortage_id, product_id, warehouse_id, needed_qty, qty, unit_price, needed_by)
       VALUES (@draftId, @shortageId, @productId, @warehouseId, @neededQty, @qty, @unitPrice, @neededBy)`,
    ).run(l).lastInsertRowid,
  );
}

export type DraftLineRecord = {
  id: number;
  draftId: number;
  shortageId: number;
  productId: number;
  warehouseId: number;
  neededQty: number;
  qty: number;
  unitPrice: number;
  neededBy: string | null;
  status: 'draft' | 'sent' | 'cancelled';
  supplierId: number;
};

export function draftLine(db: Db, id: number): DraftLineRecord | undefined {
  return prepareCached(
    db.$client,
    `SELECT l.id, l.draft_id AS draftId, l.shortage_id AS shortageId, l.product_id AS productId, l.warehouse_id AS warehouseId,
       l.needed_qty AS neededQty, l.qty, l.unit_price AS unitPrice, l.needed_by AS neededBy, d.status, d.supplier_id AS supplierId
     FROM purchase_draft_lines l JOIN purchase_drafts d ON d.id = l.draft_id WHERE l.id = ?`,
  ).get(id) as DraftLineRecord | undefined;
}

export function updateDraftLine(db: Db, id: number, l: { draftId: number; qty: number; unitPrice: number; neededBy: string | null }, at: string) {
  prepareCached(
    db.$client,
    'UPDATE purchase_draft_lines SET draft_id = @draftId, qty = @qty, unit_price = @unitPrice, needed_by = @neededBy WHERE id = @id',
  ).run({
    id,
    ...l,
  });
  prepareCached(db.$client, 'UPDATE purchase_drafts SET updated_at = ? WHERE id = ?').run(at, l.draftId);
}

export function draftHeader(db: Db, id: number) {
  return prepareCached(db.$client, 'SELECT id, supplier_id AS supplierId, status, outbox_id AS outboxId FROM purchase_drafts WHERE id = ?').get(
    id,
  ) as { id: number; supplierId: number; status: 'draft' | 'sent' | 'cancelled'; outboxId: number | null } | undefined;
}

export function draftLineRecords(db: Db, draftId: number): DraftLineRecord[] {
  return (prepareCached(db.$client, 'SELECT id FROM purchase_draft_lines WHERE draft_id = ? ORDER BY id').pluck().all(draftId) as number[]).map(
    (id) => draftLine(db, id)!,
  );
}

export function setDraftStatus(db: Db, id: number, status: 'sent' | 'cancelled', at: string, outboxId: number | null = null) {
  prepareCached(
    db.$client,
    "UPDATE purchase_drafts SET status = ?, outbox_id = coalesce(?, outbox_id), updated_at = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?",
  ).run(status, outboxId, at, status, at, id);
}

/** A draft without lines left (its last line moved to another supplier) is dropped. */
export function dropEmptyDraft(db: Db, id: number, at: string) {
  const n = prepareCached(db.$client, 'SELECT count(*) FROM purchase_draft_lines WHERE draft_id = ?').pluck().get(id) as number;
  if (n === 0) setDraftStatus(db, id, 'cancelled', at);
}

/** The drafts as the buyer reviews them: being prepared, or sent with where they stand in the ERP (its number once it answered). */
export function readDrafts(db: Db, status: 'draft' | 'sent', today: string): PurchaseDraft[] {
  const drafts = prepareCached(
    db.$client,
    `SELECT d.id, d.supplier_id AS supplierId, s.name AS supplierName, d.status, d.created_at AS createdAt, d.sent_at AS sentAt,
       x.status AS erpStatus, x.erp_ref AS erpRef, x.last_error AS erpError
     FROM purchase_drafts d JOIN suppliers s ON s.id = d.supplier_id LEFT JOIN outbox x ON x.id = d.outbox_id
     WHERE d.status = ? ORDER BY ${status === 'draft' ? 'd.id' : 'd.sent_at DESC, d.id DESC'} LIMIT 200`,
  ).all(status) as Omit<PurchaseDraft, 'lines' | 'amount'>[];
  const lines = prepareCached(
    db.$client,
    `SELECT l.id, l.draft_id AS draftId, l.shortage_id AS shortageId, p.code AS productCode, p.name AS productName, p.unit, w.code AS warehouseCode,
       l.needed_qty AS neededQty, l.qty, l.unit_price AS unitPrice, l.needed_by AS neededBy, o.reference,
       (SELECT json_group_array(json_object('id', su.id, 'name', su.name)) FROM suppliers su WHERE su.id IN (
          SELECT sp.supplier_id FROM supplier_prices sp WHERE sp.product_id = l.product_id AND ${SUPPLIER_PRICE_VALID_SQL})) AS suppliers
     FROM purchase_draft_lines l JOIN products p ON p.id = l.product_id JOIN warehouses w ON w.id = l.warehouse_id
     JOIN shortages sh ON sh.id = l.shortage_id JOIN opportunities o ON o.id = sh.opportunity_id
     WHERE l.draft_id IN (SELECT value FROM json_each(@ids)) ORDER BY l.id`,
  ).all({ ids: JSON.stringify(drafts.map((d) => d.id)), today }) as (Omit<PurchaseDraft['lines'][number], 'suppliers'> & {
    draftId: number;
    suppliers: string;
  })[];
  return drafts.map((d) => {
    const mine = lines
      .filter((l) => l.draftId === d.id)
      .map(({ draftId: _d, suppliers, ...l }) => ({ ...l, suppliers: JSON.parse(suppliers) as { id: number; name: string }[] }));
    return { ...d, lines: mine, amount: mine.reduce((s, l) => s + extend(l.qty, l.unitPrice), 0) };
  });
}
