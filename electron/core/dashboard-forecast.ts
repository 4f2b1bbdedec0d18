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

/** A category and every one under it (a tree looping on itself is followed 32 levels up, as `category_roots` is). */
export function categorySubtree(db: Db, id: number): number[] {
  const parents = readCategoryParents(db);
  return [...parents.keys()].filter((c) => {
    let at: number | null | undefined = c;
    for (let depth = 0; at != null && depth <= 32; at = parents.get(at), depth++) if (at === id) return true;
    return false;
  });
}

export function readForecast(db: Db, now: string, input: ParsedInput<'dashboard.forecast'>, t: Thresholds): Output<'dashboard.forecast'> {
  const w = forecastWindow(now, input.grain, input.periods);
  const periods = ['overdue', ...Array.from({ length: input.periods }, (_, k) => shiftPeriod(w.first, input.grain, k)), 'undated'];
  const cut = { grain: input.grain, from: w.from, to: w.to, owner: input.ownerId, top: TOP_CUSTOMERS, ...t };
  const cells = forecastCells(db, { ...cut, dimension: input.dimension });
  // each period's total is its deals' (a deal whose lines fall in two categories counts once)
  const dealLevel = input.dimension === 'none' || input.dimension === 'owner';
  const totals = byPeriod(dealLevel ? cells : forecastCells(db, { ...cut, dimension: 'none' }));
  return {
    grain: input.grain,
    dimension: input.dimension,
    thresholds: t,
    periods,
    rows: input.dimension === 'none' ? [] : labelled(db, forecastRows(cells, input.dimension, totals), input.dimension),
    totals,
    history: history(db, now, input.ownerId),
  };
}

const byPeriod = (cells: CellRow[]) => {
  const out: Record<string, ForecastCellDto> = {};
  for (const c of cells) out[c.period] = add(out[c.period] ?? EMPTY, c);
  return out;
};

/** Cells by row of the dimension, largest weighted first; by customer, the rest of the totals on one line (key 0). */
export function forecastRows(cells: CellRow[], dimension: Dimension, totals: Record<string, ForecastCellDto>): Row[] {
  const rows = new Map<number | null, Row>();
  for (const c of cells) {
    let r = rows.get(c.key);
    if (!r) rows.set(c.key, (r = { key: c.key, cells: {}, total: EMPTY }));
    r.cells[c.period] = add(r.cells[c.period] ?? EMPTY, c);
    r.total = add(r.total, c);
  }
  const list = [...rows.values()].sort((a, b) => b.total.weighted - a.total.weighted);
  if (dimension !== 'customer') return list;
  const rest: Row = { key: 0, cells: {}, total: EMPTY };
  for (const [period, total] of Object.entries(totals)) {
    const shown = list.reduce((s, r) => add(s, r.cells[period] ?? EMPTY), EMPTY);
    const left = add(total, negate(shown));
    if (left.deals === 0) continue;
    rest.cells[period] = left;
    rest.total = add(rest.total, left);
  }
  return rest.total.deals === 0 ? list : [...list, rest];
}

const negate = (c: ForecastCellDto): ForecastCellDto => ({
  deals: -c.deals,
  amount: -c.amount,
  weighted: -c.weighted,
  commit: -c.commit,
  bestCase: -c.bestCase,
});

const NAMES: Record<Exclude<Dimension, 'none'>, string> = {
  owner: 'users',
  category: 'product_categories',
  warehouse: 'warehouses',
  customer: 'customers',
};

/** Each row's name (null: no owner, category or warehouse, or the other customers). */
function labelled(db: Db, rows: Row[], dimension: Dimension) {
  if (dimension === 'none') return [];
  const keys = JSON.stringify(rows.map((r) => r.key).filter((k) => k !== null && k !== 0));
  const sql = `SELECT id, name FROM ${NAMES[dimension]} WHERE id IN (SELECT value FROM json_each(?))`;
  const names = new Map((prepareCached(db.$client, sql).all(keys) as { id: number; name: string }[]).map((r) => [r.id, r.name]));
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
