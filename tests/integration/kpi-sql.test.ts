import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bandOf, bandSql, periodOf, periodSql } from '../../electron/shared/domain/forecast';
import { isStagnant, percentile, percentileOfCounts, rankOf, rankOfSql, spanDays, spanDaysSql, stagnantSql } from '../../electron/shared/domain/kpis';
import { rate, ratioSql } from '../../electron/shared/money';

/** The KPIs' SQL twins (DESIGN §11): each runs beside its TypeScript function on random inputs and wants the same answer. */
const sqlite = new Database(':memory:');
afterAll(() => sqlite.close());

const MIN = Date.parse('2024-01-01T00:00:00Z');
const MAX = Date.parse('2029-12-31T23:59:59Z');
const instant = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms).toISOString());
const closeTo = (from: string, days: number, seconds: number) => new Date(Date.parse(from) + days * 86_400_000 + seconds * 1000).toISOString();

describe('SQL twins of the KPIs', () => {
  it('spanDays: whole days between two instants, the same in SQL, at day boundaries too', () => {
    const stmt = sqlite.prepare(`SELECT ${spanDaysSql('@a', '@b')}`).pluck();
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        expect(stmt.get({ a, b })).toBe(spanDays(a, b));
      }),
      { numRuns: 2_000 },
    );
    // one second either side of a whole number of days
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 }), fc.integer({ min: -1, max: 1 }), (a, d, s) => {
        const b = closeTo(a, d, s);
        expect(stmt.get({ a, b })).toBe(spanDays(a, b));
      }),
    );
  });

  it('ratio: part ÷ whole in basis points, half away from zero, null on zero', () => {
    const stmt = sqlite.prepare(`SELECT ${ratioSql('CAST(@p AS INTEGER)', 'CAST(@w AS INTEGER)')}`).pluck();
    const n = fc.integer({ min: -(2 ** 36), max: 2 ** 36 });
    fc.assert(
      fc.property(n, n, (p, w) => {
        expect(stmt.get({ p, w })).toBe(rate.ratio(p, w));
      }),
      { numRuns: 3_000 },
    );
    for (const [p, w] of [
      [1, 20000],
      [-1, 20000],
      [3, 20000],
      [-3, -20000],
      [0, -5],
      [7, 0],
    ] as const)
      expect(stmt.get({ p, w })).toBe(rate.ratio(p, w));
  });

  it('period and band: the SQL cuts dates and probabilities as the forecast does', () => {
    const stmt = sqlite.prepare(
      `SELECT ${periodSql('@d', 'month')} AS m, ${periodSql('@d', 'quarter')} AS q, ${periodSql('@d', 'year')} AS y, ${bandSql('@p')} AS b`,
    );
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 99 }),
        (d, p, commit, below) => {
          const best = Math.min(below, commit - 1);
          const r = stmt.get({ d: d.slice(0, 10), p, commit, best }) as { m: string; q: string; y: string; b: string };
          expect(r).toEqual({ m: periodOf(d, 'month'), q: periodOf(d, 'quarter'), y: periodOf(d, 'year'), b: bandOf(p, { commit, best }) });
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('percentiles: the window SQL, the histogram and the list give the same nearest-rank median and p75', () => {
    const rankStmt = sqlite.prepare(`SELECT ${rankOfSql('CAST(@n AS INTEGER)', 75)} AS r75, ${rankOfSql('CAST(@n AS INTEGER)', 50)} AS r50`);
    sqlite.exec('CREATE TABLE v (x INTEGER)');
    const insert = sqlite.prepare('INSERT INTO v VALUES (?)');
    const spread =
      sqlite.prepare(`SELECT min(CASE WHEN rn >= ${rankOfSql('cnt', 50)} THEN x END) AS median, min(CASE WHEN rn >= ${rankOfSql('cnt', 75)} THEN x END) AS p75
      FROM (SELECT x, row_number() OVER (ORDER BY x) AS rn, count(*) OVER () AS cnt FROM v)`);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }), (values) => {
        sqlite.exec('DELETE FROM v');
        for (const x of values) insert.run(x);
        expect(rankStmt.get({ n: values.length })).toEqual({ r75: rankOf(values.length, 75), r50: rankOf(values.length, 50) });
        expect(spread.get()).toEqual({ median: percentile(values, 50), p75: percentile(values, 75) });
        const counts = [...new Set(values)].map((value) => ({ value, n: values.filter((x) => x === value).length }));
        expect(percentileOfCounts(counts, 75)).toBe(percentile(values, 75));
      }),
      { numRuns: 1_000 },
    );
  });

  it('stagnant: the SQL judges a deal as isStagnant does, to the second around its threshold', () => {
    const stmt = sqlite.prepare(`SELECT ${stagnantSql('@kind', '@entered', '@threshold', '@next', '@now')} AS s`).pluck();
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -2, max: 2 }),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
        fc.constantFrom('open', 'won', 'lost'),
        fc.option(instant, { nil: null }),
        (entered, days, seconds, threshold, kind, next) => {
          const now = closeTo(entered, threshold ?? days, seconds);
          const sql = stmt.get({ kind, entered, threshold, next, now });
          expect(sql === 1).toBe(isStagnant({ stageKind: kind, stageEnteredAt: entered, threshold, nextActivityAt: next }, now));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
