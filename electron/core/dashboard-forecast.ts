import type { Db } from '../../db/client';
import { forecastCells, snapshotMonths, snapshotTotals, takeSnapshot, wonByPeriod, type CellRow } from '../../db/queries/forecast';
import { readCategoryParents } from '../../db/queries/rules';
import { prepareCached } from '../../db/queries/statements';
import type { Output, ParsedInput } from '../shared/contract';
import type { ForecastCellDto } from '../shared/contract/dashboard';
import { accuracy, periodBounds, periodOf, shiftPeriod, type Thresholds } from '../shared/domain/forecast';

type Row = { key: number | null; cells: Record<string, ForecastCellDto>; total: ForecastCellDto };
type Dimension = ParsedInput<'dashboard.forecast'>['dimension'];

const EMPTY: ForecastCellDto = { deals: 0, amount: 0, weighted: 0, commit: 0, bestCase: 0 };
const add = (a: ForecastCellDto, b: ForecastCellDto): ForecastCellDto => ({
  deals: a.deals + b.deals,
  amount: a.amount + b.amount,
  weighted: a.weighted + b.weighted,
  commit: a.commit + b.commit,
  bestCase: a.bestCase + b.bestCase,
});
/** Customers shown one by one in the forecast; the others are summed on one line (key 0). */
const TOP_CUSTOMERS = 15;

/** The forecast's periods from this one: its bounds (ISO dates, `to` exclusive). */
export function forecastWindow(now: string, grain: 'month' | 'quarter', periods: number) {
  const first = periodOf(now.slice(0, 10), grain);
  return { first, from: periodBounds(first, grain).from, to: periodBounds(shiftPeriod(first, grain, periods - 1), grain).to };
}

/** The top category of a category (the forecast by category is read at the top of the tree). */
export function rootCategory(id: number | null, parents: Map<number, number | null>): number | null {
  let at = id;
  while (at !== null && parents.get(at) != null) at = parents.get(at)!;
  return at;
}

/** A category and every one under it. */
export function categorySubtree(db: Db, id: number): number[] {
  const parents = readCategoryParents(db);
  return [...parents.keys()].filter((c) => {
    for (let at: number | null | undefined = c; at != null; at = parents.get(at)) if (at === id) return true;
    return false;
  });
}

export function readForecast(db: Db, now: string, input: ParsedInput<'dashboard.forecast'>, t: Thresholds): Output<'dashboard.forecast'> {
  const w = forecastWindow(now, input.grain, input.periods);
  const periods = ['overdue', ...Array.from({ length: input.periods }, (_, k) => shiftPeriod(w.first, input.grain, k)), 'undated'];
  const cells = forecastCells(db, { grain: input.grain, dimension: input.dimension, from: w.from, to: w.to, owner: input.ownerId, ...t });
  const totals: Record<string, ForecastCellDto> = {};
  for (const c of cells) totals[c.period] = add(totals[c.period] ?? EMPTY, c);
  return {
    grain: input.grain,
    dimension: input.dimension,
    thresholds: t,
    periods,
    rows: labelled(db, rollUp(db, cells, input.dimension), input.dimension),
    totals,
    history: history(db, now, input.ownerId),
  };
}

/** Cells by row of the dimension: categories summed up to their top one, customers beyond the first few on one line. */
function rollUp(db: Db, cells: CellRow[], dimension: Dimension): Row[] {
  if (dimension === 'none') return [];
  const parents = dimension === 'category' ? readCategoryParents(db) : null;
  const rows = new Map<number | null, Row>();
  for (const c of cells) {
    const key = parents ? rootCategory(c.key, parents) : c.key;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { key, cells: {}, total: EMPTY }));
    r.cells[c.period] = add(r.cells[c.period] ?? EMPTY, c);
    r.total = add(r.total, c);
  }
  const list = [...rows.values()].sort((a, b) => b.total.weighted - a.total.weighted);
  if (dimension !== 'customer' || list.length <= TOP_CUSTOMERS) return list;
  const rest: Row = { key: 0, cells: {}, total: EMPTY };
  for (const r of list.slice(TOP_CUSTOMERS)) {
    for (const [k, v] of Object.entries(r.cells)) rest.cells[k] = add(rest.cells[k] ?? EMPTY, v);
    rest.total = add(rest.total, r.total);
  }
  return [...list.slice(0, TOP_CUSTOMERS), rest];
}

const NAMES: Record<Exclude<Dimension, 'none'>, string> = {
  owner: 'SELECT id, name FROM users',
  category: 'SELECT id, name FROM product_categories',
  warehouse: 'SELECT id, name FROM warehouses',
  customer:
    "SELECT id, name FROM customers WHERE id IN (SELECT customer_id FROM opportunities WHERE stage_id IN (SELECT id FROM stages WHERE kind = 'open'))",
};

/** Each row's name (null: no owner, any warehouse, or the other customers). */
function labelled(db: Db, rows: Row[], dimension: Dimension) {
  if (dimension === 'none') return [];
  const names = new Map((prepareCached(db.$client, NAMES[dimension]).all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  return rows.map((r) => ({ ...r, label: r.key === null || r.key === 0 ? null : (names.get(r.key) ?? null) }));
}

/** The last 12 months and this one: what was forecast at each month's start against what was won in it. */
function history(db: Db, now: string, owner: number | null) {
  const month = periodOf(now.slice(0, 10), 'month');
  const first = shiftPeriod(month, 'month', -12);
  const span = { from: periodBounds(first, 'month').from, to: periodBounds(month, 'month').to, owner };
  const won = new Map(wonByPeriod(db, { grain: 'month', ...span }).map((r) => [r.period, r]));
  const snaps = new Map(snapshotTotals(db, span).map((r) => [r.month, r]));
  return Array.from({ length: 13 }, (_, k) => {
    const m = shiftPeriod(first, 'month', k);
    const s = snaps.get(m);
    const w = won.get(m) ?? { deals: 0, amount: 0 };
    return {
      month: m,
      forecast: s?.weighted ?? null,
      forecastDeals: s?.deals ?? null,
      won: w.amount,
      wonDeals: w.deals,
      accuracy: s ? accuracy(w.amount, s.weighted) : null,
    };
  });
}

/** Takes the snapshot of this month and of the 12 before it where not yet taken (a clock turn): how many were taken. */
export function takeSnapshots(db: Db, at: string): number {
  const month = periodOf(at.slice(0, 10), 'month');
  const taken = snapshotMonths(db);
  let n = 0;
  for (let k = -12; k <= 0; k++) {
    const m = shiftPeriod(month, 'month', k);
    if (taken.has(m)) continue;
    db.$client.transaction(() => takeSnapshot(db, m, periodBounds(m, 'month').to, at))();
    n++;
  }
  return n;
}
