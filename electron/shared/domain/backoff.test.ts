import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';

describe('retry backoff', () => {
  it('doubles with each attempt, half of it random, up to the cap', () => {
    expect(retryDelayMs(1, 0)).toBe(2_500);
    expect(retryDelayMs(1, 1 - 1e-12)).toBe(5_000);
    expect(retryDelayMs(2, 0)).toBe(5_000);
    expect(retryDelayMs(3, 0.5)).toBe(15_000); // 20 s: 10 s fixed + 5 s
    expect(retryDelayMs(30, 0)).toBe(15 * 60_000);
    expect(retryDelayMs(30, 1 - 1e-12)).toBe(30 * 60_000);
  });
});
