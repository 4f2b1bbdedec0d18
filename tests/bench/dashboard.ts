import type { Core } from '../../electron/core/core';
import { shiftPeriod } from '../../electron/shared/domain/forecast';
import { weighted } from '../../electron/shared/money';
import { BENCH_NOW } from './large-db';
import { sideBySide, type Row } from './stats';

/**
 * The naive GROUP BY of the dashboards' figures (DESIGN P6): what a first version would run on the
 * raw tables — the stays in each stage found with a window over the whole stage history, the
 * line amounts multiplied out, the forecast at each month's start rebuilt from the history, the
 * stagnation thresholds sorted from every past stay — against core's calls over the kept figures
 * (stay ends and the histogram of stay lengths, line amounts, monthly snapshots).
 */
const STAYS = `SELECT h.opportunity_id, h.to_stage_id, h.changed_at,
    lead(h.changed_at) OVER (PARTITION BY h.opportunity_id ORDER BY h.changed_at, h.id) AS left_at,
    lead(h.to_stage_id) OVER (PARTITION BY h.opportunity_id ORDER BY h.changed_at, h.id) AS next_stage
  FROM stage_history h`;

const NAIVE = {
  forecast: `SELECT substr(o.expected_close, 1, 7) AS m, o.owner_id, count(*), sum(o.amount), sum(o.amount * o.probability / 100),
      sum(CASE WHEN o.probability >= 70 THEN o.amount END), sum(CASE WHEN o.probability >= 40 THEN o.amount END)
    FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.kind = 'open' GROUP BY 1, 2`,
  forecastByCategory: `SELECT substr(o.expected_close, 1, 7) AS m, p.category_id, count(DISTINCT o.id),
      sum(l.qty * l.unit_price / 1000 * (10000 - l.discount) / 10000 * o.probability / 100)
    FROM opportunity_lines l JOIN opportunities o ON o.id = l.opportunity_id JOIN stages s ON s.id = o.stage_id JOIN products p ON p.id = l.product_id
    WHERE s.kind = 'open' GROUP BY 1, 2`,
  forecastByWarehouse: `SELECT substr(o.expected_close, 1, 7) AS m, l.warehouse_id, count(DISTINCT o.id),
      sum(l.qty * l.unit_price / 1000 * (10000 - l.discount) / 10000 * o.probability / 100)
    FROM opportunity_lines l JOIN opportunities o ON o.id = l.opportunity_id JOIN stages s ON s.id = o.stage_id
    WHERE s.kind = 'open' GROUP BY 1, 2`,
  forecastByCustomer: `SELECT substr(o.expected_close, 1, 7) AS m, o.customer_id, count(*), sum(o.amount * o.probability / 100)
    FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.kind = 'open' GROUP BY 1, 2`,
  // the deal's stage at each month's start, looked up in its history (index on deal and date) at every read
  accuracy: `SELECT substr(o.expected_close, 1, 7) AS m, sum(o.amount * s.probability / 100) FROM opportunities o
    JOIN stage_history h ON h.id = (SELECT x.id FROM stage_history x WHERE x.opportunity_id = o.id
      AND x.changed_at <= substr(o.expected_close, 1, 7) || '-01T00:00:00.000Z' ORDER BY x.changed_at DESC, x.id DESC LIMIT 1)
    JOIN stages s ON s.id = h.to_stage_id AND s.kind = 'open'
    WHERE o.expected_close >= @yearAgo AND o.expected_close < @next GROUP BY 1`,
  won: `SELECT substr(o.stage_entered_at, 1, 7), count(*), sum(o.amount) FROM opportunities o JOIN stages s ON s.id = o.stage_id
    WHERE s.kind = 'won' AND o.stage_entered_at >= @yearAgo GROUP BY 1`,
  closed: `SELECT s.kind, count(*), sum(o.amount), sum(o.cost), group_concat(CAST(julianday(o.stage_entered_at) - julianday(o.created_at) AS INTEGER))
    FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.kind IN ('won', 'lost') AND o.stage_entered_at >= @from AND o.stage_entered_at < @to GROUP BY 1`,
  stages: `SELECT st.to_stage_id, count(*), sum(n.kind = 'won' OR n.position > f.position), group_concat(CAST(julianday(st.left_at) - julianday(st.changed_at) AS INTEGER))
    FROM (${STAYS}) st JOIN stages f ON f.id = st.to_stage_id LEFT JOIN stages n ON n.id = st.next_stage
    WHERE (st.changed_at >= @from AND st.changed_at < @to) OR (st.left_at >= @from AND st.left_at < @to) GROUP BY 1`,
  lost: `SELECT o.lost_reason, count(*), sum(o.amount) FROM opportunities o JOIN stages s ON s.id = o.stage_id
    WHERE s.kind = 'lost' AND o.stage_entered_at >= @from AND o.stage_entered_at < @to GROUP BY 1`,
  stagnant: `WITH d AS (SELECT to_stage_id AS stage, CAST(julianday(left_at) - julianday(changed_at) AS INTEGER) AS days FROM (${STAYS}) WHERE left_at IS NOT NULL),
      r AS (SELECT stage, days, row_number() OVER (PARTITION BY stage ORDER BY days) AS rn, count(*) OVER (PARTITION BY stage) AS n FROM d),
      p AS (SELECT stage, min(days) AS p75 FROM r WHERE rn >= (n * 75 + 99) / 100 GROUP BY stage)
    SELECT o.id FROM opportunities o JOIN stages s ON s.id = o.stage_id LEFT JOIN p ON p.stage = o.stage_id
    WHERE s.kind = 'open' AND o.next_activity_at IS NULL AND julianday(@now) - julianday(o.stage_entered_at) > coalesce(s.stagnation_days, p.p75)
    ORDER BY julianday(@now) - julianday(o.stage_entered_at) - coalesce(s.stagnation_days, p.p75) DESC LIMIT 200`,
};

