import { z } from 'zod';

/** AG Grid's column filter models, as the grid sends them; values are in display units. */
const textType = z.enum(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank']);
const scalarType = z.enum(['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange', 'blank', 'notBlank']);
const gridDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, 'expected a date YYYY-MM-DD')
  .nullable()
  .optional();

export const textCondition = z.object({
  filterType: z.literal('text'),
  type: textType,
  filter: z.string().max(200).nullable().optional(),
});
export const numberCondition = z.object({
  filterType: z.literal('number'),
  type: scalarType,
  filter: z.number().finite().nullable().optional(),
  filterTo: z.number().finite().nullable().optional(),
});
export const dateCondition = z.object({
  filterType: z.literal('date'),
  type: scalarType,
  dateFrom: gridDate,
  dateTo: gridDate,
});

function combined<T extends z.ZodObject>(condition: T, filterType: string) {
  return z.object({
    filterType: z.literal(filterType),
    operator: z.enum(['AND', 'OR']),
    conditions: z.array(condition).min(1).max(10),
  });
}

export const columnFilter = z.union([
  textCondition,
  numberCondition,
  dateCondition,
  combined(textCondition, 'text'),
  combined(numberCondition, 'number'),
  combined(dateCondition, 'date'),
]);

export type TextCondition = z.infer<typeof textCondition>;
export type NumberCondition = z.infer<typeof numberCondition>;
export type DateCondition = z.infer<typeof dateCondition>;
export type ColumnFilter = z.infer<typeof columnFilter>;
export const sortDirection = z.enum(['asc', 'desc']);

const NO_VALUE = new Set(['blank', 'notBlank']);

/** Checks a filter fits its column's kind and carries the values its type needs. */
export function checkColumnFilter(model: ColumnFilter, kind: 'text' | 'number' | 'date', path: (string | number)[], ctx: z.RefinementCtx): void {
  if (model.filterType !== kind) {
    ctx.addIssue({ code: 'custom', path: [...path, 'filterType'], message: `expected a ${kind} filter, got ${model.filterType}` });
    return;
  }
  const conditions = 'conditions' in model ? model.conditions.map((c, i) => ({ c, p: [...path, 'conditions', i] })) : [{ c: model, p: path }];
  for (const { c, p } of conditions) {
    if (NO_VALUE.has(c.type)) continue;
    const [from, to] = c.filterType === 'date' ? ['dateFrom', 'dateTo'] : ['filter', 'filterTo'];
    const values = c as Record<string, unknown>;
    if (values[from] === undefined || values[from] === null || values[from] === '') {
      ctx.addIssue({ code: 'custom', path: [...p, from], message: `a value is required for "${c.type}"` });
    } else if (c.type === 'inRange' && (values[to] === undefined || values[to] === null)) {
      ctx.addIssue({ code: 'custom', path: [...p, to], message: 'an upper bound is required for "inRange"' });
    }
  }
}
