import type { Db } from '../../db/client';
import { auditChanges, writeAudit } from '../../db/queries/audit';
import { currentStage, writeLostReason, writeStageMove } from '../../db/queries/opportunity-stage';
import { activeStageIds, getStage, type StageRow, insertStage, opportunityIdsInStage, stageWithCount, updateStage } from '../../db/queries/stages';
import { readDealEffects, type DealEffects } from '../../db/queries/deal-effects';
import type { MovePreview, Output, ParsedInput } from '../shared/contract';
import { AppError, notFound } from '../shared/errors';
import type { Automation, Notice } from './automation';
import type { Actor } from './context';

type Lost = { reason: string; note: string } | null;
/** Thrown to roll a preview's transaction back once its effects are read. */
class Rollback extends Error {}

/** The difference two readings of a deal make: what a move took, gave back and asked. */
function describeEffects(before: DealEffects, after: DealEffects, notices: Notice[]) {
  const added = (a: string[], b: string[]) => {
    const rest = [...a];
    return b.filter((x) => {
      const i = rest.indexOf(x);
      return i >= 0 ? (rest.splice(i, 1), false) : true;
    });
  };
  const saleOrder =
    after.cancellations > before.cancellations
      ? ('cancellation' as const)
      : before.saleOrder === 'none' && after.saleOrder !== 'none'
        ? ('queued' as const)
        : before.saleOrder !== 'none' && after.saleOrder === 'none'
          ? ('cancelled' as const)
          : null;
  return {
    reservedLines: Math.max(after.reservedLines - before.reservedLines, 0),
    shortages: Math.max(after.shortages - before.shortages, 0),
    released: Math.max(before.reservations - after.reservations, 0),
    cancelledShortages: Math.max(before.shortages - after.shortages, 0),
    saleOrder,
    approvals: added(before.pendingApprovals, after.pendingApprovals),
    tasks: added(before.openTasks, after.openTasks),
    notices: notices.map((n) => n.role),
  };
}

function requireStage(db: Db, id: number, field = 'id') {
  const s = getStage(db, id);
  if (!s || !s.active)
    throw new AppError('not_found', `Stage ${id} does not exist`, { issues: [{ path: field, message: 'unknown stage', reason: 'unknown' }] });
  return s;
}

