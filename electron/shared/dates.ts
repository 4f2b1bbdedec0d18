/** Date helpers on ISO strings, in UTC, for the demo generator and domain math. */
const DAY = 86_400_000;

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.floor((Date.parse(toIso.slice(0, 10)) - Date.parse(fromIso.slice(0, 10))) / DAY);
}

/** An instant on a given date at a given hour and minute (UTC), ISO with Z. */
export function stampOn(isoDate: string, hour: number, minute: number): string {
  return new Date(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) + (hour * 60 + minute) * 60_000).toISOString();
}

/** A clock that runs `offsetMs` ahead of (or behind) the machine's: one per process, the same offset for core and its connector. */
export function offsetClock(offsetMs: number): () => string {
  return () => new Date(Date.now() + offsetMs).toISOString();
}

/** The variable a host gives its connector when its clock is not the machine's (tests): milliseconds ahead of it. */
export const CLOCK_OFFSET_ENV = 'COMPTOIR_CLOCK_OFFSET_MS';

/** The clock of a process started with `CLOCK_OFFSET_ENV`, or undefined (the machine's) when it has none. */
export function clockFromOffset(value: string | undefined): (() => string) | undefined {
  return value !== undefined && /^-?\d+$/.test(value) ? offsetClock(Number(value)) : undefined;
}

/** The ISO 8601 week number of a date (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(isoDate: string): number {
  const d = new Date(`${isoDate}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  d.setUTCDate(d.getUTCDate() - day + 3); // the Thursday of this week decides its year
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  return 1 + Math.floor((d.getTime() - jan1) / 86_400_000 / 7);
}
