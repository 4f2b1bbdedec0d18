/**
 * Retry delay after a failed push (DESIGN.md §8): exponential from `baseMs`, capped at `capMs`,
 * with "equal jitter" (half fixed, half random) so many clients do not retry in step.
 * `random` is in [0, 1).
 */
export function retryDelayMs(attempt: number, random: number, baseMs = 5_000, capMs = 30 * 60_000): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random);
}

/**
 * Delay before restarting a crashed process (core, the connector): 0.5 s doubling to 30 s;
 * a process that had run a minute or more starts again from the first step.
 */
export function restartDelayMs(failures: number, ranMs: number): { delay: number; failures: number } {
  const n = ranMs > 60_000 ? 1 : failures + 1;
  return { delay: Math.min(30_000, 500 * 2 ** (n - 1)), failures: n };
}
