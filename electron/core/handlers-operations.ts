import { readApprovalQueue } from '../../db/queries/approvals';
import { currentStage } from '../../db/queries/opportunity-stage';
import { getStage } from '../../db/queries/stages';
import type { Handlers } from '../shared/rpc';
import { notFound } from '../shared/errors';
import { decideApprovalAs } from './approvals';
import type { Automation, Notice } from './automation';
import { createAutomationRules, listAutomationRules } from './automation-rules';
import { createPurchaseDrafts } from './purchase-drafts';
import { createPurchasing } from './purchasing';
import { exposure, holdCustomer } from './finance';
import { createSync } from './sync';
import { readCursor } from '../../db/queries/sync-apply';
import type { CoreContext } from './context';
import type { Actor } from './context';
import { getSettings } from './settings';
import { opportunityView } from './workspace';

type Tools = { actor: () => Actor; changed: (entities: string[], ids?: number[]) => void; notify: (n: Notice[]) => void; automation: Automation };
type OperationsMethods =
  | 'approval.decide'
  | 'approvals.queue'
  | 'operations.rerun'
  | 'automation.list'
  | 'automation.save'
  | 'automation.delete'
  | 'purchasing.shortages'
  | 'purchasing.demand'
  | 'purchasing.request'
  | 'purchasing.draft'
  | 'purchasing.drafts'
  | 'purchasing.updateDraftLine'
  | 'purchasing.sendDraft'
  | 'purchasing.cancelDraft'
  | 'purchasing.transfer'
  | 'purchasing.receipts'
  | 'purchasing.cover'
  | 'purchasing.dismiss'
  | 'finance.exposure'
  | 'customers.hold'
  | 'sync.applyPage'
  | 'sync.cursor'
  | 'sync.reconcile'
  | 'outbox.lease'
  | 'outbox.ack'
  | 'outbox.fail';

/** Approvals, stage automation and its rules: the operations side of a deal (issue: quote accepted → operations). */
export function operationsHandlers(ctx: CoreContext, t: Tools): Pick<Handlers, OperationsMethods> {
  const { db } = ctx;
  const rules = createAutomationRules(db);
  const purchasing = createPurchasing(db);
  const drafts = createPurchaseDrafts(db);
  const draftsChanged = (entities: string[]) => {
    t.changed(['purchaseDrafts', ...entities]);
    return drafts.list('draft', today());
  };
  // margin at risk: the owner's desk tells them at once (the follow-up waits in their activities at every desk)
  const sync = createSync(db, ctx.now, Math.random, (risks) => {
    t.changed(['activities', 'dashboard']);
    for (const r of risks)
      if (r.ownerId !== null)
        ctx.bus.emit('alert.raised', { level: 'warning', message: r.message, opportunityId: r.opportunityId, userId: r.ownerId });
  });
  const today = () => ctx.now().slice(0, 10);
  const shortagesChanged = () => {
    t.changed(['shortages']);
    return purchasing.shortages('open', today());
  };
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn)();
  return {
    'approvals.queue': ({ status, kind }) => readApprovalQueue(db, status, kind),
    'approval.decide': (input) => {
      const a = t.actor();
      const notices = tx(() => {
        const { opportunityId, approved } = decideApprovalAs(db, input, getSettings(db), a, getSettings(db)['approvals.fourEyes']);
        if (approved) return { opportunityId, notices: t.automation.resume(input.id, a) };
        t.automation.refused(input.id, a);
        return { opportunityId, notices: [] };
      });
      t.changed(['approvals', 'opportunities', 'operations'], [notices.opportunityId]);
      t.notify(notices.notices);
      return readApprovalQueue(db, 'pending');
    },
    'operations.rerun': ({ opportunityId }) => {
      const stage = currentStage(db, opportunityId);
      if (!stage) throw notFound('Opportunity', opportunityId);
      const notices = tx(() => t.automation.rerun(opportunityId, getStage(db, stage.stageId)!, t.actor()));
      t.changed(['opportunities', 'operations'], [opportunityId]);
      t.notify(notices);
      return opportunityView(db, opportunityId, ctx.now());
    },
    'purchasing.shortages': ({ status }) => purchasing.shortages(status, today()),
    'purchasing.demand': ({ weeks, all }) => purchasing.demand(weeks, today(), all),
    'purchasing.request': ({ shortageIds }) => {
      const result = purchasing.request(shortageIds, today(), t.actor());
      t.changed(['shortages', 'outbox']);
      return result;
    },
    'purchasing.draft': ({ shortageIds }) => {
      drafts.draft(shortageIds, today(), t.actor());
      return draftsChanged(['shortages']);
    },
    'purchasing.drafts': ({ status }) => drafts.list(status, today()),
    'purchasing.updateDraftLine': (input) => {
      drafts.updateLine(input, today(), t.actor());
      return draftsChanged([]);
    },
    'purchasing.sendDraft': ({ draftId }) => {
      drafts.send(draftId, getSettings(db), t.actor());
      return draftsChanged(['shortages', 'outbox']);
    },
    'purchasing.cancelDraft': ({ draftId }) => {
      drafts.cancel(draftId, t.actor());
      return draftsChanged(['shortages']);
    },
    'purchasing.transfer': ({ shortageId, fromWarehouseId }) => {
      purchasing.transfer(shortageId, fromWarehouseId, today(), t.actor());
      t.changed(['outbox', 'stock', 'operations']);
      return shortagesChanged();
    },
    'purchasing.receipts': ({ shortageId }) => purchasing.receipts(shortageId),
    'purchasing.cover': ({ shortageId, receiptId }) => {
      purchasing.cover(shortageId, receiptId, t.actor());
      return shortagesChanged();
    },
    'purchasing.dismiss': ({ shortageId, reason }) => {
      purchasing.dismiss(shortageId, reason, t.actor());
      return shortagesChanged();
    },
    'finance.exposure': () => exposure(db),
    'customers.hold': (input) => {
      const row = holdCustomer(db, input, getSettings(db), t.actor());
      t.changed(['customers', 'opportunities']);
      return row;
    },
    'sync.applyPage': (input) => {
      const result = sync.applyPage(input);
      t.changed(result.revalued > 0 ? [input.entity, 'opportunities'] : [input.entity]);
      return result;
    },
    'sync.cursor': ({ entity }) => readCursor(db, entity),
    'sync.reconcile': (input) => {
      const deactivated = sync.reconcile(input);
      if (deactivated > 0) t.changed([input.entity]);
      return { deactivated };
    },
    'outbox.lease': ({ limit, leaseSeconds }) => sync.lease(limit, leaseSeconds),
    'outbox.ack': ({ id, erpRef }) => {
      const r = sync.ack(id, erpRef);
      t.changed(['outbox', 'operations']);
      return r;
    },
    'outbox.fail': ({ id, error, retryable }) => {
      const r = sync.fail(id, ctx.link.scrub(error), retryable);
      t.changed(['outbox']);
      return r;
    },
    'automation.list': () => listAutomationRules(db),
    'automation.save': (input) => {
      rules.save(input, t.actor());
      t.changed(['rules']);
      return listAutomationRules(db);
    },
    'automation.delete': ({ id }) => {
      rules.remove(id, t.actor());
      t.changed(['rules']);
      return listAutomationRules(db);
    },
  };
}
