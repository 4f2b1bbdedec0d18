import type { OutboxItem } from '../../electron/shared/contract';
import type { Db } from '../client';
import { prepareCached } from './statements';

/** The outbox seen by the connector: lease due items, then acknowledge or fail each. */

/** Items due now (pending and due, or leased by a connector whose lease ran out), leased for `until`. */
export function leaseDue(db: Db, now: string, until: string, limit: number): OutboxItem[] {
  const rows = prepareCached(
    db.$client,
    `SELECT id, uuid, kind, payload, attempts FROM outbox
     WHERE (status = 'pending' AND (next_try_at IS NULL OR next_try_at <= @now)) OR (status = 'leased' AND lease_until < @now)
     ORDER BY coalesce(next_try_at, created_at), id LIMIT @limit`,
  ).all({ now, limit }) as { id: number; uuid: string; kind: OutboxItem['kind']; payload: string; attempts: number }[];
  const lease = prepareCached(db.$client, "UPDATE outbox SET status = 'leased', lease_until = ?, attempts = attempts + 1 WHERE id = ?");
  return rows.map((r) => {
    lease.run(until, r.id);
    return { ...r, payload: JSON.parse(r.payload) as unknown, attempts: r.attempts + 1 };
  });
}

export function outboxStatus(db: Db, id: number): { status: string; erpRef: string | null; kind: string; subject: string } | undefined {
  return prepareCached(db.$client, 'SELECT status, erp_ref AS erpRef, kind, subject FROM outbox WHERE id = ?').get(id) as
    { status: string; erpRef: string | null; kind: string; subject: string } | undefined;
}

export function markDone(db: Db, id: number, erpRef: string, at: string): void {
  prepareCached(db.$client, "UPDATE outbox SET status = 'done', erp_ref = ?, done_at = ?, lease_until = NULL, last_error = NULL WHERE id = ?").run(
    erpRef,
    at,
    id,
  );
}

export function markRetry(db: Db, id: number, error: string, nextTryAt: string): void {
  prepareCached(db.$client, "UPDATE outbox SET status = 'pending', last_error = ?, next_try_at = ?, lease_until = NULL WHERE id = ?").run(
    error,
    nextTryAt,
    id,
  );
}

export function markFailed(db: Db, id: number, error: string): void {
  prepareCached(db.$client, "UPDATE outbox SET status = 'failed', last_error = ?, lease_until = NULL WHERE id = ?").run(error, id);
}

/** Once the ERP holds the sale order, the deal's reservations live there. */
export function reservationsInErp(db: Db, opportunityId: number): void {
  prepareCached(db.$client, "UPDATE reservations SET status = 'in_erp' WHERE opportunity_id = ? AND status = 'active'").run(opportunityId);
}
