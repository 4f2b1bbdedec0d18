import type { Db } from '../../db/client';
import { insertApproval, pendingApproval } from '../../db/queries/approvals';
import { writeAudit } from '../../db/queries/audit';
import type { Output, ParsedInput } from '../shared/contract';
import { AppError } from '../shared/errors';
import type { Actor } from './pipeline';

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
    throw new AppError('conflict', `Opportunity ${view.reference} does not need a ${input.kind} approval (state: ${state})`, { state });
  }
  db.$client.transaction(() => {
    if (pendingApproval(db, view.id, input.kind)) throw new AppError('conflict', `A ${input.kind} approval is already pending for ${view.reference}`);
    const figures =
      input.kind === 'margin'
        ? {
            amount: view.totals.amount,
            cost: view.totals.cost,
            margin: view.totals.margin,
            marginRate: view.totals.marginRate,
            state: view.guard.state,
            targetRate: view.guard.targetRate,
            minimumRate: view.guard.minimumRate,
          }
        : {
            amount: view.totals.amount,
            creditLimit: view.customer.creditLimit,
            outstanding: view.customer.outstanding,
            headroom: view.customerPanel.headroom,
            state: view.customerPanel.creditState,
          };
    const id = insertApproval(db, { opportunityId: view.id, kind: input.kind, requestedBy: a.userId, at: a.at, reason: input.reason, figures });
    writeAudit(db, {
      entity: 'approval',
      entityId: id,
      action: 'create',
      newValue: { opportunityId: view.id, kind: input.kind, reason: input.reason, figures },
      by: a.userId,
      at: a.at,
      source: 'user',
    });
  })();
}
