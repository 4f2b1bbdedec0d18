import { z } from 'zod';
import { id, isoStamp } from './common';

/** A margin threshold in basis points: 0 to 100 %. */
const marginRate = z
  .number()
  .int('a rate is a whole number of basis points')
  .min(0, 'a margin rate cannot be negative')
  .max(10_000, 'a margin rate cannot exceed 100 %');
export const ruleScope = z.enum(['company', 'category', 'customer']);

export const marginRule = z.object({
  id,
  scope: ruleScope,
  scopeId: id.nullable(),
  scopeCode: z.string().nullable(),
  scopeName: z.string().nullable(),
  targetRate: marginRate,
  minimumRate: marginRate,
  updatedAt: isoStamp,
});
export type MarginRuleView = z.infer<typeof marginRule>;

/** Sets the rule of one scope (created if absent). The company rule has no scopeId; the others need one. */
export const marginRuleSaveInput = z
  .object({ scope: ruleScope, scopeId: id.nullable().default(null), targetRate: marginRate, minimumRate: marginRate })
  .strict()
  .superRefine((r, ctx) => {
    if (r.minimumRate > r.targetRate)
      ctx.addIssue({
        code: 'custom',
        path: ['minimumRate'],
        message: 'the minimum cannot be above the target',
        params: { reason: 'minAboveTarget' },
      });
    if (r.scope === 'company' && r.scopeId !== null)
      ctx.addIssue({ code: 'custom', path: ['scopeId'], message: 'the company rule has no scope id', params: { reason: 'companyNoScope' } });
    if (r.scope !== 'company' && r.scopeId === null)
      ctx.addIssue({
        code: 'custom',
        path: ['scopeId'],
        message: `a ${r.scope} rule needs the ${r.scope}`,
        params: { reason: `scopeNeeded.${r.scope}` },
      });
  });

export const category = z.object({ id, code: z.string(), name: z.string(), parentId: id.nullable() });
