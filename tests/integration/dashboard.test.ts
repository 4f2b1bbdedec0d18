import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startCore, type Core } from '../../electron/core/core';
import { shiftPeriod } from '../../electron/shared/domain/forecast';
import { money } from '../../electron/shared/money';
import { AppError } from '../../electron/shared/errors';
import { testClock } from '../clock';
import { periodStart, writeHandCompany } from './fixtures/manager-company';
import { tempDir } from './helpers';

/**
 * The manager's figures on the hand-made company of fixtures/manager-company.ts, each worked out
 * by hand below, on the test's clock (P: the month before it; M0: its month).
 */
const clock = testClock();
const { dir, cleanup } = tempDir();
let core: Core;
let ids: Map<string, number>;
const eur = money.fromUnits;
const P = periodStart(clock.today()).slice(0, 7);
const M0 = clock.today().slice(0, 7);
const M1 = shiftPeriod(M0, 'month', 1);
const sql = <T>(q: string, ...p: unknown[]) => core.db.$client.prepare(q).all(...p) as T[];
const refs = (rows: { id: number }[]) => rows.map((r) => [...ids].find(([, id]) => id === r.id)![0]);
const categoryId = (code: string) => sql<{ id: number }>('SELECT id FROM product_categories WHERE code = ?', code)[0]!.id;
const deals = async (slice: Record<string, unknown>) => refs((await core.call('dashboard.deals', { slice } as never)).rows);
const stageId = (code: string) => sql<{ id: number }>('SELECT id FROM stages WHERE code = ?', code)[0]!.id;
const userId = (login: string) => sql<{ id: number }>('SELECT id FROM users WHERE login = ?', login)[0]!.id;

beforeAll(() => {
  core = startCore({ dbPath: join(dir, 'comptoir.sqlite'), demo: 'small', validateOutput: true, now: clock.now, reminderEveryMs: 0 });
  ids = writeHandCompany(core, clock.now());
  // Qualification without a threshold of its own: judged on the p75 of past stays in it
  core.db.$client.prepare("UPDATE stages SET stagnation_days = NULL WHERE code = 'QUAL'").run();
  core.tick();
});
afterAll(() => {
  core.close();
  cleanup();
});

describe('KPIs of a period, by hand', () => {
  it('win rate, basket, margin rate, cycle, conversion, time in stage and lost reasons of the team, against the month before', async () => {
    const k = await core.call('dashboard.kpis', { grain: 'month', period: P });
    const c = k.current;
    // won D1 (10 000) and D3 (6 000), lost D2 (4 000)
    expect([c.won, c.lost, c.wonAmount, c.lostAmount]).toEqual([2, 1, eur(16_000), eur(4_000)]);
    expect([c.winRateCount, c.winRateValue]).toEqual([6667, 8000]);
    expect(c.basket).toBe(eur(8_000));
    // (3 000 + 1 200) / 16 000
    expect(c.wonMarginRate).toBe(2625);
    // open D4 30 %, D5 10 %, D6 60 %, D9 90 %, D10 10 %: Σ weighted margin 3 260 / Σ weighted amount 12 300
    expect(c.pipelineMarginRate).toBe(2650);
    // cycles 9 (D2), 15 (D1), 60 (D3) days
    expect(c.cycle).toEqual({ all: { n: 3, median: 15, p75: 60 }, won: { n: 2, median: 15, p75: 60 }, lost: { n: 1, median: 9, p75: 9 } });
    const stage = (code: string) => c.stages.find((s) => s.stageId === stageId(code));
    // Qualification entered by D2, D4 (both moved on) and D5 (still there); stays ended in P: 12, 2, 2 days
    expect(stage('QUAL')).toMatchObject({ entered: 3, forward: 2, backward: 0, still: 1, conversion: 6667, time: { n: 3, median: 2, p75: 12 } });
    // Devis envoyé entered by D1 (won), D2 (lost), D4 (still there); stays 3 and 7 days
    expect(stage('DEVIS')).toMatchObject({ entered: 3, forward: 1, backward: 1, still: 1, conversion: 3333, time: { n: 2, median: 3, p75: 7 } });
    // D3 left Négociation in P after 40 days; nobody entered it in P
    expect(stage('NEGO')).toMatchObject({ entered: 0, time: { n: 1, median: 40, p75: 40 } });
    expect(c.lostReasons).toEqual([{ reason: 'Prix', deals: 1, amount: eur(4_000) }]);
    // the month before: D8 won (2 000), D7 lost (3 000)
    expect(k.previous).toMatchObject({ period: shiftPeriod(P, 'month', -1), won: 1, lost: 1, winRateCount: 5000, winRateValue: 4000 });
    // QUAL's p75 of every finished stay: 2, 2, 5, 5, 10, 12, 20, 20 → 12
    expect(k.stages.find((s) => s.id === stageId('QUAL'))).toMatchObject({ threshold: 12, p75: 12 });
  });

  it('by owner and by category (a deal counts in a category when one of its lines does, sub-categories included)', async () => {
    const mine = (await core.call('dashboard.kpis', { grain: 'month', period: P, ownerId: userId('c.martin') })).current;
    expect([mine.won, mine.lost, mine.winRateCount, mine.winRateValue, mine.basket]).toEqual([1, 1, 5000, 7143, eur(10_000)]);
    const building = (await core.call('dashboard.kpis', { grain: 'month', period: P, categoryId: categoryId('MAT') })).current;
    expect([building.won, building.lost, building.winRateValue]).toEqual([1, 1, 7143]);
    const quarter = await core.call('dashboard.kpis', { grain: 'year', period: P.slice(0, 4) });
    expect(quarter.current.won).toBeGreaterThanOrEqual(2);
  });

  it('refuses a period that does not match its grain, and an unknown grain', async () => {
    const err = await core.call('dashboard.kpis', { grain: 'quarter', period: P }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details).toMatchObject({ issues: [{ path: 'period', reason: 'period' }] });
    await expect(core.call('dashboard.kpis', { grain: 'week' as never, period: P })).rejects.toBeInstanceOf(AppError);
  });
});

