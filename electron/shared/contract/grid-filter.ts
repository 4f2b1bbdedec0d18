import { z } from 'zod';

/** AG Grid's column filter models, as the grid sends them; values are in display units. */
const textType = z.enum(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank']);
const scalarType = z.enum([
  'equals',
  'notEqual',
  'lessThan',
  'lessThanOrEqual',
  'greaterThan',
  'greaterThanOrEqual',
  'inRange',
  'blank',
  'notBlank',
]);
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
