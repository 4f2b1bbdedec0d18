import type { Db } from '../client';
import { prepareCached } from './statements';

export type AuditSource = 'user' | 'automation' | 'sync';
export type AuditRecord = {
  entity: string;
  entityId: number;
  action: 'create' | 'update' | 'delete';
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  by: number | null;
  at: string;
  source: AuditSource;
};

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** Writes one audit row: old and new value, who, when, and from where (DESIGN.md §6). */
export function writeAudit(db: Db, r: AuditRecord): void {
  prepareCached(
    db.$client,
    'INSERT INTO audit_log (entity, entity_id, action, field, old_value, new_value, by, at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(r.entity, r.entityId, r.action, r.field ?? null, json(r.oldValue), json(r.newValue), r.by, r.at, r.source);
}

/** One audit row per changed field between two versions of a record. */
export function auditChanges<T extends Record<string, unknown>>(
  db: Db,
  base: Omit<AuditRecord, 'field' | 'oldValue' | 'newValue' | 'action'>,
  before: T,
  after: Partial<T>,
): number {
  let n = 0;
  for (const key of Object.keys(after)) {
    if (after[key] === undefined || after[key] === before[key]) continue;
    writeAudit(db, { ...base, action: 'update', field: key, oldValue: before[key], newValue: after[key] });
    n++;
  }
  return n;
}
