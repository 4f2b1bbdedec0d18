import type { Approval, ApprovalQueueRow } from '../../electron/shared/contract';
import type { Db } from '../client';
import { prepareCached } from './statements';

export function readApprovals(db: Db, opportunityId: number): Approval[] {
  const rows = prepareCached(
    db.$client,
    `SELECT a.id, a.kind, a.status, r.name AS requestedBy, a.requested_at AS requestedAt, a.reason, a.figures, d.name AS decidedBy,
       a.decided_at AS decidedAt, a.comment
     FROM approvals a LEFT JOIN users r ON r.id = a.requested_by LEFT JOIN users d ON d.id = a.decided_by
     WHERE a.opportunity_id = ? ORDER BY a.requested_at DESC, a.id DESC`,
  ).all(opportunityId) as (Omit<Approval, 'figures'> & { figures: string })[];
  return rows.map((r) => ({ ...r, figures: JSON.parse(r.figures) as Record<string, unknown> }));
}

export function pendingApproval(db: Db, opportunityId: number, kind: string): number | undefined {
  return prepareCached(db.$client, "SELECT id FROM approvals WHERE opportunity_id = ? AND kind = ? AND status = 'pending'")
    .pluck()
    .get(opportunityId, kind) as number | undefined;
}

export function insertApproval(
  db: Db,
  a: { opportunityId: number; kind: string; requestedBy: number | null; at: string; reason: string; figures: unknown },
): number {
  return Number(
    prepareCached(
      db.$client,
      "INSERT INTO approvals (opportunity_id, kind, status, requested_by, requested_at, reason, figures) VALUES (?, ?, 'pending', ?, ?, ?, ?)",
    ).run(a.opportunityId, a.kind, a.requestedBy, a.at, a.reason, JSON.stringify(a.figures)).lastInsertRowid,
  );
}

/** The newest approved request of a kind for a deal, with the figures it was granted on. */
export function latestApproved(db: Db, opportunityId: number, kind: string): { id: number; figures: Record<string, unknown> } | undefined {
  const r = prepareCached(
    db.$client,
    "SELECT id, figures FROM approvals WHERE opportunity_id = ? AND kind = ? AND status = 'approved' ORDER BY decided_at DESC, id DESC LIMIT 1",
  ).get(opportunityId, kind) as { id: number; figures: string } | undefined;
  return r && { id: r.id, figures: JSON.parse(r.figures) as Record<string, unknown> };
}

type ApprovalRow = { id: number; opportunityId: number; kind: 'margin' | 'credit'; status: string; requestedBy: number | null };

export function getApproval(db: Db, id: number): ApprovalRow | undefined {
  return prepareCached(
    db.$client,
    'SELECT id, opportunity_id AS opportunityId, kind, status, requested_by AS requestedBy FROM approvals WHERE id = ?',
  ).get(id) as ApprovalRow | undefined;
}

export function decideApproval(
  db: Db,
  id: number,
  d: { status: 'approved' | 'refused' | 'withdrawn'; by: number | null; at: string; comment: string },
): void {
  prepareCached(db.$client, "UPDATE approvals SET status = ?, decided_by = ?, decided_at = ?, comment = ? WHERE id = ? AND status = 'pending'").run(
    d.status,
    d.by,
    d.at,
    d.comment,
    id,
  );
}

export function pendingApprovalIds(db: Db, opportunityId: number): number[] {
  return prepareCached(db.$client, "SELECT id FROM approvals WHERE opportunity_id = ? AND status = 'pending'").pluck().all(opportunityId) as number[];
}

/** The approval queue: pending requests oldest first, or the last decided ones newest first. */
export function readApprovalQueue(db: Db, status: 'pending' | 'decided', kind?: 'credit' | 'margin'): ApprovalQueueRow[] {
  const where =
    status === 'pending'
      ? "a.status = 'pending' AND (@kind IS NULL OR a.kind = @kind) ORDER BY a.requested_at, a.id"
      : "a.status IN ('approved', 'refused') AND (@kind IS NULL OR a.kind = @kind) ORDER BY a.decided_at DESC, a.id DESC LIMIT 200";
  const rows = prepareCached(
    db.$client,
    `SELECT a.id, a.kind, a.status, r.name AS requestedBy, a.requested_at AS requestedAt, a.reason, a.figures, d.name AS decidedBy,
       a.decided_at AS decidedAt, a.comment, o.id AS opportunityId, o.reference, o.title, c.id AS customerId, c.name AS customerName,
       o.amount, s.name AS stageName, c.overdue, c.avg_days_late AS avgDaysLate, (c.on_hold OR c.credit_hold) AS onHold
     FROM approvals a JOIN opportunities o ON o.id = a.opportunity_id JOIN customers c ON c.id = o.customer_id JOIN stages s ON s.id = o.stage_id
     LEFT JOIN users r ON r.id = a.requested_by LEFT JOIN users d ON d.id = a.decided_by WHERE ${where}`,
  ).all({ kind: kind ?? null }) as (Omit<ApprovalQueueRow, 'figures' | 'onHold'> & { figures: string; onHold: number })[];
  return rows.map((r) => ({ ...r, onHold: r.onHold === 1, figures: JSON.parse(r.figures) as Record<string, unknown> }));
}
