import type Database from 'better-sqlite3';
import type { OpportunityColumn, OpportunityRow, ParsedInput, Output } from '../../electron/shared/contract';
import { money, rate, weighted } from '../../electron/shared/money';
import { likePattern } from '../../electron/shared/text';
import type { Db } from '../client';
import { columnFilterSql, type ColumnKind, type Fragment } from './grid-filter-sql';

type ListInput = ParsedInput<'opportunities.list'>;

/** Every grid column: the SQL it is sorted and filtered on. @now is bound to the current instant. */
const COLUMNS: Record<OpportunityColumn, ColumnKind> = {
  reference: { kind: 'text', expr: 'o.reference' },
  customerName: { kind: 'text', expr: 'c.name' },
  title: { kind: 'text', expr: 'o.title' },
  ownerName: { kind: 'text', expr: 'u.name' },
  stageName: { kind: 'text', expr: 's.name' },
  probability: { kind: 'number', expr: 'o.probability', toStorage: (v) => v },
  amount: { kind: 'number', expr: 'o.amount', toStorage: money.fromUnits },
  weightedAmount: { kind: 'number', expr: '(o.amount * o.probability + 50) / 100', toStorage: money.fromUnits },
  marginRate: {
    kind: 'number',
    expr: 'CASE WHEN o.amount = 0 THEN NULL ELSE CAST(round((o.amount - o.cost) * 10000.0 / o.amount) AS INTEGER) END',
    toStorage: rate.fromPercent,
  },
  expectedClose: { kind: 'date', expr: 'o.expected_close' },
  daysInStage: { kind: 'number', expr: 'CAST(julianday(@now) - julianday(o.stage_entered_at) AS INTEGER)', toStorage: (v) => v },
  nextActivityAt: { kind: 'date', expr: 'next_activity_at' },
};

const FROM = `FROM opportunities o
  JOIN customers c ON c.id = o.customer_id
  JOIN stages s ON s.id = o.stage_id
  LEFT JOIN users u ON u.id = o.owner_id`;

const NEXT_ACTIVITY = `(SELECT min(a.due_at) FROM activities a WHERE a.opportunity_id = o.id AND a.done_at IS NULL)`;

export const LIST_SELECT = `SELECT o.id, o.reference, o.customer_id, c.name AS customer_name, c.on_hold, o.title, u.name AS owner_name,
  o.stage_id, s.name AS stage_name, s.kind AS stage_kind, o.probability, o.amount, o.cost, o.expected_close,
  CAST(julianday(@now) - julianday(o.stage_entered_at) AS INTEGER) AS days_in_stage,
  ${NEXT_ACTIVITY} AS next_activity_at,
  (SELECT a.title FROM activities a WHERE a.opportunity_id = o.id AND a.done_at IS NULL ORDER BY a.due_at LIMIT 1) AS next_activity_title`;

type RawRow = {
  id: number;
  reference: string;
  customer_id: number;
  customer_name: string;
  on_hold: number;
  title: string;
  owner_name: string | null;
  stage_id: number;
  stage_name: string;
  stage_kind: 'open' | 'won' | 'lost';
  probability: number;
  amount: number;
  cost: number;
  expected_close: string | null;
  days_in_stage: number;
  next_activity_at: string | null;
  next_activity_title: string | null;
};

export function toRow(r: RawRow): OpportunityRow {
  return {
    id: r.id,
    reference: r.reference,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerOnHold: r.on_hold === 1,
    title: r.title,
    ownerName: r.owner_name,
    stageId: r.stage_id,
    stageName: r.stage_name,
    stageKind: r.stage_kind,
    probability: r.probability,
    amount: r.amount,
    weightedAmount: weighted(r.amount, r.probability),
    marginRate: rate.ratio(r.amount - r.cost, r.amount),
    expectedClose: r.expected_close,
    daysInStage: r.days_in_stage,
    nextActivityAt: r.next_activity_at,
    nextActivityTitle: r.next_activity_title,
  };
}

/** The WHERE clause of the grid: quick search, stage kinds and column filters. */
export function listWhere(input: ListInput): Fragment & { needsNextActivity: boolean } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const search = input.search?.trim();
  if (search) {
    parts.push(`(o.search_text LIKE ? ESCAPE '\\' OR c.search_text LIKE ? ESCAPE '\\')`);
    const p = likePattern(search);
    params.push(p, p);
  }
  if (input.stageKinds?.length) {
    parts.push(`s.kind IN (${input.stageKinds.map(() => '?').join(', ')})`);
    params.push(...input.stageKinds);
  }
  let needsNextActivity = false;
  for (const [name, model] of Object.entries(input.filters ?? {})) {
    if (!model) continue;
    const col = COLUMNS[name as OpportunityColumn];
    if (name === 'nextActivityAt') needsNextActivity = true;
    const f = columnFilterSql(col, model, name);
    parts.push(f.sql);
    params.push(...f.params);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params, needsNextActivity };
}

export function listOrder(input: ListInput): string {
  const sort = input.sort?.length ? input.sort : [{ colId: 'reference' as const, sort: 'desc' as const }];
  const terms = sort.map((s) => {
    const col = COLUMNS[s.colId];
    const expr = col.expr;
    // NULLs last whatever the direction: a deal without a date is not the most urgent one
    return `${expr} IS NULL, ${expr} ${s.sort === 'asc' ? 'ASC' : 'DESC'}`;
  });
  return `ORDER BY ${terms.join(', ')}, o.id ${sort[0]?.sort === 'asc' ? 'ASC' : 'DESC'}`;
}

/** The SQL text of one page and of its count (also used by the benchmark's raw baseline). */
export function listSql(input: ListInput): { page: string; count: string; params: unknown[] } {
  const where = listWhere(input);
  // filtering on the next activity needs it as a column; sorting on it uses the select alias
  const from = where.needsNextActivity
    ? FROM.replace('FROM opportunities o', `FROM (SELECT o.*, ${NEXT_ACTIVITY} AS next_activity_at FROM opportunities o) o`)
    : FROM;
  const page = `${LIST_SELECT} ${from} ${where.sql} ${listOrder(input)} LIMIT ? OFFSET ?`;
  const count = `SELECT count(*) AS total, coalesce(sum(o.amount), 0) AS amount, coalesce(sum((o.amount * o.probability + 50) / 100), 0) AS weighted ${from} ${where.sql}`;
  return { page, count, params: where.params };
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepareCached(raw: Database.Database, sql: string): Database.Statement {
  let map = cache.get(raw);
  if (!map) cache.set(raw, (map = new Map<string, Database.Statement>()));
  let stmt = map.get(sql);
  if (!stmt) {
    stmt = raw.prepare(sql);
    if (map.size > 200) map.clear();
    map.set(sql, stmt);
  }
  return stmt;
}

/** The opportunities grid: one page of rows, the total count and the totals of the filtered set. */
export function listOpportunities(db: Db, input: ListInput, now = new Date().toISOString()): Output<'opportunities.list'> {
  const raw = db.$client;
  const { page, count, params } = listSql(input);
  const bind = (extra: unknown[]) => [...params, ...extra];
  const rows = (prepareCached(raw, page).all({ now }, ...bind([input.limit, input.offset])) as RawRow[]).map(toRow);
  const t = prepareCached(raw, count).get({ now }, ...params) as { total: number; amount: number; weighted: number };
  return { rows, total: t.total, totals: { amount: t.amount, weightedAmount: t.weighted } };
}
