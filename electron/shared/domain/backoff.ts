/**
 * Retry delay after a failed push (DESIGN.md §8): exponential from `baseMs`, capped at `capMs`,
 * with "equal jitter" (half fixed, half random) so many clients do not retry in step.
 * `random` is in [0, 1).
 */
export function retryDelayMs(attempt: number, random: number, baseMs = 5_000, capMs = 30 * 60_000): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random);
}