/** The screens' calls: each dashboard as it loads. */
export async function benchDashboard(core: Core, asked: number, log: (m: string) => void): Promise<Row[]> {
  // the naive side takes seconds a round: a few rounds tell the figures apart
  const rounds = Math.min(asked, 8);
  const raw = core.db.$client;
  const count = (sql: string) => raw.prepare(sql).pluck().get() as number;
  log(
    `  ${count('SELECT count(*) FROM opportunities')} deals, ${count('SELECT count(*) FROM stage_history')} stage changes, ${count('SELECT count(*) FROM opportunity_lines')} lines`,
  );
  const t0 = Date.now();
  core.tick();
  log(`  the forecast snapshots of 13 months taken in ${Date.now() - t0} ms (once, at the first clock turn)`);
  const month = BENCH_NOW.slice(0, 7);
  const previous = shiftPeriod(month, 'month', -1);
  const bounds = {
    from: `${previous}-01`,
    to: `${month}-01`,
    yearAgo: `${shiftPeriod(month, 'month', -12)}-01`,
    next: `${shiftPeriod(month, 'month', 1)}-01`,
    now: BENCH_NOW,
  };
  const stmt = (sql: string) => raw.prepare(sql);
  const naive = Object.fromEntries(Object.entries(NAIVE).map(([k, sql]) => [k, stmt(sql)])) as Record<keyof typeof NAIVE, ReturnType<typeof stmt>>;
  const params = (s: ReturnType<typeof stmt>) => Object.fromEntries(Object.entries(bounds).filter(([k]) => s.source.includes(`@${k}`)));
  const run =
    (...names: (keyof typeof NAIVE)[]) =>
    () => {
      for (const n of names) naive[n].all(params(naive[n]));
    };
  const scenarios: { name: string; app: () => Promise<unknown>; naive: () => void }[] = [
    {
      name: 'manager: forecast by trader, 6 months + 12 months against won',
      app: () => core.call('dashboard.forecast', { grain: 'month', dimension: 'owner', periods: 6 }),
      naive: run('forecast', 'accuracy', 'won'),
    },
    {
      name: 'manager: forecast by category (line amounts)',
      app: () => core.call('dashboard.forecast', { grain: 'month', dimension: 'category', periods: 6 }),
      naive: run('forecastByCategory', 'accuracy', 'won'),
    },
    {
      name: 'manager: forecast by warehouse (line amounts)',
      app: () => core.call('dashboard.forecast', { grain: 'month', dimension: 'warehouse', periods: 6 }),
      naive: run('forecastByWarehouse', 'accuracy', 'won'),
    },
    {
      name: 'manager: forecast by customer (top 15 and the rest)',
      app: () => core.call('dashboard.forecast', { grain: 'month', dimension: 'customer', periods: 6 }),
      naive: run('forecastByCustomer', 'accuracy', 'won'),
    },
    {
      name: 'manager: KPIs of last month against the one before',
      app: () => core.call('dashboard.kpis', { grain: 'month', period: previous }),
      naive: () => {
        run('closed', 'stages', 'lost')();
        const before = { ...bounds, from: `${shiftPeriod(previous, 'month', -1)}-01`, to: bounds.from };
        for (const n of ['closed', 'stages', 'lost'] as const)
          naive[n].all(Object.fromEntries(Object.entries(before).filter(([k]) => naive[n].source.includes(`@${k}`))));
      },
    },
    {
      name: 'manager: stagnant deals (p75 thresholds)',
      app: () => core.call('dashboard.deals', { slice: { kind: 'stagnant' }, limit: 200 }),
      naive: run('stagnant'),
    },
  ];
  const rows: Row[] = [];
  for (const s of scenarios) {
    const r = await sideBySide(s.app, s.naive, rounds, 1);
    rows.push({ benchmark: s.name, app: r.a, baseline: r.b, ratio: r.a.median / r.b.median, target: 'p95 < 100 ms', ok: r.a.p95 < 100 });
  }
  // the whole manager's screen as it loads: every call it makes, one after the other
  const whole = await sideBySide(
    async () => {
      await core.call('dashboard.forecast', { grain: 'month', dimension: 'owner', periods: 6 });
      await core.call('dashboard.kpis', { grain: 'month', period: month });
      await core.call('dashboard.deals', { slice: { kind: 'stagnant' }, limit: 200 });
      await core.call('approvals.queue', { status: 'pending', kind: 'margin' });
    },
    run('forecast', 'accuracy', 'won', 'closed', 'stages', 'lost', 'stagnant'),
    rounds,
    1,
  );
  rows.push({
    benchmark: 'manager dashboard, every call of the screen',
    app: whole.a,
    baseline: whole.b,
    ratio: whole.a.median / whole.b.median,
    target: 'p95 < 100 ms',
    ok: whole.a.p95 < 100,
  });
  rows.push(await noStaleFigures(core, log));
  rows.push(await noStaleCut(core, log));
  return rows;
}

