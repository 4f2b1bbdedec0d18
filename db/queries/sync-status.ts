import type { SyncEntity } from '../../electron/shared/contract';
import type { Db } from '../client';
import { prepareCached } from './statements';

/** The sync panel's reads and the bookkeeping of runs, outbox interventions and conflicts (DESIGN.md §6, §8). */

const ENTITY_TABLE: Record<SyncEntity, string> = {
  warehouses: 'warehouses',
  categories: 'product_categories',
  suppliers: 'suppliers',
  products: 'products',
  supplierPrices: 'supplier_prices',
  stock: 'stock_levels',
  receipts: 'incoming_receipts',
  customers: 'customers',
  salesHistory: 'sales_history',
};

type RunRow = {
  id: number;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  stats: string | null;
  error: string | null;
};
export type RunStats = { entities: { entity: string; pulled: number; pages: number; error?: string }[]; pushed: number };

export function startRun(db: Db, trigger: string, at: string): number {
  return Number(
    prepareCached(db.$client, "INSERT INTO sync_runs (trigger, started_at, status) VALUES (?, ?, 'running')").run(trigger, at).lastInsertRowid,
  );
}

export function finishRun(db: Db, id: number, stats: RunStats, error: string | null, at: string): boolean {
  const failed = error !== null || stats.entities.some((e) => e.error);
  return (
    prepareCached(db.$client, "UPDATE sync_runs SET finished_at = ?, status = ?, stats = ?, error = ? WHERE id = ? AND status = 'running'").run(
      at,
      failed ? 'failed' : 'ok',
      JSON.stringify(stats),
      error,
      id,
    ).changes > 0
  );
}

/** Runs a connector left unfinished (it died or was restarted) are closed as failed, with the reason. */
export function abandonRuns(db: Db, reason: string, at: string): number {
  return prepareCached(db.$client, "UPDATE sync_runs SET finished_at = ?, status = 'failed', error = ? WHERE status = 'running'").run(at, reason)
    .changes;
}

export function readRuns(db: Db, limit: number) {
  const rows = prepareCached(
    db.$client,
    'SELECT id, trigger, started_at AS startedAt, finished_at AS finishedAt, status, stats, error FROM sync_runs ORDER BY id DESC LIMIT ?',
  ).all(limit) as RunRow[];
  return rows.map((r) => {
    const stats = r.stats ? (JSON.parse(r.stats) as RunStats) : { entities: [], pushed: 0 };
    return {
      id: r.id,
      trigger: r.trigger as 'schedule' | 'manual' | 'start',
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      status: r.status as 'running' | 'ok' | 'failed',
      error: r.error,
      entities: stats.entities,
      pushed: stats.pushed,
    };
  });
}

export function lastSuccess(db: Db): string | null {
  return (prepareCached(db.$client, "SELECT max(finished_at) FROM sync_runs WHERE status = 'ok'").pluck().get() as string | null) ?? null;
}

/** Per entity: when a page of it was last applied, and how many ERP rows are held. */
export function readFreshness(db: Db) {
  const cursors = new Map(
    (prepareCached(db.$client, 'SELECT entity, updated_at AS at FROM sync_cursors').all() as { entity: string; at: string }[]).map((r) => [
      r.entity,
      r.at,
    ]),
  );
  return (Object.entries(ENTITY_TABLE) as [SyncEntity, string][]).map(([entity, table]) => ({
    entity,
    lastSuccessAt: cursors.get(entity) ?? null,
    // stock lines have no ERP id of their own: those of the ERP's products
    rows: prepareCached(
      db.$client,
      table === 'stock_levels'
        ? 'SELECT count(*) FROM stock_levels s JOIN products p ON p.id = s.product_id WHERE p.erp_id IS NOT NULL'
        : `SELECT count(*) FROM ${table} WHERE erp_id IS NOT NULL`,
    )
      .pluck()
      .get() as number,
  }));
}

/** Outbox items a person may need to look at: waiting, in flight or stopped — oldest first. */
export function readOutboxAttention(db: Db, limit: number) {
  return prepareCached(
    db.$client,
    `SELECT x.id, x.kind, x.subject, x.status, x.attempts, x.last_error AS lastError, x.next_try_at AS nextTryAt, x.created_at AS createdAt,
       CASE
         WHEN x.subject LIKE 'opportunity:%' THEN (SELECT o.reference || ' — ' || c.name FROM opportunities o JOIN customers c ON c.id = o.customer_id
                                                 WHERE o.id = CAST(substr(x.subject, 13) AS INTEGER))
         WHEN x.subject LIKE 'supplier:%' THEN (SELECT s.name FROM suppliers s WHERE s.id = CAST(substr(x.subject, 10) AS INTEGER))
       END AS subjectName
     FROM outbox x WHERE x.status IN ('pending', 'leased', 'failed') ORDER BY x.status = 'failed' DESC, x.id LIMIT ?`,
  ).all(limit) as {
    id: number;
    kind: 'sale_order' | 'purchase_request' | 'cancellation' | 'transfer';
    subject: string;
    subjectName: string | null;
    status: 'pending' | 'leased' | 'failed';
    attempts: number;
    lastError: string | null;
    nextTryAt: string | null;
    createdAt: string;
  }[];
}

