import { foldForSearch } from '../../electron/shared/text';
import type { Db } from '../client';
import { prepareCached } from './statements';
import { takeReference } from './team-references';

/** Plain reads and writes of opportunities and their lines; core wraps them in transactions with audit. */
export type OpportunityRecord = {
  id: number;
  reference: string;
  customerId: number;
  title: string;
  ownerId: number | null;
  stageId: number;
  probability: number;
  expectedClose: string | null;
  requestedDate: string | null;
  notes: string;
};
export type LineRecord = {
  id: number;
  opportunityId: number;
  position: number;
  productId: number;
  warehouseId: number | null;
  qty: number;
  unitPrice: number;
  discount: number;
  requestedDate: string | null;
};

const OPP_COLUMNS = `id, reference, customer_id AS customerId, title, owner_id AS ownerId, stage_id AS stageId, probability,
  expected_close AS expectedClose, requested_date AS requestedDate, notes`;
const LINE_COLUMNS = `id, opportunity_id AS opportunityId, position, product_id AS productId, warehouse_id AS warehouseId, qty,
  unit_price AS unitPrice, discount, requested_date AS requestedDate`;
const OPP_FIELDS: Record<string, string> = {
  customerId: 'customer_id',
  title: 'title',
  ownerId: 'owner_id',
  stageId: 'stage_id',
  probability: 'probability',
  expectedClose: 'expected_close',
  requestedDate: 'requested_date',
  notes: 'notes',
};
const LINE_FIELDS: Record<string, string> = {
  position: 'position',
  productId: 'product_id',
  warehouseId: 'warehouse_id',
  qty: 'qty',
  unitPrice: 'unit_price',
  discount: 'discount',
  requestedDate: 'requested_date',
};

export const readOpportunity = (db: Db, id: number) =>
  prepareCached(db.$client, `SELECT ${OPP_COLUMNS} FROM opportunities WHERE id = ?`).get(id) as OpportunityRecord | undefined;

export const readLine = (db: Db, id: number) =>
  prepareCached(db.$client, `SELECT ${LINE_COLUMNS} FROM opportunity_lines WHERE id = ?`).get(id) as LineRecord | undefined;

export const readLines = (db: Db, opportunityId: number) =>
  prepareCached(db.$client, `SELECT ${LINE_COLUMNS} FROM opportunity_lines WHERE opportunity_id = ? ORDER BY position, id`).all(
    opportunityId,
  ) as LineRecord[];

export const exists = (
  db: Db,
  table: 'customers' | 'products' | 'warehouses' | 'users' | 'stages' | 'product_categories' | 'suppliers',
  id: number,
): boolean => !!prepareCached(db.$client, `SELECT 1 FROM ${table} WHERE id = ? AND active = 1`).get(id);

export const listPrice = (db: Db, productId: number) =>
  prepareCached(db.$client, 'SELECT list_price FROM products WHERE id = ? AND active = 1').pluck().get(productId) as number | undefined;

/** Active products by their codes (case-insensitive), for lines pasted from a spreadsheet. */
export function productIdsByCode(db: Db, codes: string[]): Map<string, number> {
  const rows = db.$client
    .prepare(`SELECT id, upper(code) AS code FROM products WHERE active = 1 AND upper(code) IN (${codes.map(() => '?').join(', ') || "''"})`)
    .all(...codes.map((c) => c.toUpperCase())) as { id: number; code: string }[];
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The next reference of the year: OPP-2026-000201. */
/** OPP-2026-000123: from the blocks the hub leased to this desk when it is in a team, else the desk's own next number. */
export function nextReference(db: Db, year: string): string {
  const leased = takeReference(db, 'OPP', Number(year));
  if (leased !== null) return `OPP-${year}-${String(leased).padStart(6, '0')}`;
  const last = prepareCached(db.$client, "SELECT max(reference) FROM opportunities WHERE reference LIKE ? || '-%'").pluck().get(`OPP-${year}`) as
    string | null;
  const n = last ? Number(last.slice(-6)) + 1 : 1;
  return `OPP-${year}-${String(n).padStart(6, '0')}`;
}

export function insertOpportunity(db: Db, o: Omit<OpportunityRecord, 'id'>, at: string, by: number | null): number {
  return Number(
    prepareCached(
      db.$client,
      `INSERT INTO opportunities (reference, customer_id, title, owner_id, stage_id, probability, expected_close, requested_date, notes,
        stage_entered_at, search_text, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      o.reference,
      o.customerId,
      o.title,
      o.ownerId,
      o.stageId,
      o.probability,
      o.expectedClose,
      o.requestedDate,
      o.notes,
      at,
      foldForSearch(`${o.reference} ${o.title}`),
      at,
      at,
      by,
    ).lastInsertRowid,
  );
}

function setClause(changes: Record<string, unknown>, fields: Record<string, string>) {
  const keys = Object.keys(changes).filter((k) => changes[k] !== undefined && fields[k]);
  return { sql: keys.map((k) => `${fields[k]} = ?`).join(', '), values: keys.map((k) => changes[k]) };
}

export function updateOpportunity(db: Db, o: OpportunityRecord, changes: Partial<OpportunityRecord>, at: string): void {
  const set = setClause(changes, OPP_FIELDS);
  const title = changes.title ?? o.title;
  db.$client
    .prepare(`UPDATE opportunities SET ${set.sql ? `${set.sql}, ` : ''}search_text = ?, updated_at = ? WHERE id = ?`)
    .run(...set.values, foldForSearch(`${o.reference} ${title}`), at, o.id);
}

export function touchOpportunity(db: Db, id: number, at: string): void {
  prepareCached(db.$client, 'UPDATE opportunities SET updated_at = ? WHERE id = ?').run(at, id);
}

export function insertLine(db: Db, l: Omit<LineRecord, 'id'>): number {
  return Number(
    prepareCached(
      db.$client,
      'INSERT INTO opportunity_lines (opportunity_id, position, product_id, warehouse_id, qty, unit_price, discount, requested_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(l.opportunityId, l.position, l.productId, l.warehouseId, l.qty, l.unitPrice, l.discount, l.requestedDate).lastInsertRowid,
  );
}

export function updateLine(db: Db, id: number, changes: Partial<LineRecord>): void {
  const set = setClause(changes, LINE_FIELDS);
  if (set.sql) db.$client.prepare(`UPDATE opportunity_lines SET ${set.sql} WHERE id = ?`).run(...set.values, id);
}

export function deleteLine(db: Db, id: number): void {
  prepareCached(db.$client, 'DELETE FROM opportunity_lines WHERE id = ?').run(id);
}
