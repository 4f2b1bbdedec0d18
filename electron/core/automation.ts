import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { decideApproval } from '../../db/queries/approvals';
import { writeAudit } from '../../db/queries/audit';
import * as ops from '../../db/queries/operations';
import { readCategoryParents } from '../../db/queries/rules';
import { readHandlingDays } from '../../db/queries/settings';
import type { StageRow } from '../../db/queries/stages';
import { automationRuleInput, type AutomationAction } from '../shared/contract';
import { categoryPath } from '../shared/domain/guards';
import { AppError } from '../shared/errors';
import { runStep, type Notice, type StepContext, type View } from './automation-steps';
import type { Actor } from './context';

type Rule = {
  id: number;
  stageId: number;
  trigger: 'enter' | 'leave';
  conditions: { minAmount?: number; customerIds?: number[]; categoryIds?: number[] };
  actions: AutomationAction[];
};

/**
 * Stage automation (DESIGN.md §2.4): the rules of the stage a deal enters (or leaves) run step by
 * step inside the stage move's transaction. A blocking check throws and the move is undone; a
 * check that needs an approval parks the run, which resumes at that step once it is granted.
 * Every step writes a timeline entry; every step is idempotent, so a re-run takes nothing twice.
 */
/** A stored rule, checked against the contract again (a damaged row fails loudly, it never half runs). */
export function parseRule(row: ops.AutomationRuleRow): Rule {
  const p = automationRuleInput.parse({ ...(JSON.parse(row.params) as object), stageId: row.stageId });
  return { id: row.id, stageId: row.stageId, trigger: p.trigger, conditions: p.conditions, actions: p.actions };
}

const isCheck = (a: AutomationAction) => a.type === 'check_credit' || a.type === 'check_margin';

