/**
 * Fixed-point money and quantities (DESIGN.md §6). The only place that does arithmetic on them.
 * Money and unit prices: integers in 1/10 000 of the currency unit.
 * Quantities: integers in 1/1 000 of the unit of measure.
 * Rates (discount, margin %, probability): integers in basis points (1/10 000), 100 % = 10 000.
 */

export const MONEY_SCALE = 10_000;
export const QTY_SCALE = 1_000;
export const RATE_SCALE = 10_000;

/** Integer money in 1/10 000 of the currency unit. */
export type Money = number;
/** Integer quantity in 1/1 000 of the unit of measure. */
export type Qty = number;
/** Integer rate in basis points: 10 000 = 100 %. */
export type Rate = number;

/** Divides two bigints and rounds half away from zero. */
function divRound(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an + ad / 2n) / ad;
  return negative ? -q : q;
}

function toSafe(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount out of range: ${value.toString()}`);
  return n;
}

/** Rounds a decimal number to an integer of the given scale, half away from zero. */
function scale(value: number, factor: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${String(value)}`);
  const scaled = Math.round(Math.abs(value) * factor + 1e-9) * Math.sign(value);
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`amount out of range: ${String(value)}`);
  return scaled === 0 ? 0 : scaled;
}

export const money = {
  fromUnits: (euros: number): Money => scale(euros, MONEY_SCALE),
  toUnits: (m: Money): number => m / MONEY_SCALE,
  add: (...values: Money[]): Money => values.reduce((a, b) => a + b, 0),
  /** Applies a rate (basis points) to an amount, rounded half away from zero. */
  applyRate: (m: Money, rate: Rate): Money => toSafe(divRound(BigInt(m) * BigInt(rate), BigInt(RATE_SCALE))),
};

export const qty = {
  fromUnits: (units: number): Qty => scale(units, QTY_SCALE),
  toUnits: (q: Qty): number => q / QTY_SCALE,
};

export const rate = {
  fromPercent: (percent: number): Rate => scale(percent, RATE_SCALE / 100),
  toPercent: (r: Rate): number => (r * 100) / RATE_SCALE,
  /** part / whole as a rate, or null when whole is zero. */
  ratio: (part: number, whole: number): Rate | null => (whole === 0 ? null : toSafe(divRound(BigInt(part) * BigInt(RATE_SCALE), BigInt(whole)))),
};

/** quantity × unit price, rounded to the money scale. */
export function extend(q: Qty, unitPrice: Money): Money {
  return toSafe(divRound(BigInt(q) * BigInt(unitPrice), BigInt(QTY_SCALE)));
}

/** Line amount = qty × unit price × (1 − discount), rounded once. */
export function lineAmount(q: Qty, unitPrice: Money, discount: Rate): Money {
  if (discount < 0 || discount > RATE_SCALE) throw new RangeError(`discount out of range: ${discount}`);
  const n = BigInt(q) * BigInt(unitPrice) * BigInt(RATE_SCALE - discount);
  return toSafe(divRound(n, BigInt(QTY_SCALE) * BigInt(RATE_SCALE)));
}

export type Margin = { amount: Money; cost: Money; margin: Money; marginRate: Rate | null };

/** Margin = amount − cost; margin % = margin / amount (null when the amount is zero). */
export function margin(amount: Money, cost: Money): Margin {
  const m = amount - cost;
  return { amount, cost, margin: m, marginRate: rate.ratio(m, amount) };
}

/** Amount × probability (a whole percent 0–100). */
export function weighted(amount: Money, probabilityPercent: number): Money {
  return toSafe(divRound(BigInt(amount) * BigInt(Math.round(probabilityPercent)), 100n));
}

/**
 * `weighted` in SQL, for sums, sorts and filters (its twin; a property test runs both): SQLite's
 * integer division truncates, so a negative product is rounded on its absolute value, half away
 * from zero as `divRound` does. `amount` and `probability` are integer SQL expressions.
 */
export function weightedSql(amount: string, probability: string): string {
  const x = `(${amount}) * (${probability})`;
  return `(CASE WHEN ${x} >= 0 THEN (${x} + 50) / 100 ELSE -((-${x} + 50) / 100) END)`;
}

/** `rate.ratio` in SQL (its twin): part ÷ whole in basis points, half away from zero; NULL when whole is 0 (integer SQL expressions). */
export function ratioSql(part: string, whole: string): string {
  return `(CASE WHEN (${whole}) = 0 THEN NULL ELSE (CASE WHEN ((${part}) < 0) != ((${whole}) < 0) AND (${part}) != 0 THEN -1 ELSE 1 END)
    * ((abs((${part}) * ${RATE_SCALE}) + abs(${whole}) / 2) / abs(${whole})) END)`;
}
