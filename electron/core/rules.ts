import type { Db } from '../../db/client';
import { writeAudit } from '../../db/queries/audit';
import * as q from '../../db/queries/rules';
import type { ParsedInput } from '../shared/contract';
import { AppError, notFound } from '../shared/errors';
import type { Actor } from './context';

const unknownScope = (scope: string, id: number) =>
  new AppError('not_found', `${scope === 'category' ? 'Product category' : 'Customer'} ${id} does not exist`, {
    issues: [{ path: 'scopeId', message: `unknown ${scope}`, reason: 'unknown' }],
  });

/** Margin rules (company, category, customer): set and removed in one transaction each, every change audited. */
export function createMarginRules(db: Db) {
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn)();
  const audit = (id: number, a: Actor, action: 'create' | 'update' | 'delete', oldValue: unknown, newValue: unknown) =>
    writeAudit(db, { entity: 'rule', entityId: id, action, oldValue, newValue, by: a.userId, at: a.at, source: 'user' });
  const figures = (r: { scope: string; scopeId: number | null; targetRate: number; minimumRate: number }) => ({
    scope: r.scope,
    scopeId: r.scopeId,
    targetRate: r.targetRate,
    minimumRate: r.minimumRate,
  });

  return {
    save: (input: ParsedInput<'marginRules.save'>, a: Actor): void =>
      tx(() => {
        if (input.scope === 'category' && !q.categoryExists(db, input.scopeId!)) throw unknownScope('category', input.scopeId!);
        if (input.scope === 'customer' && !q.customerExists(db, input.scopeId!)) throw unknownScope('customer', input.scopeId!);
        const id = q.findMarginRuleId(db, input.scope, input.scopeId);
        if (id === undefined) {
          const created = q.insertMarginRule(db, { ...input, at: a.at });
          audit(created, a, 'create', null, figures(input));
          return;
        }
        const before = q.getMarginRule(db, id)!;
        const same = before.active === 1 && before.targetRate === input.targetRate && before.minimumRate === input.minimumRate;
        if (same) return;
        q.writeMarginRule(db, id, { targetRate: input.targetRate, minimumRate: input.minimumRate, active: true, at: a.at });
        audit(id, a, before.active === 1 ? 'update' : 'create', before.active === 1 ? figures(before) : null, figures(input));
      }),

    /** Removes a category or customer rule; its deals fall back to the next rule. The company default stays. */
    remove: (id: number, a: Actor): void =>
      tx(() => {
        const before = q.getMarginRule(db, id);
        if (!before || before.active !== 1) throw notFound('Margin rule', id);
        if (before.scope === 'company')
          throw new AppError('conflict', 'The company margin rule is the default of every deal: change its figures, it cannot be removed', {
            reason: 'rules.companyKept',
            issues: [{ path: 'id', message: 'the company rule cannot be removed' }],
          });
        q.writeMarginRule(db, id, { targetRate: before.targetRate, minimumRate: before.minimumRate, active: false, at: a.at });
        audit(id, a, 'delete', figures(before), null);
      }),
  };
}