export function createAutomation(db: Db, view: (id: number) => View) {
  const rulesOf = (stageId: number, trigger: 'enter' | 'leave'): Rule[] =>
    ops
      .automationRules(db, stageId)
      .filter((r) => r.active === 1)
      .map(parseRule)
      .filter((r) => r.trigger === trigger);

  const matches = (rule: Rule, deal: ops.DealForOps): boolean => {
    const c = rule.conditions;
    if (c.minAmount !== undefined && deal.amount < c.minAmount) return false;
    if (c.customerIds?.length && !c.customerIds.includes(deal.customerId)) return false;
    if (c.categoryIds?.length) {
      const parents = readCategoryParents(db);
      const lines = ops.linesForOps(db, deal.id);
      if (!lines.some((l) => categoryPath(l.categoryId, parents).some((id) => c.categoryIds!.includes(id)))) return false;
    }
    return true;
  };

  const context = (deal: ops.DealForOps, actor: Actor, notices: Notice[]): StepContext => {
    return {
      db,
      deal,
      actor,
      notices,
      today: actor.at.slice(0, 10),
      handlingDays: readHandlingDays(db),
      // figures change as steps write (reservations): each check reads them fresh
      view: () => view(deal.id),
    };
  };

  const timeline = (deal: ops.DealForOps, actor: Actor, step: string, data: Record<string, unknown>) =>
    ops.insertTimeline(db, { opportunityId: deal.id, customerId: deal.customerId, step, data, at: actor.at, by: actor.userId });

  /**
   * Runs the steps of a rule from `from`; true when it stopped to wait for an approval. A resumed
   * run (`recheck`) first runs again the checks before `from`: the hold, the credit and the margin
   * are judged as they stand when it resumes, not as they stood when it stopped.
   */
  function execute(runId: number, rule: Rule, deal: ops.DealForOps, from: number, actor: Actor, notices: Notice[], recheck = false): boolean {
    const ctx = context(deal, actor, notices);
    for (let i = recheck ? 0 : from; i < rule.actions.length; i++) {
      const action = rule.actions[i]!;
      if (i < from && !isCheck(action)) continue;
      const outcome = runStep(ctx, action);
      timeline(deal, actor, action.type, { ...outcome.data, ruleId: rule.id, step: i + 1, ...(i < from ? { recheck: true } : {}) });
      if (outcome.wait !== undefined) {
        ops.updateRun(db, runId, { status: 'awaiting_approval', nextStep: i, approvalId: outcome.wait, at: actor.at });
        ops.setOpsState(db, deal.id, 'awaiting_approval', actor.at);
        return true;
      }
    }
    ops.updateRun(db, runId, { status: 'done', nextStep: rule.actions.length, at: actor.at });
    if (rule.trigger === 'enter') ops.setOpsState(db, deal.id, 'committed', actor.at);
    return false;
  }

  function start(rule: Rule, deal: ops.DealForOps, actor: Actor, notices: Notice[]) {
    if (!matches(rule, deal)) return;
    const runId = ops.insertRun(db, {
      opportunityId: deal.id,
      ruleId: rule.id,
      stageId: rule.stageId,
      trigger: rule.trigger,
      at: actor.at,
      by: actor.userId,
    });
    execute(runId, rule, deal, 0, actor, notices);
  }

  /** Gives back what the deal took: reservations, open shortages, the sale order (cancelled, or its cancellation queued). */
  function release(deal: ops.DealForOps, actor: Actor): void {
    const audit = (entity: string, entityId: number, oldValue: unknown, newValue: unknown) =>
      writeAudit(db, {
        entity,
        entityId,
        action: 'update',
        field: 'status',
        oldValue,
        newValue,
        by: actor.userId,
        at: actor.at,
        source: 'automation',
      });
    const reservations = ops.activeReservations(db, deal.id);
    for (const r of reservations) {
      ops.releaseReservation(db, r.id, actor.at);
      audit('reservation', r.id, 'active', 'released');
    }
    const shortages = ops.openShortages(db, deal.id);
    for (const s of shortages) {
      ops.setShortageStatus(db, s.id, 'cancelled', actor.at);
      audit('shortage', s.id, 'open', 'cancelled');
    }
    const subject = `opportunity:${deal.id}`;
    const order = ops.liveOutbox(db, subject, 'sale_order');
    let saleOrder: string | null = null;
    if (order && (order.status === 'pending' || order.status === 'failed')) {
      ops.cancelOutbox(db, order.id);
      saleOrder = 'cancelled before sending';
    } else if (order && !ops.liveOutbox(db, subject, 'cancellation')) {
      ops.insertOutbox(db, {
        uuid: randomUUID(),
        kind: 'cancellation',
        subject,
        payload: { of: order.uuid, erpRef: order.erpRef, reference: deal.reference },
        at: actor.at,
      });
      saleOrder = 'cancellation queued';
    }
    for (const run of ops.waitingRuns(db, deal.id)) {
      ops.updateRun(db, run.id, { status: 'cancelled', nextStep: run.nextStep, approvalId: run.approvalId, at: actor.at });
      if (run.approvalId !== null)
        decideApproval(db, run.approvalId, { status: 'withdrawn', by: actor.userId, at: actor.at, comment: 'deal moved back' });
    }
    ops.setOpsState(db, deal.id, 'released', actor.at);
    timeline(deal, actor, 'release', { reservations: reservations.length, shortages: shortages.length, saleOrder });
  }

  return {
    /** Whether a move between these stages has rules to run (leaving one, entering the other). */
    runsOn: (fromStageId: number, toStageId: number): boolean => rulesOf(fromStageId, 'leave').length + rulesOf(toStageId, 'enter').length > 0,

    /** Inside the stage move's transaction: release when going back or to lost, then leave and enter rules. */
    onStageChange(opportunityId: number, from: StageRow, to: StageRow, actor: Actor): Notice[] {
      const notices: Notice[] = [];
      const deal = ops.dealForOps(db, opportunityId)!;
      const backwards = to.kind === 'lost' || to.position < from.position;
      if (backwards && (deal.opsState === 'committed' || deal.opsState === 'awaiting_approval' || ops.activeReservations(db, deal.id).length > 0))
        release(deal, actor);
      for (const rule of rulesOf(from.id, 'leave')) start(rule, ops.dealForOps(db, opportunityId)!, actor, notices);
      for (const rule of rulesOf(to.id, 'enter')) start(rule, ops.dealForOps(db, opportunityId)!, actor, notices);
      return notices;
    },

    /** An approval was granted: the runs waiting for it go on from the step that stopped. */
    resume(approvalId: number, actor: Actor): Notice[] {
      const notices: Notice[] = [];
      for (const run of ops.runsWaitingFor(db, approvalId)) {
        const rule = ops.automationRules(db).find((r) => r.id === run.ruleId);
        if (!rule) continue;
        const parsed = parseRule(rule);
        const deal = ops.dealForOps(db, run.opportunityId)!;
        try {
          // a savepoint: a check that blocks now undoes what this run wrote, the decision itself stands
          db.$client.transaction(() => {
            ops.updateRun(db, run.id, { status: 'running', nextStep: run.nextStep, at: actor.at });
            execute(run.id, parsed, deal, run.nextStep, actor, notices, true);
          })();
        } catch (err) {
          if (!(err instanceof AppError && err.details?.blocked)) throw err;
          ops.updateRun(db, run.id, { status: 'cancelled', nextStep: run.nextStep, approvalId, at: actor.at });
          ops.setOpsState(db, deal.id, null, actor.at);
          timeline(deal, actor, 'resume_blocked', { approvalId, check: err.details.check, message: err.message });
          notices.push({
            role: 'trader',
            title: `${deal.reference} : automatisation arrêtée — ${err.message}`,
            opportunityId: deal.id,
            reference: deal.reference,
          });
        }
      }
      return notices;
    },

    /** Runs the current stage's rules again (after a receipt, a hold lifted…): idempotent, it takes only what is still missing. */
    rerun(opportunityId: number, stage: StageRow, actor: Actor): Notice[] {
      const notices: Notice[] = [];
      if (ops.waitingRuns(db, opportunityId).some((r) => r.status === 'awaiting_approval'))
        throw new AppError('conflict', 'This deal is waiting for an approval: its automation goes on once it is decided', {
          reason: 'automation.waiting',
        });
      for (const rule of rulesOf(stage.id, 'enter')) start(rule, ops.dealForOps(db, opportunityId)!, actor, notices);
      return notices;
    },

    /**
     * Brings deals that sit in a stage with rules, but never ran them (written by the demo or
     * pulled from elsewhere), to where the rules would have taken them: one transaction per deal,
     * as its owner; a deal a check blocks stays as it is. Returns how many were committed or waiting.
     */
    catchUp(at: string): number {
      const pending = db.$client
        .prepare(
          `SELECT o.id, o.stage_id AS stageId, o.owner_id AS ownerId FROM opportunities o
           WHERE o.ops_state IS NULL AND o.stage_id IN (SELECT scope_id FROM rules WHERE kind = 'automation' AND scope = 'stage' AND active = 1)
           ORDER BY o.stage_entered_at, o.id`,
        )
        .all() as { id: number; stageId: number; ownerId: number | null }[];
      let done = 0;
      for (const d of pending) {
        try {
          db.$client.transaction(() => {
            for (const rule of rulesOf(d.stageId, 'enter')) start(rule, ops.dealForOps(db, d.id)!, { userId: d.ownerId, at }, []);
          })();
          done++;
        } catch (err) {
          if (!(err instanceof AppError && err.details?.blocked)) throw err;
        }
      }
      return done;
    },

    /** A refusal ends the runs waiting for it; the deal stays where it is, the trader decides what next. */
    refused(approvalId: number, actor: Actor): void {
      for (const run of ops.runsWaitingFor(db, approvalId)) {
        ops.updateRun(db, run.id, { status: 'cancelled', nextStep: run.nextStep, approvalId, at: actor.at });
        const deal = ops.dealForOps(db, run.opportunityId)!;
        ops.setOpsState(db, deal.id, null, actor.at);
        timeline(deal, actor, 'approval_refused', { approvalId });
      }
    },
  };
}

export type Automation = ReturnType<typeof createAutomation>;
export type { Notice };
