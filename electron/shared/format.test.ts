import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatDate,
  formatDecimal,
  formatMoney,
  formatQty,
  formatRate,
  formatStamp,
  formatInstant,
  formatUnitPrice,
  formatWeekSpan,
  parseDay,
  parseDecimal,
} from './format';
import { isoWeek } from './dates';

/** Intl uses narrow no-break spaces in fr-FR; compare on plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting for the user', () => {
  it('formats money the French way by default and the English way on request', () => {
    expect(plain(formatMoney(12_345_600, 'fr'))).toBe('1 234,56 €');
    expect(formatMoney(12_345_600, 'en')).toBe('€1,234.56');
    expect(plain(formatMoney(-5_000, 'fr'))).toBe('-0,50 €');
  });

  it('keeps up to four decimals on unit prices', () => {
    expect(plain(formatUnitPrice(123_456, 'fr'))).toBe('12,3456 €');
    expect(plain(formatUnitPrice(120_000, 'fr'))).toBe('12,00 €');
  });

  it('formats quantities with their unit and rates as percents', () => {
    expect(plain(formatQty(1_250_500, 'fr', 'kg'))).toBe('1 250,5 kg');
    expect(plain(formatRate(1_250, 'fr'))).toBe('12,5 %');
    expect(formatRate(1_250, 'en')).toBe('12.5%');
    expect(formatRate(null, 'fr')).toBe('—');
  });

  it('formats dates as dd/mm/yyyy and stamps as dd/mm hh:mm', () => {
    expect(formatDate('2026-11-30', 'fr')).toBe('30/11/2026');
    expect(formatDate(null, 'fr')).toBe('');
    expect(formatStamp('2026-11-30T10:42:00Z', 'fr', 'UTC')).toBe('30/11 10:42');
    // a backup's instant, with its year, the same in both languages
    expect(formatInstant('2026-12-02T14:10:00Z', 'fr', 'UTC')).toBe('02/12/2026 14:10');
    expect(formatInstant('2026-12-02T14:10:00Z', 'en', 'UTC')).toBe('02/12/2026 14:10');
    expect(formatInstant('not a date', 'fr')).toBe('');
  });

  it('parses numbers as typed in either locale and rejects the rest', () => {
    expect(parseDecimal('1 234,56', 'fr')).toBe(1234.56);
    expect(parseDecimal('1.234,5', 'fr')).toBe(1234.5);
    expect(parseDecimal('1,234.56', 'en')).toBe(1234.56);
    expect(parseDecimal('12 %', 'fr')).toBe(12);
    expect(parseDecimal('abc', 'fr')).toBeNull();
    expect(parseDecimal('', 'fr')).toBeNull();
    expect(parseDecimal('1,2,3', 'fr')).toBeNull();
  });

  it('shows a number for editing without grouping, so it parses back the same', () => {
    expect(formatDecimal(12.5, 'fr', 2)).toBe('12,5');
    expect(formatDecimal(1234.567, 'fr', 2)).toBe('1234,57');
    expect(formatDecimal(1234.5, 'en', 2)).toBe('1234.5');
    expect(parseDecimal(formatDecimal(8.25, 'fr', 2), 'fr')).toBe(8.25);
  });

  it('says how long ago an ERP value was pulled, and when the next run comes', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    const ago = (iso: string | null, locale: 'fr' | 'en') => formatAgo(iso, now, locale).replace(/\s/g, ' ');
    expect(ago('2026-11-30T09:57:00Z', 'fr')).toBe('il y a 3 min');
    expect(ago('2026-11-30T09:57:00Z', 'en')).toBe('3 min ago');
    expect(ago('2026-11-30T10:05:00Z', 'fr')).toBe('dans 5 min');
    expect(ago('2026-11-30T09:59:50Z', 'fr')).toBe('maintenant');
    expect(ago('2026-11-30T10:00:20Z', 'fr')).toBe('dans 20 s');
    expect(ago('2026-11-30T07:00:00Z', 'fr')).toBe('il y a 3 h');
    expect(ago('2026-11-27T10:00:00Z', 'en')).toBe('3 days ago');
    expect(ago(null, 'fr')).toBe('');
  });
});

describe('weeks', () => {
  it('numbers weeks the ISO way, across year ends', () => {
    expect(isoWeek('2026-11-30')).toBe(49);
    expect(isoWeek('2026-12-31')).toBe(53);
    expect(isoWeek('2027-01-03')).toBe(53);
    expect(isoWeek('2027-01-04')).toBe(1);
    expect(isoWeek('2028-02-29')).toBe(9);
    expect(isoWeek('2024-12-30')).toBe(1);
  });

  it('labels a purchasing week with its number and days', () => {
    expect(formatWeekSpan('2026-11-30', 'fr')).toBe('S49 · 30/11–06/12');
    expect(formatWeekSpan('2026-12-31', 'fr')).toBe('S53 · 31/12–06/01');
    expect(formatWeekSpan('2028-02-26', 'en')).toBe('W8 · 26/02–03/03');
  });

  it('reads a day typed the French way, with or without the year, and refuses one that does not exist', () => {
    const today = '2026-12-01';
    expect(parseDay('15/03/2027', today)).toBe('2027-03-15');
    expect(parseDay('15/3/27', today)).toBe('2027-03-15');
    expect(parseDay('15/03', today)).toBe('2026-03-15');
    expect(parseDay(' 5.1.2027 ', today)).toBe('2027-01-05');
    expect(parseDay('15-03-2027', today)).toBe('2027-03-15');
    expect(parseDay('2027-03-15', today)).toBe('2027-03-15');
    expect(parseDay('29/02/2028', today)).toBe('2028-02-29');
    expect(parseDay('', today)).toBeNull();
    for (const bad of ['29/02/2027', '31/04/2027', '15/13/2027', '0/1/2027', 'demain', '15/03/027', '2027-02-30', '12'])
      expect(parseDay(bad, today), bad).toBeUndefined();
  });
});
