/** Timing helpers: side-by-side runs, interleaved so both sides see the same machine noise. */
export type Stats = { median: number; p95: number; min: number; n: number };

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))]!;
  return { median: at(0.5), p95: at(0.95), min: s[0]!, n: s.length };
}

/** Runs a and b alternately `rounds` times (after a warm-up) and returns their stats. */
export async function sideBySide(a: () => unknown, b: () => unknown, rounds: number, warmup = 5): Promise<{ a: Stats; b: Stats }> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const first = i % 2 === 0 ? a : b;
    const second = i % 2 === 0 ? b : a;
    const t0 = performance.now();
    await first();
    const t1 = performance.now();
    await second();
    const t2 = performance.now();
    (i % 2 === 0 ? sa : sb).push(t1 - t0);
    (i % 2 === 0 ? sb : sa).push(t2 - t1);
  }
  return { a: stats(sa), b: stats(sb) };
}

export type Row = { benchmark: string; app: Stats; baseline: Stats; ratio: number; target: string; ok: boolean };

export function printTable(rows: Row[], write: (s: string) => void): void {
  const ms = (v: number) => v.toFixed(2).padStart(9);
  write(
    `${'benchmark'.padEnd(58)} ${'app med'.padStart(9)} ${'app p95'.padStart(9)} ${'raw med'.padStart(9)} ${'raw p95'.padStart(9)} ${'ratio'.padStart(7)}  target`,
  );
  for (const r of rows) {
    write(
      `${r.benchmark.padEnd(58)} ${ms(r.app.median)} ${ms(r.app.p95)} ${ms(r.baseline.median)} ${ms(r.baseline.p95)} ${r.ratio.toFixed(2).padStart(7)}  ${r.target} ${r.ok ? 'ok' : 'MISSED'}`,
    );
  }
}
