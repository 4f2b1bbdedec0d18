import type { Db } from '../../db/client';
import { auditChanges, writeAudit } from '../../db/queries/audit';
import { currentStage, writeStageMove } from '../../db/queries/opportunity-stage';
import { activeStageIds, getStage, insertStage, opportunityIdsInStage, stageWithCount, updateStage } from '../../db/queries/stages';
import type { Output, ParsedInput } from '../shared/contract';
import { AppError, notFound } from '../shared/errors';
import type { Automation, Notice } from './automation';

export type Actor = { userId: number | null; at: string };

function requireStage(db: Db, id: number, field = 'id') {
  const s = getStage(db, id);
  if (!s || !s.active) throw new AppError('not_found', `Stage ${id} does not exist`, { issues: [{ path: field, message: 'unknown stage' }] });
  return s;
}

/** The pipeline's stages and the moves of deals between them; every change audited, in one transaction. */
export function createPipeline(db: Db, automation?: Automation) {
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn)();

  /** Moves a deal and runs the stages' automation in the same transaction: a blocked check undoes the move. */
  const moveStage = (opportunityId: number, toStageId: number, actor: Actor): { moved: boolean; notices: Notice[] } =>
    tx(() => {
      const current = currentStage(db, opportunityId);
      if (!current) throw notFound('Opportunity', opportunityId);
      const to = requireStage(db, toStageId, 'toStageId');
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
      auditChanges(db, base, { stageId: current.stageId, probability: current.probability }, { stageId: to.id, probability: to.probability });
      const notices = automation ? automation.onStageChange(opportunityId, getStage(db, current.stageId)!, to, actor) : [];
      return { moved: true, notices };
    });

  return {
    moveStage,

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
            issues: [{ path: 'moveTo', message: `required: ${deals.length} opportunities are in this stage` }],
            count: deals.length,
          });
        }
        if (moveTo === id)
          throw new AppError('invalid_input', 'Invalid input for stages.delete: moveTo: must be another stage', {
            issues: [{ path: 'moveTo', message: 'must be another stage' }],
          });
        if (moveTo !== undefined) requireStage(db, moveTo, 'moveTo');
        for (const deal of deals) moveStage(deal, moveTo!, actor);
        updateStage(db, id, { active: false });
        writeAudit(db, { entity: 'stage', entityId: id, action: 'delete', by: actor.userId, at: actor.at, source: 'user' });
        return deals.length;
      }),
  };
}
