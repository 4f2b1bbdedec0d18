import type { OpportunityColumn, ParsedInput } from '../../electron/shared/contract';
import { money, rate, weightedSql } from '../../electron/shared/money';
import { likeWords } from '../../electron/shared/text';
import { columnFilterSql, type ColumnKind } from './grid-filter-sql';
import { DAYS_IN_STAGE_SQL, STAGE_THRESHOLDS_SQL, STAGNANT_DAYS_SQL } from './stagnation';

export type ListInput = ParsedInput<'opportunities.list'>;
type Join = 'c' | 's' | 'u' | 'th';
type Column = ColumnKind & { join?: Join; also?: Join; nullable?: boolean };

const JOINS: Record<Join, string> = {
  c: 'JOIN customers c ON c.id = o.customer_id',
  s: 'JOIN stages s ON s.id = o.stage_id',
  u: 'LEFT JOIN users u ON u.id = o.owner_id',
  th: `JOIN ${STAGE_THRESHOLDS_SQL} th ON th.stage_id = o.stage_id`,
};

/** Every grid column: the SQL it is sorted and filtered on, and the join it needs. @now is the current instant. */
const COLUMNS: Record<OpportunityColumn, Column> = {
  reference: { kind: 'text', expr: 'o.reference' },
  customerName: { kind: 'text', expr: 'c.name', join: 'c' },
  title: { kind: 'text', expr: 'o.title' },
  ownerName: { kind: 'text', expr: 'u.name', join: 'u', nullable: true },
  stageName: { kind: 'text', expr: 's.name', join: 's' },
  probability: { kind: 'number', expr: 'o.probability', toStorage: (v) => v },
  amount: { kind: 'number', expr: 'o.amount', toStorage: money.fromUnits },
  weightedAmount: { kind: 'number', expr: weightedSql('o.amount', 'o.probability'), toStorage: money.fromUnits },
  marginRate: {
    kind: 'number',
    expr: 'CASE WHEN o.amount = 0 THEN NULL ELSE CAST(round((o.amount - o.cost) * 10000.0 / o.amount) AS INTEGER) END',
    toStorage: rate.fromPercent,
    nullable: true,
  },
  expectedClose: { kind: 'date', expr: 'o.expected_close', nullable: true },
  daysInStage: { kind: 'number', expr: DAYS_IN_STAGE_SQL, toStorage: (v) => v },
  /** days beyond the stage's threshold of a stagnant deal (`isStagnant`); none for the others */
  stagnantDays: { kind: 'number', expr: STAGNANT_DAYS_SQL, join: 's', also: 'th', toStorage: (v) => v, nullable: true },
  nextActivityAt: { kind: 'date', expr: 'o.next_activity_at', nullable: true },
};

const need = (col: Column, joins: Set<Join>) => [col.join, col.also].forEach((j) => j && joins.add(j));

type Where = { sql: string; params: unknown[]; joins: Set<Join> };

/** The WHERE clause of the grid: quick search, stage kinds and column filters. */
function listWhere(input: ListInput): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  const joins = new Set<Join>();
  // every word in the deal or its customer, in any order; customers matched once, not joined per deal
  for (const word of likeWords(input.search ?? '')) {
    parts.push(`(o.search_text LIKE ? ESCAPE '\\' OR o.customer_id IN (SELECT id FROM customers WHERE search_text LIKE ? ESCAPE '\\'))`);
    params.push(word, word);
  }
  if (input.stageKinds?.length) {
    joins.add('s');
    parts.push(`s.kind IN (${input.stageKinds.map(() => '?').join(', ')})`);
    params.push(...input.stageKinds);
  }
  for (const [name, model] of Object.entries(input.filters ?? {})) {
    if (!model) continue;
    const col = COLUMNS[name as OpportunityColumn];
    need(col, joins);
    const f = columnFilterSql(col, model);
    parts.push(f.sql);
    params.push(...f.params);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params, joins };
}

function listOrder(input: ListInput, joins: Set<Join>): string {
  const sort = input.sort?.length ? input.sort : [{ colId: 'reference' as const, sort: 'desc' as const }];
  const terms = sort.map((s) => {
    const col = COLUMNS[s.colId];
    need(col, joins);
    const dir = s.sort === 'asc' ? 'ASC' : 'DESC';
    // NULLs last whatever the direction: a deal without a date is not the most urgent one
    return col.nullable ? `${col.expr} IS NULL, ${col.expr} ${dir}` : `${col.expr} ${dir}`;
  });
  return `ORDER BY ${terms.join(', ')}, o.id ${sort[0]?.sort === 'asc' ? 'ASC' : 'DESC'}`;
}

const from = (joins: Set<Join>) =>
  ['FROM opportunities o', ...(['c', 's', 'u', 'th'] as const).filter((j) => joins.has(j)).map((j) => JOINS[j])].join(' ');

/**
 * The SQL of one page, in two steps: the ids of the page (sorting and filtering on the few
 * columns they need, so indexes serve them), then the rows of those ids. Also the count and totals.
 */
export function listSql(input: ListInput): { ids: string; count: string; params: unknown[] } {
  const where = listWhere(input);
  const countFrom = from(where.joins);
  const order = listOrder(input, where.joins);
  return {
    ids: `SELECT o.id ${from(where.joins)} ${where.sql} ${order} LIMIT ? OFFSET ?`,
    count: `SELECT count(*) AS total, coalesce(sum(o.amount), 0) AS amount, coalesce(sum(${weightedSql('o.amount', 'o.probability')}), 0) AS weighted ${countFrom} ${where.sql}`,
    params: where.params,
  };
}

/** The rows of a page, in the order of the ids given as a JSON array. */
export const ROWS_SQL = `SELECT o.id, o.reference, o.customer_id, c.name AS customer_name, (c.on_hold OR c.credit_hold) AS on_hold, o.title, u.name AS owner_name,
  o.stage_id, s.name AS stage_name, s.kind AS stage_kind, o.probability, o.amount, o.cost, o.guard_state, o.expected_close,
  ${DAYS_IN_STAGE_SQL} AS days_in_stage, ${STAGNANT_DAYS_SQL} AS stagnant_days,
  o.next_activity_at, o.next_activity_title
  FROM json_each(@ids) j JOIN opportunities o ON o.id = j.value ${JOINS.c} ${JOINS.s} ${JOINS.u} ${JOINS.th}
  ORDER BY j.key`;
