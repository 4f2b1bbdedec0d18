import type { Db } from '../client';
import { prepareCached } from './statements';

/** What a deal holds on the operations side, counted so two readings tell what a stage move did. */
export type DealEffects = {
  reservations: number;
  reservedLines: number;
  shortages: number;
  saleOrder: 'none' | 'queued' | 'sent';
  cancellations: number;
  pendingApprovals: string[];
  openTasks: string[];
};

export function readDealEffects(db: Db, opportunityId: number): DealEffects {
  const c = db.$client;
  const subject = `opportunity:${opportunityId}`;
  const held = prepareCached(
    c,
    `SELECT count(*) AS reservations, count(DISTINCT line_id) AS reservedLines FROM reservations WHERE opportunity_id = ? AND status = 'active'`,
  ).get(opportunityId) as { reservations: number; reservedLines: number };
  const shortages = prepareCached(c, "SELECT count(*) FROM shortages WHERE opportunity_id = ? AND status = 'open'")
    .pluck()
    .get(opportunityId) as number;
  const order = prepareCached(
    c,
    "SELECT status FROM outbox WHERE subject = ? AND kind = 'sale_order' AND status != 'cancelled' ORDER BY id DESC LIMIT 1",
  )
    .pluck()
    .get(subject) as string | undefined;
  const cancellations = prepareCached(c, "SELECT count(*) FROM outbox WHERE subject = ? AND kind = 'cancellation' AND status != 'cancelled'")
    .pluck()
    .get(subject) as number;
  const pendingApprovals = prepareCached(c, "SELECT kind FROM approvals WHERE opportunity_id = ? AND status = 'pending' ORDER BY id")
    .pluck()
    .all(opportunityId) as string[];
  const openTasks = prepareCached(c, 'SELECT role FROM activities WHERE opportunity_id = ? AND role IS NOT NULL AND done_at IS NULL ORDER BY id')
    .pluck()
    .all(opportunityId) as string[];
  const saleOrder = order === undefined ? 'none' : order === 'pending' || order === 'failed' ? 'queued' : 'sent';
  return { ...held, shortages, saleOrder, cancellations, pendingApprovals, openTasks };
}
