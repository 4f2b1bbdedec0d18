import type { ColumnFilter, DateCondition, NumberCondition, TextCondition } from '../../electron/shared/contract';
import { foldForSearch } from '../../electron/shared/text';

export type Fragment = { sql: string; params: unknown[] };
export type ColumnKind =
  | { kind: 'text'; expr: string }
  /** toStorage converts the value the user typed (display units) to what `expr` holds. */
  | { kind: 'number'; expr: string; toStorage: (v: number) => number }
  | { kind: 'date'; expr: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/*
 * Models arrive checked by the contract (shared/contract/grid-filter: checkColumnFilter): the
 * filter kind fits the column and every value its type needs is there.
 */

function textSql(expr: string, c: TextCondition): Fragment {
  if (c.type === 'blank') return { sql: `(${expr} IS NULL OR ${expr} = '')`, params: [] };
  if (c.type === 'notBlank') return { sql: `(${expr} IS NOT NULL AND ${expr} != '')`, params: [] };
  const text = c.filter ?? '';
  const term = escapeLike(foldForSearch(text));
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
      return { sql: `${f} = ?`, params: [foldForSearch(text)] };
    case 'notEqual':
      return { sql: `(${expr} IS NULL OR ${f} != ?)`, params: [foldForSearch(text)] };
  }
}

const OPS = { equals: '=', notEqual: '!=', lessThan: '<', lessThanOrEqual: '<=', greaterThan: '>', greaterThanOrEqual: '>=' } as const;

function scalarSql(expr: string, type: NumberCondition['type'], from: unknown, to: unknown): Fragment {
  if (type === 'blank') return { sql: `${expr} IS NULL`, params: [] };
  if (type === 'notBlank') return { sql: `${expr} IS NOT NULL`, params: [] };
  if (type === 'inRange') return { sql: `${expr} BETWEEN ? AND ?`, params: [from, to] };
  return { sql: `${expr} ${OPS[type]} ?`, params: [from] };
}

function numberSql(col: ColumnKind & { kind: 'number' }, c: NumberCondition): Fragment {
  const conv = (v: number | null | undefined) => (v === null || v === undefined ? v : col.toStorage(v));
  return scalarSql(col.expr, c.type, conv(c.filter), conv(c.filterTo));
}

function dateSql(col: ColumnKind & { kind: 'date' }, c: DateCondition): Fragment {
  const day = (v: string | null | undefined) => (v ? v.slice(0, 10) : v);
  return scalarSql(`substr(${col.expr}, 1, 10)`, c.type, day(c.dateFrom), day(c.dateTo));
}

function conditionSql(col: ColumnKind, c: TextCondition | NumberCondition | DateCondition): Fragment {
  if (col.kind === 'text') return textSql(col.expr, c as TextCondition);
  if (col.kind === 'number') return numberSql(col, c as NumberCondition);
  return dateSql(col, c as DateCondition);
}

/** Turns one AG Grid column filter model into a parameterized SQL condition. */
export function columnFilterSql(col: ColumnKind, model: ColumnFilter): Fragment {
  if ('conditions' in model) {
    const parts = model.conditions.map((c) => conditionSql(col, c));
    return { sql: `(${parts.map((p) => p.sql).join(` ${model.operator} `)})`, params: parts.flatMap((p) => p.params) };
  }
  return conditionSql(col, model);
}
