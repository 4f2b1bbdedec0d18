import { addDays } from '../dates';

/** How an activity repeats: every `every` days, weeks or months from its first due time (`anchor`). */
export type Recurrence = { every: number; unit: 'day' | 'week' | 'month'; anchor: string };

/** Where an open or done activity sits in « Mes activités », at `now` (days are core's: UTC). */
export type Bucket = 'overdue' | 'today' | 'upcoming' | 'done';

const DAY_MS = 86_400_000;

/** `anchor` moved by `months` months, its day of month kept or, past the month's end, its last day (31 January + 1 month = 28 or 29 February). */
function addMonths(anchor: string, months: number): string {
  const d = new Date(anchor);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const out = new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  return out.toISOString();
}

/** The k-th occurrence of a recurrence (k = 0 is the anchor). */
export function occurrence(r: Recurrence, k: number): string {
  if (r.unit === 'month') return addMonths(r.anchor, k * r.every);
  const step = (r.unit === 'week' ? 7 : 1) * r.every * DAY_MS;
  return new Date(Date.parse(r.anchor) + k * step).toISOString();
}

/**
 * The next due time once an occurrence is done: the first one of the schedule after both the one
 * done and `now` (occurrences missed while it was late are not owed again).
 */
export function nextOccurrence(r: Recurrence, doneDue: string, now: string): string {
  const after = Math.max(Date.parse(doneDue), Date.parse(now));
  // a first guess from the average step, then exact steps (months differ in length)
  const approxStep = (r.unit === 'month' ? 30.44 : r.unit === 'week' ? 7 : 1) * r.every * DAY_MS;
  let k = Math.max(1, Math.floor((after - Date.parse(r.anchor)) / approxStep) - 1);
  while (Date.parse(occurrence(r, k)) <= after) k++;
  while (k > 1 && Date.parse(occurrence(r, k - 1)) > after) k--;
  return occurrence(r, k);
}

/** The bucket of an activity: done, overdue once its time has passed, today, or later (no due time: upcoming). */
export function bucketOf(a: { dueAt: string | null; doneAt: string | null }, now: string): Bucket {
  if (a.doneAt) return 'done';
  if (!a.dueAt) return 'upcoming';
  if (a.dueAt < now) return 'overdue';
  return a.dueAt < tomorrowOf(now) ? 'today' : 'upcoming';
}

let lastNow = '';
let lastTomorrow = '';
/** Midnight after `now` (UTC), kept for the last `now` asked: a list of a thousand rows asks a thousand times. */
function tomorrowOf(now: string): string {
  if (now !== lastNow) [lastNow, lastTomorrow] = [now, `${addDays(now.slice(0, 10), 1)}T00:00:00.000Z`];
  return lastTomorrow;
}

/** The bounds the SQL of the buckets uses, the same as `bucketOf`'s. */
export function bucketBounds(now: string): { now: string; tomorrow: string } {
  return { now, tomorrow: tomorrowOf(now) };
}

/** Snooze choices offered in « Mes activités »: in an hour, tomorrow at 09:00, next Monday at 09:00 (UTC days, as core's). */
export function snoozeChoices(now: string): { key: 'hour' | 'tomorrow' | 'monday'; until: string }[] {
  const day = now.slice(0, 10);
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  const toMonday = (8 - weekday) % 7 || 7;
  return [
    { key: 'hour', until: new Date(Date.parse(now) + 3_600_000).toISOString() },
    { key: 'tomorrow', until: `${addDays(day, 1)}T09:00:00.000Z` },
    { key: 'monday', until: `${addDays(day, toMonday)}T09:00:00.000Z` },
  ];
}

/** When a snooze of that kind ends, from `now`. */
export const snoozeUntil = (now: string, key: 'hour' | 'tomorrow' | 'monday'): string => snoozeChoices(now).find((c) => c.key === key)!.until;

/**
 * Who may change an activity (mark it done, snooze, edit): the person it is for, whoever holds its
 * role when it is for a role, the person who made it, and a manager. A desk without a person (a
 * team of one) may change them all. People are named as each side names them (core: ids, the hub:
 * uids or logins); `isMe` says whether one is the person asking.
 */
export function mayChangeActivity<P>(
  a: { ownerId: P | null; role: string | null; createdBy: P | null },
  who: { isMe: (p: P) => boolean; roles: readonly string[]; anyone?: boolean },
): boolean {
  if (who.anyone || who.roles.includes('manager')) return true;
  const mine = (p: P | null) => p !== null && who.isMe(p);
  if (a.ownerId !== null) return mine(a.ownerId) || mine(a.createdBy);
  if (a.role !== null) return who.roles.includes(a.role) || mine(a.createdBy);
  return true;
}

/** Core's person: the desk's user (by id), or none (a team of one). */
export const deskPerson = (userId: number | null, roles: readonly string[]) => ({
  isMe: (id: number) => id === userId,
  roles,
  anyone: userId === null,
});
