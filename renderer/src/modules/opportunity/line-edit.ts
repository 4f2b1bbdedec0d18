import { parseDay, parseDecimal, type Locale } from '../../../../electron/shared/format';
import { money, qty, rate } from '../../../../electron/shared/money';

export type EditableField = 'qty' | 'unitPrice' | 'discount' | 'requestedDate';
export type ParseProblem = 'notNumber' | 'mustBePositive' | 'discountRange' | 'badDate' | 'tooLarge';
export type Parsed = { ok: true; value: number | string | null } | { ok: false; problem: ParseProblem };

/**
 * Turns what a trader typed in a line cell into the fixed-point value core expects, or says what
 * is wrong. A unit or a currency sign after the number is accepted ("45 m", "12,50 €", "5 %"); a
 * date without its year is in `today`'s.
 */
export function parseLineEdit(field: EditableField, text: string, locale: Locale, today: string): Parsed {
  if (field === 'requestedDate') {
    const day = parseDay(text, today);
    return day === undefined ? { ok: false, problem: 'badDate' } : { ok: true, value: day };
  }
  const n = parseDecimal(text.trim().replace(/\s*[a-zA-Z]+[23³]?$/, ''), locale);
  if (n === null) return { ok: false, problem: 'notNumber' };
  if (field === 'discount') return n < 0 || n > 100 ? { ok: false, problem: 'discountRange' } : { ok: true, value: rate.fromPercent(n) };
  if (n <= 0) return { ok: false, problem: 'mustBePositive' };
  try {
    return { ok: true, value: field === 'qty' ? qty.fromUnits(n) : money.fromUnits(n) };
  } catch {
    return { ok: false, problem: 'tooLarge' };
  }
}
