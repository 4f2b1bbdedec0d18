import { otherDealsSql } from '../../electron/shared/domain/credit';
import type { Db } from '../client';
import { prepareCached } from './statements';

export const EXPOSURE_SQL = `WITH deals AS (
    SELECT o.customer_id, ${otherDealsSql('o')}
    FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.kind = 'open' GROUP BY o.customer_id),
  pending AS (
    SELECT o.customer_id, count(*) AS n FROM approvals a JOIN opportunities o ON o.id = a.opportunity_id WHERE a.status = 'pending' GROUP BY o.customer_id)
  SELECT c.id AS customerId, c.code, c.name, c.city, c.credit_limit AS creditLimit, c.outstanding, c.overdue, c.overdue30, c.overdue60, c.overdue90, c.overdue_over90, c.open_orders AS openOrders,
    coalesce(d.committed, 0) AS reservedDeals, coalesce(d.weighted, 0) AS weightedPipeline, c.avg_days_late AS avgDaysLate,
    c.on_hold AS erpHold, c.credit_hold AS creditHold, c.hold_reason AS holdReason, c.hold_at AS holdAt, coalesce(p.n, 0) AS pendingApprovals,
    c.credit_as_of AS creditAsOf
  FROM customers c LEFT JOIN deals d ON d.customer_id = c.id LEFT JOIN pending p ON p.customer_id = c.id
  WHERE c.active = 1 AND (@id IS NULL OR c.id = @id) ORDER BY c.name`;

export type ExposureSqlRow = {
  customerId: number;
  code: string;
  name: string;
  city: string;
  creditLimit: number;
  outstanding: number;
  overdue: number;
  overdue30: number;
  overdue60: number;
  overdue90: number;
  overdue_over90: number;
  openOrders: number;
  reservedDeals: number;
  weightedPipeline: number;
  avgDaysLate: number;
  erpHold: number;
  creditHold: number;
  holdReason: string;
  holdAt: string | null;
  pendingApprovals: number;
  creditAsOf: string | null;
};

export function readExposure(db: Db, customerId: number | null = null): ExposureSqlRow[] {
  return prepareCached(db.$client, EXPOSURE_SQL).all({ id: customerId }) as ExposureSqlRow[];
}

/** The hold is the customer's one `credit_holds` row (a team row); its triggers copy it onto the customer. */
export function setCreditHold(db: Db, customerId: number, h: { hold: boolean; reason: string; by: number | null; at: string }): void {
  prepareCached(
    db.$client,
    `INSERT INTO credit_holds (customer_id, hold, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (customer_id) DO UPDATE SET hold = excluded.hold, reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
  ).run(customerId, h.hold ? 1 : 0, h.reason, h.by, h.at);
}
