import type { Db } from '../../db/client';
import { writeAudit } from '../../db/queries/audit';
import * as ops from '../../db/queries/operations';
import type { AutomationRule, ParsedInput } from '../shared/contract';
import { notFound } from '../shared/errors';
import { parseRule } from './automation';
import { activeStage } from './editing';
import type { Actor } from './context';

export function listAutomationRules(db: Db): AutomationRule[] {
  return ops.automationRules(db).map((row) => {
    const r = parseRule(row);
    return { ...r, stageName: row.stageName, active: row.active === 1, updatedAt: row.updatedAt };
  });
}

/** Stage automation rules: created, changed and removed in one transaction each, audited with old and new figures. */
export function createAutomationRules(db: Db) {
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn)();
  const audit = (id: number, a: Actor, action: 'create' | 'update' | 'delete', oldValue: unknown, newValue: unknown) =>
    writeAudit(db, { entity: 'rule', entityId: id, action, oldValue, newValue, by: a.userId, at: a.at, source: 'user' });
  const find = (id: number) => ops.automationRules(db).find((r) => r.id === id);

  return {
    save: ({ id, stageId, active, ...params }: ParsedInput<'automation.save'>, a: Actor): void =>
      tx(() => {
        activeStage(db, stageId);
        if (id === undefined) {
          const created = ops.insertAutomationRule(db, stageId, params, active, a.at);
          return audit(created, a, 'create', null, { stageId, active, ...params });
        }
        const before = find(id);
        if (!before) throw notFound('Automation rule', id);
        ops.updateAutomationRule(db, id, stageId, params, active, a.at);
        audit(
          id,
          a,
          'update',
          { stageId: before.stageId, active: before.active === 1, ...(JSON.parse(before.params) as object) },
          { stageId, active, ...params },
        );
      }),
    remove: (id: number, a: Actor): void =>
      tx(() => {
        const before = find(id);
        if (!before) throw notFound('Automation rule', id);
        ops.deleteAutomationRule(db, id);
        audit(id, a, 'delete', { stageId: before.stageId, ...(JSON.parse(before.params) as object) }, null);
      }),
  };
}