/** The pipeline's stages and the moves of deals between them; every change audited, in one transaction. */
export function createPipeline(db: Db, automation?: Automation) {
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn)();

  /** Moves a deal and runs the stages' automation in the same transaction: a blocked check undoes the move. */
  const applyMove = (opportunityId: number, to: StageRow, actor: Actor, lost: Lost): { moved: boolean; notices: Notice[] } =>
    tx(() => {
      const current = currentStage(db, opportunityId);
      if (!current) throw notFound('Opportunity', opportunityId);
      if (current.stageId === to.id) return { moved: false, notices: [] };
      writeStageMove(db, {
        opportunityId,
        fromStageId: current.stageId,
        toStageId: to.id,
        probability: to.probability,
        at: actor.at,
        by: actor.userId,
      });
      const base = { entity: 'opportunity', entityId: opportunityId, by: actor.userId, at: actor.at, source: 'user' as const };
      const before = { stageId: current.stageId, probability: current.probability, lostReason: current.lostReason, lostNote: current.lostNote };
      const after = { stageId: to.id, probability: to.probability, lostReason: lost?.reason ?? null, lostNote: lost?.note ?? null };
      writeLostReason(db, opportunityId, after.lostReason, after.lostNote);
      auditChanges(db, base, before, after);
      const notices = automation ? automation.onStageChange(opportunityId, getStage(db, current.stageId)!, to, actor) : [];
      return { moved: true, notices };
    });

  /** A move asked by a user: a lost deal says why, with one of the company's reasons. */
  const moveStage = (input: ParsedInput<'pipeline.moveStage'>, actor: Actor, reasons: string[]) => {
    const to = requireStage(db, input.toStageId, 'toStageId');
    if (to.kind !== 'lost') return applyMove(input.opportunityId, to, actor, null);
    if (!input.lostReason || !reasons.includes(input.lostReason))
      throw new AppError('invalid_input', `Invalid input for pipeline.moveStage: lostReason: say why the deal is lost (${reasons.join(', ')})`, {
        reason: 'move.lostReason',
        issues: [{ path: 'lostReason', message: input.lostReason ? 'not one of the company’s reasons' : 'required when the deal is lost' }],
        reasons,
      });
    return applyMove(input.opportunityId, to, actor, { reason: input.lostReason, note: input.lostNote });
  };

  /** What the move would do: it runs and is rolled back, so the answer is the automation's own. */
  const previewMove = (opportunityId: number, toStageId: number, actor: Actor, reasons: string[]): MovePreview => {
    const to = requireStage(db, toStageId, 'toStageId');
    const from = currentStage(db, opportunityId);
    if (!from) throw notFound('Opportunity', opportunityId);
    const before = readDealEffects(db, opportunityId);
    let outcome: { after: DealEffects; notices: Notice[] } = { after: before, notices: [] };
    let blocked: MovePreview['blocked'] = null;
    try {
      tx(() => {
        const { notices } = applyMove(opportunityId, to, actor, null);
        outcome = { after: readDealEffects(db, opportunityId), notices };
        throw new Rollback('preview');
      });
    } catch (err) {
      if (!(err instanceof Rollback) && !(err instanceof AppError && err.details?.blocked)) throw err;
      if (err instanceof AppError)
        blocked = { check: typeof err.details?.check === 'string' ? err.details.check : null, message: err.message, details: err.details };
    }
    const effects = describeEffects(before, outcome.after, outcome.notices);
    const rules = automation?.runsOn(from.stageId, to.id) ?? false;
    const changes = effects.reservedLines + effects.shortages + effects.released + effects.cancelledShortages + effects.approvals.length;
    return {
      toStage: to.name,
      kind: to.kind,
      confirm: from.stageId !== to.id && (to.kind !== 'open' || rules || changes > 0 || effects.saleOrder !== null || blocked !== null),
      blocked,
      ...effects,
      lostReasons: to.kind === 'lost' ? reasons : [],
    };
  };

  return {
    moveStage,
    previewMove,

    create: (input: ParsedInput<'stages.create'>, actor: Actor): Output<'stages.create'> =>
      tx(() => {
        const id = insertStage(db, input);
        writeAudit(db, { entity: 'stage', entityId: id, action: 'create', newValue: input, by: actor.userId, at: actor.at, source: 'user' });
        return stageWithCount(db, id);
      }),

    update: ({ id, ...changes }: ParsedInput<'stages.update'>, actor: Actor): Output<'stages.update'> =>
      tx(() => {
        const before = requireStage(db, id);
        updateStage(db, id, changes);
        auditChanges(db, { entity: 'stage', entityId: id, by: actor.userId, at: actor.at, source: 'user' }, before, changes);
        return stageWithCount(db, id);
      }),

    reorder: (ids: number[], actor: Actor) =>
      tx(() => {
        const active = activeStageIds(db);
        const same = ids.length === active.length && new Set(ids).size === ids.length && ids.every((i) => active.includes(i));
        if (!same)
          throw new AppError('invalid_input', 'Invalid input for stages.reorder: ids: give every active stage exactly once', {
            reason: 'stages.everyOnce',
            issues: [{ path: 'ids', message: 'give every active stage exactly once' }],
          });
        ids.forEach((id, i) => {
          const before = getStage(db, id)!;
          if (before.position === i + 1) return;
          updateStage(db, id, { position: i + 1 });
          writeAudit(db, {
            entity: 'stage',
            entityId: id,
            action: 'update',
            field: 'position',
            oldValue: before.position,
            newValue: i + 1,
            by: actor.userId,
            at: actor.at,
            source: 'user',
          });
        });
      }),

    /** A stage in use is deleted only when its deals are moved to another stage, each move recorded. */
    remove: ({ id, moveTo }: ParsedInput<'stages.delete'>, actor: Actor): number =>
      tx(() => {
        requireStage(db, id);
        const deals = opportunityIdsInStage(db, id);
        if (deals.length > 0 && moveTo === undefined) {
          throw new AppError('conflict', `Stage ${id} holds ${deals.length} opportunities: say which stage they move to (moveTo)`, {
            reason: 'stages.moveToRequired',
            issues: [{ path: 'moveTo', message: `required: ${deals.length} opportunities are in this stage` }],
            count: deals.length,
          });
        }
        if (moveTo === id)
          throw new AppError('invalid_input', 'Invalid input for stages.delete: moveTo: must be another stage', {
            reason: 'stages.otherStage',
            issues: [{ path: 'moveTo', message: 'must be another stage' }],
          });
        if (moveTo !== undefined) requireStage(db, moveTo, 'moveTo');
        for (const deal of deals) applyMove(deal, requireStage(db, moveTo!, 'moveTo'), actor, null);
        updateStage(db, id, { active: false });
        writeAudit(db, { entity: 'stage', entityId: id, action: 'delete', by: actor.userId, at: actor.at, source: 'user' });
        return deals.length;
      }),
  };
}
