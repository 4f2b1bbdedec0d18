import type { Db } from '../../db/client';
import { decideApproval, getApproval, insertApproval, pendingApproval } from '../../db/queries/approvals';
import { writeAudit } from '../../db/queries/audit';
import type { Output, ParsedInput } from '../shared/contract';
import { AppError, notFound } from '../shared/errors';
import { AUTHORITY, may } from '../shared/domain/authority';
import type { Actor, Holder } from './context';

/**
 * A trader asks to go past a guard: who, why, and the figures at that moment. Only a deal that
 * needs it may ask, and once at a time; the decision belongs to the finance and manager queue.
 */
export function requestApproval(db: Db, input: ParsedInput<'approval.request'>, view: Output<'opportunity.get'>, a: Actor): void {
  const needs =
    input.kind === 'margin'
      ? view.guard.state === 'below_minimum' || view.guard.state === 'below_cost'
      : view.customerPanel.creditState === 'approval';
  if (!needs) {
    const state = input.kind === 'margin' ? view.guard.state : view.customerPanel.creditState;
    throw new AppError('conflict', `Opportunity ${view.reference} does not need a ${input.kind} approval (state: ${state})`, {
      reason: `approval.notNeeded.${input.kind}`,
      reference: view.reference,
      state,
    });
  }
  db.$client.transaction(() => {
    if (pendingApproval(db, view.id, input.kind))
      throw new AppError('conflict', `A ${input.kind} approval is already pending for ${view.reference}`, {
        reason: `approval.pending.${input.kind}`,
        reference: view.reference,
      });
    fileApproval(db, input.kind, input.reason, view, a, 'user');
  })();
}

/** The figures an approval is decided on, as they are when it is asked. */
export function approvalFigures(kind: 'margin' | 'credit', view: Output<'opportunity.get'>): Record<string, unknown> {
  return kind === 'margin'
    ? {
        amount: view.totals.amount,
        cost: view.totals.cost,
        margin: view.totals.margin,
        marginRate: view.totals.marginRate,
        state: view.guard.state,
        targetRate: view.guard.targetRate,
        minimumRate: view.guard.minimumRate,
        // the lines that ask for it: a deal at 13 % may hold one line at 1,7 %
        lines: view.lines
          .filter((l) => l.insight && (l.insight.guard === 'below_minimum' || l.insight.guard === 'below_cost'))
          .map((l) => ({
            position: l.position,
            productCode: l.productCode,
            marginRate: l.marginRate,
            minimumRate: l.insight.rule.minimumRate,
            guard: l.insight.guard,
          })),
      }
    : {
        amount: view.totals.amount,
        creditLimit: view.customer.creditLimit,
        outstanding: view.customer.outstanding,
        headroom: view.customerPanel.headroom,
        state: view.customerPanel.creditState,
      };
}

/** Files a pending approval with the figures of the moment, audited. Runs inside the caller's transaction. */
export function fileApproval(
  db: Db,
  kind: 'margin' | 'credit',
  reason: string,
  view: Output<'opportunity.get'>,
  a: Actor,
  source: 'user' | 'automation',
): number {
  const figures = approvalFigures(kind, view);
  const id = insertApproval(db, { opportunityId: view.id, kind, requestedBy: a.userId, at: a.at, reason, figures });
  writeAudit(db, {
    entity: 'approval',
    entityId: id,
    action: 'create',
    newValue: { opportunityId: view.id, kind, reason, figures },
    by: a.userId,
    at: a.at,
    source,
  });
  return id;
}

/** Who may decide which approvals (DESIGN.md §2.6): credit control decides credit, the sales manager both. */

/** Decides a pending approval; core refuses a role that may not decide it, and (four eyes, on by default) the requester. */
export function decideApprovalAs(
  db: Db,
  input: ParsedInput<'approval.decide'>,
  who: Holder,
  a: Actor,
  fourEyes: boolean,
): { opportunityId: number; approved: boolean } {
  const row = getApproval(db, input.id);
  if (!row) throw notFound('Approval', input.id);
  if (fourEyes && row.requestedBy !== null && row.requestedBy === a.userId)
    throw new AppError('forbidden', `Approval ${input.id} was asked by this user: someone else decides it (four eyes)`, {
      reason: 'approval.fourEyes',
      kind: row.kind,
      rule: 'four_eyes',
    });
  if (!may(who.roles, `approval.${row.kind}`))
    throw new AppError(
      'forbidden',
      `A ${row.kind} approval is decided by ${AUTHORITY[`approval.${row.kind}`].join(' or ')}, not by the ${who.role} role`,
      {
        reason: `approval.deciders.${row.kind}`,
        kind: row.kind,
        role: who.role,
      },
    );
  if (row.status !== 'pending')
    throw new AppError('conflict', `Approval ${input.id} is already ${row.status}`, {
      reason: `approval.already.${row.status}`,
      status: row.status,
    });
  const status = input.decision === 'approve' ? 'approved' : 'refused';
  decideApproval(db, input.id, { status, by: a.userId, at: a.at, comment: input.comment });
  writeAudit(db, {
    entity: 'approval',
    entityId: input.id,
    action: 'update',
    field: 'status',
    oldValue: 'pending',
    newValue: { status, comment: input.comment },
    by: a.userId,
    at: a.at,
    source: 'user',
  });
  return { opportunityId: row.opportunityId, approved: status === 'approved' };
}
