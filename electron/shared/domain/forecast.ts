/**
 * The forecast (DESIGN.md §7): Σ amount × probability by month of expected close, and the bands a
 * manager commits on. One home each; the SQL twins beside them.
 */
import { weighted, type Money } from '../money';

export type Grain = 'month' | 'quarter' | 'year';

/** The period a date (or instant) falls in: `2027-03`, `2027-Q1`, `2027`. */
export function periodOf(isoDate: string, grain: Grain): string {
  const y = isoDate.slice(0, 4);
  const m = Number(isoDate.slice(5, 7));
  if (grain === 'year') return y;
  return grain === 'month' ? `${y}-${isoDate.slice(5, 7)}` : `${y}-Q${Math.ceil(m / 3)}`;
}

/** `periodOf` in SQL (an SQL expression of an ISO date or instant). */
export function periodSql(date: string, grain: Grain): string {
  if (grain === 'year') return `substr(${date}, 1, 4)`;
  if (grain === 'month') return `substr(${date}, 1, 7)`;
  return `substr(${date}, 1, 4) || '-Q' || ((CAST(substr(${date}, 6, 2) AS INTEGER) + 2) / 3)`;
}

/** The first day of a period and the first day of the next one (ISO dates, UTC). */
export function periodBounds(period: string, grain: Grain): { from: string; to: string } {
  const y = Number(period.slice(0, 4));
  const firstMonth = grain === 'year' ? 1 : grain === 'month' ? Number(period.slice(5, 7)) : (Number(period.slice(6)) - 1) * 3 + 1;
  const months = grain === 'year' ? 12 : grain === 'month' ? 1 : 3;
  return { from: monthStart(y, firstMonth), to: monthStart(y, firstMonth + months) };
}

const monthStart = (y: number, m: number): string => new Date(Date.UTC(y, m - 1, 1)).toISOString().slice(0, 10);

/** The period `k` periods after (or before, k < 0) the given one. */
export function shiftPeriod(period: string, grain: Grain, k: number): string {
  const { from } = periodBounds(period, grain);
  const months = grain === 'year' ? 12 : grain === 'month' ? 1 : 3;
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + k * months);
  return periodOf(d.toISOString().slice(0, 10), grain);
}

/** The company's forecast thresholds: an open deal at or above `commit` % is committed, at or above `best` % is best case. */
export type Thresholds = { commit: number; best: number };
export const DEFAULT_THRESHOLDS: Thresholds = { commit: 70, best: 40 };

/** Where an open deal stands in the forecast: committed, best case, or the rest of the pipeline. */
export type Band = 'commit' | 'best' | 'pipeline';

export function bandOf(probability: number, t: Thresholds): Band {
  if (probability >= t.commit) return 'commit';
  return probability >= t.best ? 'best' : 'pipeline';
}

/** `bandOf` in SQL (`@commit`, `@best` bound by the caller). */
export const bandSql = (probability: string): string =>
  `(CASE WHEN ${probability} >= @commit THEN 'commit' WHEN ${probability} >= @best THEN 'best' ELSE 'pipeline' END)`;

/** A forecast cell: the open amount and its weight, the committed and best-case amounts (cumulative: best case includes commit). */
export type ForecastCell = { deals: number; amount: Money; weighted: Money; commit: Money; bestCase: Money };

/** The cell of a set of open deals (amount, probability), on the company's thresholds. */
export function forecastCell(deals: readonly { amount: Money; probability: number }[], t: Thresholds): ForecastCell {
  const cell: ForecastCell = { deals: 0, amount: 0, weighted: 0, commit: 0, bestCase: 0 };
  for (const d of deals) {
    const band = bandOf(d.probability, t);
    cell.deals++;
    cell.amount += d.amount;
    cell.weighted += weighted(d.amount, d.probability);
    if (band === 'commit') cell.commit += d.amount;
    if (band !== 'pipeline') cell.bestCase += d.amount;
  }
  return cell;
}

/** Forecast accuracy: what was won in a month ÷ what was forecast for it at its start (null when nothing was). */
export function accuracy(won: Money, forecast: Money): number | null {
  return forecast === 0 ? null : Math.round((won * 10_000) / forecast);
}