describe('the forecast, by hand', () => {
  it('by month: overdue, this month, next month and undated, with commit and best case on the company thresholds (70 / 40 %)', async () => {
    const f = await core.call('dashboard.forecast', { grain: 'month', periods: 3 });
    expect(f.periods).toEqual(['overdue', M0, M1, shiftPeriod(M0, 'month', 2), 'undated']);
    expect(f.totals['overdue']).toEqual({ deals: 1, amount: eur(1_000), weighted: eur(900), commit: eur(1_000), bestCase: eur(1_000) });
    expect(f.totals[M0]).toEqual({ deals: 2, amount: eur(13_000), weighted: eur(5_300), commit: 0, bestCase: eur(8_000) });
    expect(f.totals[M1]).toEqual({ deals: 1, amount: eur(20_000), weighted: eur(6_000), commit: 0, bestCase: 0 });
    expect(f.totals['undated']).toEqual({ deals: 1, amount: eur(1_000), weighted: eur(100), commit: 0, bestCase: 0 });
  });

  it('by category (rolled up to the top category) and by warehouse (the line’s; none: any)', async () => {
    const byCat = await core.call('dashboard.forecast', { grain: 'month', periods: 3, dimension: 'category' });
    expect(byCat.rows.map((r) => [r.label, r.total.weighted])).toEqual([
      ['Matériaux de construction', eur(6_600)],
      ['Agrofournitures', eur(4_800)],
      ['Outillage et équipement', eur(900)],
    ]);
    const byWh = await core.call('dashboard.forecast', { grain: 'month', periods: 3, dimension: 'warehouse' });
    expect(byWh.rows.map((r) => [r.label, r.total.deals])).toEqual([
      [null, 3],
      ['Entrepôt de Rennes', 1],
      ['Entrepôt de Lyon-Corbas', 1],
    ]);
    const byOwner = await core.call('dashboard.forecast', { grain: 'quarter', periods: 2, dimension: 'owner' });
    expect(byOwner.rows.map((r) => r.total.weighted).reduce((a, b) => a + b)).toBe(eur(900 + 5_300 + 6_000 + 100));
  });

  it('against won: the snapshot at each month’s start, and the accuracy', async () => {
    const f = await core.call('dashboard.forecast', { grain: 'month' });
    const month = (m: string) => f.history.find((h) => h.month === m)!;
    // at P's start: D1 in Qualification (10 % of 10 000), D3 in Négociation (60 % of 6 000), D9 still in Devis accepté (its own 90 % of 1 000)
    expect(month(P)).toEqual({ month: P, forecast: eur(5_500), forecastDeals: 3, won: eur(16_000), wonDeals: 2, accuracy: 29091 });
    expect(month(shiftPeriod(P, 'month', -1))).toMatchObject({ forecast: 0, won: eur(2_000), accuracy: null });
    expect(month(M0)).toMatchObject({ forecast: eur(5_300), forecastDeals: 2, won: 0, accuracy: 0 });
    expect(f.history).toHaveLength(13);
  });
});

