import { addDays, isoWeek } from './dates';
import { MONEY_SCALE, QTY_SCALE, RATE_SCALE, type Money, type Qty, type Rate } from './money';

export type Locale = 'fr' | 'en';

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(TAGS[locale], options);
    cache.set(key, f);
  }
  return f;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(TAGS[locale], { timeZone: 'UTC', ...options });
    cache.set(key, f);
  }
  return f;
}

/** `1 234,56 €` (fr) or `€1,234.56` (en). Money is kept exact up to 2 decimals. */
export function formatMoney(m: Money, locale: Locale, currency = 'EUR', decimals = 2): string {
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(m / MONEY_SCALE);
}

/** A unit price keeps up to 4 decimals, at least 2. */
export function formatUnitPrice(m: Money, locale: Locale, currency = 'EUR'): string {
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  }).format(m / MONEY_SCALE);
}

/** Quantity with up to 3 decimals and its unit: `1 250,5 kg`. */
export function formatQty(q: Qty, locale: Locale, unit?: string): string {
  const n = numberFormat(locale, { maximumFractionDigits: 3 }).format(q / QTY_SCALE);
  return unit ? `${n} ${unit}` : n;
}

/** Rate in basis points as a percent: `12,5 %`. */
export function formatRate(r: Rate | null, locale: Locale, decimals = 1): string {
  if (r === null) return '—';
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(r / RATE_SCALE);
}

/** ISO date (YYYY-MM-DD) → `30/11/2026` (fr) or `30/11/2026` (en-GB). */
export function formatDate(iso: string | null, locale: Locale): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return '';
  return dateFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

/**
 * A seven-day bucket starting on `start` (purchasing's weeks run from today): its ISO week and its
 * days, `S49 · 30/11–06/12` (fr) or `W49 · 30/11–06/12` (en).
 */
export function formatWeekSpan(start: string, locale: Locale): string {
  const dm = (iso: string) => formatDate(iso, locale).slice(0, 5);
  return `${locale === 'fr' ? 'S' : 'W'}${isoWeek(start)} · ${dm(start)}–${dm(addDays(start, 6))}`;
}

/** An ISO instant in the user's time zone, day/month (and the year when asked) and hh:mm; '' when it is not one. */
function formatAt(iso: string | null, locale: Locale, withYear: boolean, timeZone?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const text = new Intl.DateTimeFormat(TAGS[locale], {
    day: '2-digit',
    month: '2-digit',
    ...(withYear ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(d);
  // `02/12/2026 14:10` in both languages (en-GB puts a comma after the year)
  return withYear ? text.replace(',', '') : text;
}

/** ISO instant → `30/11 10:42` in the user's time zone. */
export function formatStamp(iso: string | null, locale: Locale, timeZone?: string): string {
  return formatAt(iso, locale, false, timeZone);
}

/** ISO instant → `02/12/2026 14:10` in the user's time zone (a backup, a check). */
export function formatInstant(iso: string | null, locale: Locale, timeZone?: string): string {
  return formatAt(iso, locale, true, timeZone);
}

/** How long ago (or in how long) an instant is from `now`: `il y a 3 min`, `dans 20 s`, `maintenant`. */
export function formatAgo(iso: string | null, now: number, locale: Locale): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = Math.round((t - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(TAGS[locale], { numeric: 'auto', style: 'short' });
  const abs = Math.abs(s);
  if (abs < 15) return rtf.format(0, 'second');
  if (abs < 60) return rtf.format(s, 'second');
  if (abs < 45 * 60) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 22 * 3600) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86_400), 'day');
}

/** A plain number for an input field: `12,5` (fr) or `12.5` (en), no grouping, up to maxDecimals. */
export function formatDecimal(n: number, locale: Locale, maxDecimals: number): string {
  return numberFormat(locale, { maximumFractionDigits: maxDecimals, useGrouping: false }).format(n);
}

/** Whole integers with grouping: `100 000`. */
export function formatInt(n: number, locale: Locale): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/**
 * Parses a number typed by a user in either locale: `1 234,56`, `1234.56`, `1,234.56` (en).
 * Returns null when it is not a number.
 */
export function parseDecimal(text: string, locale: Locale): number | null {
  let s = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/[€%]/g, '');
  if (s === '' || !/^[-+]?[\d.,]+$/.test(s)) return null;
  if (locale === 'fr') s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  if (!/^[-+]?\d*\.?\d+$|^[-+]?\d+\.$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * A day typed the way people write it — `15/03/2027`, `15/03/27`, `15/3`, `15.03.2027`,
 * `15-03-2027` (day first, as both app languages write dates) or ISO `2027-03-15` — as an ISO
 * date; without a year it is `today`'s year. Empty → null; anything else, or a day that does not
 * exist (30/02), → undefined.
 */
export function parseDay(text: string, today: string): string | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dm = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(t);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dm) {
    const year = dm[3] ?? today.slice(0, 4);
    [d, m, y] = [Number(dm[1]), Number(dm[2]), year.length === 2 ? 2000 + Number(year) : Number(year)];
  } else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) return undefined;
  return date.toISOString().slice(0, 10);
}
