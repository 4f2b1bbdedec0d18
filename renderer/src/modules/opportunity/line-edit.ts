import { parseDecimal, type Locale } from '../../../../electron/shared/format';
import { money, qty, rate } from '../../../../electron/shared/money';

export type EditableField = 'qty' | 'unitPrice' | 'discount' | 'requestedDate';
export type ParseProblem = 'notNumber' | 'mustBePositive' | 'discountRange' | 'badDate' | 'tooLarge';
export type Parsed = { ok: true; value: number | string | null } | { ok: false; problem: ParseProblem };

/** "30/11/2026" or "2026-11-30" → ISO date; empty → null. */
function parseDate(text: string): Parsed {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : t;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return { ok: false, problem: 'badDate' };
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? { ok: false, problem: 'badDate' } : { ok: true, value: iso };
}

/**
 * Turns what a trader typed in a line cell into the fixed-point value core expects, or says what
 * is wrong. A unit or a currency sign after the number is accepted ("45 m", "12,50 €", "5 %").
 */
export function parseLineEdit(field: EditableField, text: string, locale: Locale): Parsed {
  if (field === 'requestedDate') return parseDate(text);
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