describe('the deals behind a figure', () => {
  it('each cell, band, category, won month, snapshot and lost reason lists its deals', async () => {
    expect(await deals({ kind: 'forecast', grain: 'month', period: M1, periods: 3 })).toEqual(['D4']);
    expect(await deals({ kind: 'forecast', grain: 'month', period: M0, periods: 3, band: 'best' })).toEqual(['D6']);
    expect(await deals({ kind: 'forecast', grain: 'month', period: M0, periods: 3, band: 'pipeline' })).toEqual(['D5']);
    expect(await deals({ kind: 'forecast', grain: 'month', period: 'overdue', periods: 3 })).toEqual(['D9']);
    expect(await deals({ kind: 'forecast', grain: 'month', period: M0, periods: 3, dimension: 'category', key: categoryId('MAT') })).toEqual(['D5']);
    expect(await deals({ kind: 'won', month: P })).toEqual(['D1', 'D3']);
    expect(await deals({ kind: 'snapshot', month: P })).toEqual(['D1', 'D3', 'D9']);
    expect(await deals({ kind: 'closed', grain: 'month', period: P, outcome: 'lost', reason: 'Prix' })).toEqual(['D2']);
  });
});

describe('stagnation', () => {
  it('past the stage’s threshold (its own, or the p75 of past stays) with nothing planned; not with an activity open, not under it', async () => {
    // D6 Négociation (21 d) since S−70, D9 Devis accepté (7 d) since S−45, D5 Qualification (p75: 12 d) since S+5, most days beyond first
    expect(await deals({ kind: 'stagnant' })).toEqual(['D6', 'D9', 'D5']);
    const list = await core.call('opportunities.list', {
      filters: { stagnantDays: { filterType: 'number', type: 'greaterThan', filter: 0 } },
      sort: [{ colId: 'stagnantDays', sort: 'desc' }],
    });
    expect(refs(list.rows)).toEqual(['D6', 'D9', 'D5']);
    const d4 = (await core.call('opportunity.get', { id: ids.get('D4')! })).stagnantDays;
    expect(d4).toBeNull(); // past 21 days in Devis envoyé, but a call is planned
    const board = await core.call('pipeline.board', { cardsPerStage: 20 });
    const card = (ref: string) => board.columns.flatMap((c) => c.cards).find((c) => c.reference === ref)!;
    expect(card('D5').stagnantDays).toBeGreaterThan(0);
    expect(card('D10').stagnantDays).toBeNull();
  });

  it('a reminder rule on stagnation gives each stagnant deal one follow-up, on the p75 rule too', async () => {
    await core.call('settings.set', { key: 'currentUserId', value: userId('p.girard') });
    await core.call('reminderRules.save', { trigger: 'stagnant', title: 'Relancer l’affaire qui stagne' });
    core.tick();
    const made = sql<{ ref: string }>(
      "SELECT o.reference AS ref FROM activities a JOIN opportunities o ON o.id = a.opportunity_id WHERE a.source LIKE 'rule:%' ORDER BY o.reference",
    );
    expect(made.map((m) => m.ref)).toEqual(['D5', 'D6', 'D9']);
    // planned now: no longer stagnant
    expect(await deals({ kind: 'stagnant' })).toEqual([]);
  });

  it('the figures follow the deals as they change (nothing cached)', async () => {
    await core.call('opportunity.update', { id: ids.get('D5')!, probability: 80 });
    const f = await core.call('dashboard.forecast', { grain: 'month', periods: 3 });
    expect(f.totals[M0]).toMatchObject({ weighted: eur(4_000 + 4_800), commit: eur(5_000), bestCase: eur(13_000) });
  });
});

