import type { Db } from '../client';
import { prepareCached } from './statements';

export type DocumentRow = {
  id: number;
  hash: string;
  name: string;
  mime: string;
  size: number;
  opportunityId: number | null;
  customerId: number | null;
};

const COLUMNS = 'id, hash, name, mime, size, opportunity_id AS opportunityId, customer_id AS customerId';

export function insertDocument(
  db: Db,
  d: {
    opportunityId: number | null;
    customerId: number | null;
    hash: string;
    name: string;
    mime: string;
    size: number;
    at: string;
    by: number | null;
  },
): number {
  return Number(
    prepareCached(
      db.$client,
      'INSERT INTO documents (opportunity_id, customer_id, hash, name, mime, size, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(d.opportunityId, d.customerId, d.hash, d.name, d.mime, d.size, d.at, d.by).lastInsertRowid,
  );
}

/** The same content already attached to the same deal (or customer only). */
export function sameDocument(db: Db, hash: string, opportunityId: number | null, customerId: number | null): DocumentRow | undefined {
  return prepareCached(
    db.$client,
    `SELECT ${COLUMNS} FROM documents WHERE hash = ? AND opportunity_id IS ? AND (opportunity_id IS NOT NULL OR customer_id IS ?) LIMIT 1`,
  ).get(hash, opportunityId, customerId) as DocumentRow | undefined;
}

/** A stored content's name and type as first attached (what serving it says). */
export function documentByHash(db: Db, hash: string): DocumentRow | undefined {
  return prepareCached(db.$client, `SELECT ${COLUMNS} FROM documents WHERE hash = ? ORDER BY id LIMIT 1`).get(hash) as DocumentRow | undefined;
}

/** Contents this desk holds that the hub may lack: attached here, never sent (nor fetched from the hub). */
export function unsentHashes(db: Db, limit: number): string[] {
  return prepareCached(
    db.$client,
    'SELECT DISTINCT d.hash FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_uploads u WHERE u.hash = d.hash) ORDER BY d.id LIMIT ?',
  )
    .pluck()
    .all(limit) as string[];
}

export function markSent(db: Db, hash: string, at: string): void {
  prepareCached(db.$client, 'INSERT OR IGNORE INTO document_uploads (hash, sent_at) VALUES (?, ?)').run(hash, at);
}
