import type { ColumnFilter, DateCondition, NumberCondition, TextCondition } from '../../electron/shared/contract';
import { AppError } from '../../electron/shared/errors';
import { foldForSearch } from '../../electron/shared/text';

export type Fragment = { sql: string; params: unknown[] };
export type ColumnKind =
  | { kind: 'text'; expr: string }
  /** toStorage converts the value the user typed (display units) to what `expr` holds. */
  | { kind: 'number'; expr: string; toStorage: (v: number) => number }
  | { kind: 'date'; expr: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function textSql(expr: string, c: TextCondition, col: string): Fragment {
  if (c.type === 'blank') return { sql: `(${expr} IS NULL OR ${expr} = '')`, params: [] };
  if (c.type === 'notBlank') return { sql: `(${expr} IS NOT NULL AND ${expr} != '')`, params: [] };
  if (c.filter == null || c.filter === '')
    throw new AppError('invalid_input', `Filter on ${col}: a text is required for "${c.type}"`, {
      issues: [{ path: `filters.${col}.filter`, message: 'required' }],
    });
  const term = escapeLike(foldForSearch(c.filter));
  const f = `fold(${expr})`;
  switch (c.type) {
    case 'contains':
      return { sql: `${f} LIKE ? ESCAPE '\\'`, params: [`%${term}%`] };
    case 'notContains':
      return { sql: `(${expr} IS NULL OR ${f} NOT LIKE ? ESCAPE '\\')`, params: [`%${term}%`] };
    case 'startsWith':
      return { sql: `${f} LIKE ? ESCAPE '\\'`, params: [`${term}%`] };
    case 'endsWith':
      return { sql: `${f} LIKE ? ESCAPE '\\'`, params: [`%${term}`] };
    case 'equals':
      return { sql: `${f} = ?`, params: [foldForSearch(c.filter)] };
    case 'notEqual':
      return { sql: `(${expr} IS NULL OR ${f} != ?)`, params: [foldForSearch(c.filter)] };
  }
}

const OPS = { equals: '=', notEqual: '!=', lessThan: '<', lessThanOrEqual: '<=', greaterThan: '>', greaterThanOrEqual: '>=' } as const;

function scalarSql(expr: string, type: NumberCondition['type'], from: unknown, to: unknown, col: string, field: string): Fragment {
  if (type === 'blank') return { sql: `${expr} IS NULL`, params: [] };
  if (type === 'notBlank') return { sql: `${expr} IS NOT NULL`, params: [] };
  const missing = (name: string) =>
    new AppError('invalid_input', `Filter on ${col}: a value is required for "${type}"`, {
      issues: [{ path: `filters.${col}.${name}`, message: 'required' }],
    });
  if (from === null || from === undefined) throw missing(field);
  if (type === 'inRange') {
    if (to === null || to === undefined) throw missing(`${field}To`);
    return { sql: `${expr} BETWEEN ? AND ?`, params: [from, to] };
  }
  return { sql: `${expr} ${OPS[type]} ?`, params: [from] };
}

function numberSql(col: ColumnKind & { kind: 'number' }, c: NumberCondition, name: string): Fragment {
  const conv = (v: number | null | undefined) => (v === null || v === undefined ? v : col.toStorage(v));
  return scalarSql(col.expr, c.type, conv(c.filter), conv(c.filterTo), name, 'filter');
}

function dateSql(col: ColumnKind & { kind: 'date' }, c: DateCondition, name: string): Fragment {
  const day = (v: string | null | undefined) => (v ? v.slice(0, 10) : v);
  return scalarSql(`substr(${col.expr}, 1, 10)`, c.type, day(c.dateFrom), day(c.dateTo), name, 'dateFrom');
}

function conditionSql(col: ColumnKind, c: TextCondition | NumberCondition | DateCondition, name: string): Fragment {
  if (c.filterType !== col.kind) {
    throw new AppError('invalid_input', `Filter on ${name}: expected a ${col.kind} filter, got ${c.filterType}`, {
      issues: [{ path: `filters.${name}.filterType`, message: `expected ${col.kind}` }],
    });
  }
  if (col.kind === 'text') return textSql(col.expr, c as TextCondition, name);
  if (col.kind === 'number') return numberSql(col, c as NumberCondition, name);
  return dateSql(col, c as DateCondition, name);
}

/** Turns one AG Grid column filter model into a parameterized SQL condition. */
export function columnFilterSql(col: ColumnKind, model: ColumnFilter, name: string): Fragment {
  if ('conditions' in model) {
    const parts = model.conditions.map((c) => conditionSql(col, c, name));
    return { sql: `(${parts.map((p) => p.sql).join(` ${model.operator} `)})`, params: parts.flatMap((p) => p.params) };
  }
  return conditionSql(col, model, name);
}
