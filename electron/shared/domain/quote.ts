import type { Money } from '../money';

export type QuoteLine = { amount: Money; taxRate: number | null };
export type TaxBand = { rate: number; base: Money; tax: Money };
export type QuoteTotals = { net: Money; taxes: TaxBand[]; gross: Money };

/** A tax amount rounded to the cent (money is in 1/10 000 of the unit). */
const toCents = (m: number): Money => Math.round(m / 100) * 100;

/**
 * A quote's totals as a French invoice states them: the total before tax (HT), the TVA per rate
 * on that rate's base, rounded to the cent once per rate (not per line), and the total with tax
 * (TTC). Lines without a rate are refused by the caller before (the ERP gives every product's).
 */
export function quoteTotals(lines: QuoteLine[]): QuoteTotals {
  const bands = new Map<number, Money>();
  let net = 0;
  for (const l of lines) {
    net += l.amount;
    const rate = l.taxRate ?? 0;
    bands.set(rate, (bands.get(rate) ?? 0) + l.amount);
  }
  const taxes = [...bands.entries()].sort((a, b) => a[0] - b[0]).map(([rate, base]) => ({ rate, base, tax: toCents((base * rate) / 10_000) }));
  return { net, taxes, gross: net + taxes.reduce((s, b) => s + b.tax, 0) };
}