/** A line is added: the next forecast by category counts it in its top category, its deal once. */
async function noStaleCut(core: Core, log: (m: string) => void): Promise<Row> {
  const raw = core.db.$client;
  const month = BENCH_NOW.slice(0, 7);
  const deal = raw
    .prepare(
      "SELECT o.id, o.probability FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.kind = 'open' AND o.expected_close LIKE ? AND o.probability > 0 ORDER BY o.id LIMIT 1",
    )
    .get(`${month}%`) as { id: number; probability: number };
  const line = raw
    .prepare(
      'SELECT l.product_id AS productId, r.root_id AS root FROM opportunity_lines l JOIN products p ON p.id = l.product_id JOIN category_roots r ON r.category_id = p.category_id WHERE l.opportunity_id = ? LIMIT 1',
    )
    .get(deal.id) as { productId: number; root: number };
  const cell = async () =>
    (await core.call('dashboard.forecast', { grain: 'month', dimension: 'category', periods: 6 })).rows.find((r) => r.key === line.root)!.cells[
      month
    ]!;
  const before = await cell();
  const t0 = performance.now();
  const detail = await core.call('opportunity.addLine', { opportunityId: deal.id, productId: line.productId, qty: 2, unitPrice: 123_45 });
  const after = await cell();
  const ms = performance.now() - t0;
  const added = detail.lines.at(-1)!;
  await core.call('opportunity.deleteLine', { lineId: added.id });
  const expected = weighted(added.amount, deal.probability);
  const ok = after.weighted - before.weighted === expected && after.deals === before.deals;
  log(
    `  a line added to a deal already in its top category: that cell's weighted moved by ${after.weighted - before.weighted} (expected ${expected}), its deals ${before.deals} → ${after.deals} ${ok ? 'ok' : 'STALE'}`,
  );
  const one = { median: ms, p95: ms, min: ms, n: 1 };
  return {
    benchmark: 'a line is added → the forecast by category counts it (no cache)',
    app: one,
    baseline: one,
    ratio: 1,
    target: 'equal to the change',
    ok,
  };
}

/** A deal changes: the next read of the forecast counts it (nothing cached). */
async function noStaleFigures(core: Core, log: (m: string) => void): Promise<Row> {
  const raw = core.db.$client;
  const deal = raw
    .prepare(
      "SELECT o.id, o.amount, o.probability FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.kind = 'open' AND o.expected_close LIKE ? AND o.amount > 0 ORDER BY o.id LIMIT 1",
    )
    .get(`${BENCH_NOW.slice(0, 7)}%`) as { id: number; amount: number; probability: number };
  const total = async () => (await core.call('dashboard.forecast', { grain: 'month', periods: 6 })).totals[BENCH_NOW.slice(0, 7)]!.weighted;
  const before = await total();
  const p = deal.probability === 90 ? 80 : 90;
  const t0 = performance.now();
  await core.call('opportunity.update', { id: deal.id, probability: p });
  const after = await total();
  const ms = performance.now() - t0;
  await core.call('opportunity.update', { id: deal.id, probability: deal.probability });
  const expected = weighted(deal.amount, p) - weighted(deal.amount, deal.probability);
  const ok = after - before === expected;
  log(
    `  a deal's probability ${deal.probability} → ${p} %: this month's weighted moved by ${after - before} (expected ${expected}) ${ok ? 'ok' : 'STALE'}`,
  );
  const one = { median: ms, p95: ms, min: ms, n: 1 };
  return {
    benchmark: 'a deal changes → the next forecast counts it (no cache)',
    app: one,
    baseline: one,
    ratio: 1,
    target: 'equal to the change',
    ok,
  };
}