describe('the kept pipeline', () => {
  it('sums the open deals as a scan of them does, after any change a deal can go through', async () => {
    const { keptCells, scannedCells } = await import('../../db/queries/forecast');
    const raw = core.db.$client;
    const ids = sql<{ id: number }>('SELECT id FROM opportunities ORDER BY id').map((r) => r.id);
    const stages = sql<{ id: number }>('SELECT id FROM stages').map((r) => r.id);
    const users = sql<{ id: number }>('SELECT id FROM users').map((r) => r.id);
    let seed = 7;
    const pick = <T>(xs: T[]) => xs[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % xs.length]!;
    const p = { grain: 'month' as const, from: `${M0}-01`, to: `${shiftPeriod(M0, 'month', 4)}-01`, owner: null, commit: 70, best: 40 };
    const same = () => {
      const order = (rows: unknown[]) => JSON.stringify([...rows].map((r) => JSON.stringify(r)).sort());
      for (const dimension of ['none', 'owner'] as const)
        expect(order(keptCells(core.db, { ...p, dimension }))).toBe(order(scannedCells(core.db, { ...p, dimension })));
    };
    same();
    for (let i = 0; i < 200; i++) {
      const id = pick(ids);
      const change = pick(['probability', 'close', 'owner', 'stage', 'amount', 'none']);
      if (change === 'probability')
        raw.prepare('UPDATE opportunities SET probability = ? WHERE id = ?').run(pick([0, 5, 39, 40, 69, 70, 95, 100]), id);
      if (change === 'close')
        raw.prepare('UPDATE opportunities SET expected_close = ? WHERE id = ?').run(pick([null, `${M0}-03`, `${M1}-28`, '2020-01-01']), id);
      if (change === 'owner') raw.prepare('UPDATE opportunities SET owner_id = ? WHERE id = ?').run(pick([null, ...users]), id);
      if (change === 'stage') raw.prepare('UPDATE opportunities SET stage_id = ? WHERE id = ?').run(pick(stages), id);
      if (change === 'amount')
        raw.prepare('UPDATE opportunities SET amount = ?, cost = ? WHERE id = ?').run(pick([0, 1, 149, 150, 999_999]), pick([0, 77, 500_000]), id);
    }
    same();
    // a stage turned won: its deals leave the pipeline; deleted deals too
    raw.prepare("UPDATE stages SET kind = 'won' WHERE code = 'NEGO'").run();
    same();
    raw.prepare("UPDATE stages SET kind = 'open' WHERE code = 'NEGO'").run();
    raw.pragma('foreign_keys = OFF');
    raw.prepare('DELETE FROM opportunities WHERE id = ?').run(ids[3]);
    raw.pragma('foreign_keys = ON');
    same();
  });
});

describe('the kept stage counts', () => {
  it('count stays by month as the stage history does, whatever order its rows arrive in and after deletions', async () => {
    const { keptLengths, keptStays, scannedLengths, scannedStays } = await import('../../db/queries/kpis');
    const raw = core.db.$client;
    const deals = sql<{ id: number }>('SELECT id FROM opportunities ORDER BY id').map((r) => r.id);
    const stages = sql<{ id: number }>('SELECT id FROM stages').map((r) => r.id);
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const pick = <T>(xs: T[]) => xs[next() % xs.length]!;
    const insert = raw.prepare('INSERT INTO stage_history (opportunity_id, to_stage_id, changed_at) VALUES (?, ?, ?)');
    for (let i = 0; i < 150; i++) {
      // rows pulled from the team come in any order: some land before, between or after a deal's rows
      const at = new Date(Date.parse(`${P}-01T00:00:00Z`) + ((next() % 90) - 45) * 86_400_000 + (next() % 86_400) * 1000).toISOString();
      insert.run(pick(deals), pick(stages), at);
    }
    const rows = sql<{ id: number }>('SELECT id FROM stage_history ORDER BY id').map((r) => r.id);
    for (let i = 0; i < 20; i++) raw.prepare('DELETE FROM stage_history WHERE id = ?').run(pick(rows));
    const order = (xs: unknown[]) => JSON.stringify([...xs].map((x) => JSON.stringify(x)).sort());
    for (let k = -3; k <= 1; k++) {
      const from = `${shiftPeriod(P, 'month', k)}-01`;
      const scope = { from, to: `${shiftPeriod(P, 'month', k + 1)}-01`, owner: null, categories: null };
      expect(order(keptStays(core.db, scope))).toBe(order(scannedStays(core.db, scope)));
      expect(order(keptLengths(core.db, scope))).toBe(order(scannedLengths(core.db, scope)));
    }
  });
});
