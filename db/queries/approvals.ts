import type { Approval } from '../../electron/shared/contract';
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