export function outboxRow(db: Db, id: number): { status: string; kind: string; subject: string } | undefined {
  return prepareCached(db.$client, 'SELECT status, kind, subject FROM outbox WHERE id = ?').get(id) as
    { status: string; kind: string; subject: string } | undefined;
}

/** A stopped item sent again: due now, its attempts kept for the record. */
export function retryOutbox(db: Db, id: number): void {
  prepareCached(db.$client, "UPDATE outbox SET status = 'pending', next_try_at = NULL, lease_until = NULL WHERE id = ?").run(id);
}

export function cancelOutbox(db: Db, id: number, at: string): void {
  prepareCached(db.$client, "UPDATE outbox SET status = 'cancelled', lease_until = NULL, done_at = ? WHERE id = ?").run(at, id);
}

export function readOpenConflicts(db: Db) {
  const rows = prepareCached(
    db.$client,
    `SELECT id, entity, erp_id AS erpId, field, local_value AS localValue, erp_value AS erpValue, detected_at AS detectedAt
     FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id DESC LIMIT 200`,
  ).all() as {
    id: number;
    entity: string;
    erpId: string | null;
    field: string;
    localValue: string | null;
    erpValue: string | null;
    detectedAt: string;
  }[];
  return rows.map((r) => ({ ...r, localValue: parse(r.localValue), erpValue: parse(r.erpValue) }));
}

const parse = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));

export type ConflictRecord = { entity: string; localId: number; erpId: string; field: string; localValue: unknown; erpValue: unknown };

/** Lists a conflict once: an open one for the same record and field is kept, not duplicated. */
export function recordConflict(db: Db, c: ConflictRecord, at: string): boolean {
  const open = prepareCached(db.$client, 'SELECT 1 FROM sync_conflicts WHERE entity = ? AND erp_id = ? AND field = ? AND resolved_at IS NULL').get(
    c.entity,
    c.erpId,
    c.field,
  );
  if (open) return false;
  prepareCached(
    db.$client,
    'INSERT INTO sync_conflicts (entity, local_id, erp_id, field, local_value, erp_value, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(c.entity, c.localId, c.erpId, c.field, JSON.stringify(c.localValue), JSON.stringify(c.erpValue), at);
  return true;
}

export function resolveConflict(db: Db, id: number, resolution: string, at: string): boolean {
  return (
    prepareCached(db.$client, 'UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL').run(
      at,
      resolution,
      id,
    ).changes > 0
  );
}

/**
 * What a pulled page would change under open deals (the ERP wins, but a person must know):
 * a product archived while open deals still quote it; a customer put on hold by the ERP while
 * an accepted deal's sale order has not reached it yet.
 */
export function conflictsOf(db: Db, entity: string, rows: { erpId?: string; active?: boolean; onHold?: boolean }[]): ConflictRecord[] {
  const out: ConflictRecord[] = [];
  if (entity === 'products') {
    const q = prepareCached(
      db.$client,
      `SELECT p.id, p.code, group_concat(DISTINCT o.reference) AS refs FROM products p
       JOIN opportunity_lines l ON l.product_id = p.id JOIN opportunities o ON o.id = l.opportunity_id
       JOIN stages s ON s.id = o.stage_id WHERE p.erp_id = ? AND p.active = 1 AND s.kind = 'open' GROUP BY p.id`,
    );
    for (const r of rows) {
      if (r.active !== false || !r.erpId) continue;
      const hit = q.get(r.erpId) as { id: number; code: string; refs: string } | undefined;
      if (hit)
        out.push({
          entity,
          localId: hit.id,
          erpId: r.erpId,
          field: 'active',
          localValue: { code: hit.code, openDeals: hit.refs.split(',') },
          erpValue: false,
        });
    }
  }
  if (entity === 'customers') {
    const q = prepareCached(
      db.$client,
      `SELECT c.id, c.code, group_concat(DISTINCT o.reference) AS refs FROM customers c
       JOIN opportunities o ON o.customer_id = c.id
       JOIN outbox x ON x.subject = 'opportunity:' || o.id AND x.kind = 'sale_order' AND x.status IN ('pending', 'leased', 'failed')
       WHERE c.erp_id = ? AND c.on_hold = 0 GROUP BY c.id`,
    );
    for (const r of rows) {
      if (r.onHold !== true || !r.erpId) continue;
      const hit = q.get(r.erpId) as { id: number; code: string; refs: string } | undefined;
      if (hit)
        out.push({
          entity,
          localId: hit.id,
          erpId: r.erpId,
          field: 'onHold',
          localValue: { code: hit.code, ordersNotSent: hit.refs.split(',') },
          erpValue: true,
        });
    }
  }
  return out;
}

/** Open deals with a line on one of these products (by ERP id). */
export function openDealsQuoting(db: Db, productErpIds: string[]): number[] {
  return prepareCached(
    db.$client,
    `SELECT DISTINCT l.opportunity_id FROM opportunity_lines l JOIN products p ON p.id = l.product_id
     JOIN opportunities o ON o.id = l.opportunity_id JOIN stages s ON s.id = o.stage_id
     WHERE s.kind = 'open' AND p.erp_id IN (SELECT value FROM json_each(?))`,
  )
    .pluck()
    .all(JSON.stringify(productErpIds)) as number[];
}
