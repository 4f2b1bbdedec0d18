import { addDays } from '../dates';

/**
 * The day a line is wanted (DESIGN.md §2.2, §2.4): its own date, else the deal's wanted date, else
 * the deal's expected close; without any date, as soon as a warehouse can ship it (today + the
 * handling days). A date already past means today. One rule for the 360° view's ATP date, the
 * reservation, the sale order's requested date, the pipeline demand and the purchasing weeks.
 */
export function wantedOn(dates: (string | null | undefined)[], today: string, handlingDays: number): string {
  const d = dates.find((x): x is string => typeof x === 'string' && x !== '') ?? addDays(today, handlingDays);
  return d < today ? today : d;
}

/** The soonest day an undated line is wanted: bound as `@soonest` beside `@today` for the SQL twins. */
export const soonest = (today: string, handlingDays: number): string => addDays(today, handlingDays);

/**
 * SQL twin of `wantedOn` over the stored `opportunity_lines.demand_date`, which the triggers of
 * migration 0004 keep as the first date given (line, deal, close) or '' for none.
 */
export const wantedOnSql = (demandDate: string): string =>
  `(CASE WHEN ${demandDate} = '' THEN @soonest WHEN ${demandDate} < @today THEN @today ELSE ${demandDate} END)`;

/** SQL twin of `wantedOn(...) <= @at` for `@at` from today on, written so the index range on demand_date still serves. */
export const wantedByAtSql = (demandDate: string): string => `(${demandDate} <= @at AND (${demandDate} != '' OR @soonest <= @at))`;
