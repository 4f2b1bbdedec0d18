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
