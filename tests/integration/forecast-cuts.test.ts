import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startCore, type Core } from '../../electron/core/core';
import { forecastRows } from '../../electron/core/dashboard-forecast';
import { shiftPeriod } from '../../electron/shared/domain/forecast';
import { money, weightedSql } from '../../electron/shared/money';
import { cutCells, scannedCells, topCustomerCells, wonByPeriod, type CellRow } from '../../db/queries/forecast';
import { keptClosed, scannedClosed } from '../../db/queries/kpis';
import { refreshOpportunityTotals } from '../../db/queries/totals';
import { testClock } from '../clock';
import { writeHandCompany } from './fixtures/manager-company';
import { tempDir } from './helpers';

/**
 * The forecast by top category, warehouse and customer on the hand-made company: the cuts kept by
 * triggers (migration 0023) against a scan of the raw lines, after every kind of change.
 */
const clock = testClock();
const { dir, cleanup } = tempDir();
let core: Core;
let ids: Map<string, number>;
const eur = money.fromUnits;
const M0 = clock.today().slice(0, 7);
const M1 = shiftPeriod(M0, 'month', 1);
const window = { grain: 'month' as const, from: `${M0}-01`, to: `${shiftPeriod(M0, 'month', 4)}-01`, owner: null, commit: 70, best: 40 };
const sql = <T>(q: string, ...p: unknown[]) => core.db.$client.prepare(q).all(...p) as T[];
const one = (q: string, ...p: unknown[]) =>
  core.db.$client
    .prepare(q)
    .pluck()
    .get(...p) as number;
const order = (rows: unknown[]) => [...rows].map((r) => JSON.stringify(r)).sort();
const addLine = (deal: number, product: number, warehouse: number | null, amount: number) =>
  core.db.$client
    .prepare(
      `INSERT INTO opportunity_lines (opportunity_id, position, product_id, warehouse_id, qty, unit_price, discount, amount, cost)
       VALUES (?, 9, ?, ?, 1000, ?, 0, ?, 0)`,
    )
    .run(deal, product, warehouse, amount, amount).lastInsertRowid as number;
const productOf = (category: string) =>
  one('SELECT p.id FROM products p JOIN product_categories c ON c.id = p.category_id WHERE c.code = ? ORDER BY p.id LIMIT 1', category);
const categoryId = (code: string) => one('SELECT id FROM product_categories WHERE code = ?', code);
const cell = (rows: CellRow[], period: string, key: number) => rows.find((r) => r.period === period && r.key === key);

beforeAll(() => {
  core = startCore({ dbPath: join(dir, 'comptoir.sqlite'), demo: 'small', validateOutput: true, now: clock.now, reminderEveryMs: 0 });
  ids = writeHandCompany(core, clock.now());
});
afterAll(() => {
  core.close();
  cleanup();
});

describe('the forecast by customer', () => {
  it('ranks the customers by weighted amount up to the window’s end, ties by id, and gives their cells as the scan does', () => {
    // the hand company's deals spread over four customers, through the triggers of the kept pipeline by customer
    const four = sql<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 4').map((r) => r.id);
    const deals = sql<{ id: number }>('SELECT id FROM opportunities ORDER BY id').map((r) => r.id);
    deals.forEach((id, k) => core.db.$client.prepare('UPDATE opportunities SET customer_id = ? WHERE id = ?').run(four[k % 4], id));
    const owners = [null, ...sql<{ id: number }>('SELECT DISTINCT owner_id AS id FROM opportunities WHERE owner_id IS NOT NULL').map((r) => r.id)];
    for (const owner of owners) {
      const all = scannedCells(core.db, { ...window, owner, dimension: 'customer' });
      const totals = new Map<number, number>();
      for (const c of all) totals.set(c.key!, (totals.get(c.key!) ?? 0) + c.weighted);
      const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
      if (owner === null) expect(ranked.length).toBeGreaterThan(2);
      for (const top of [1, 2, ranked.length + 2]) {
        const cells = topCustomerCells(core.db, { ...window, owner, dimension: 'customer', top });
        expect(order(cells)).toEqual(order(all.filter((c) => ranked.slice(0, top).includes(c.key!))));
      }
    }
  });

  it('puts the customers beyond the first ones on one line: what the period’s total leaves', () => {
    const cell = (deals: number, amount: number) => ({ deals, amount, weighted: amount / 2, commit: 0, bestCase: amount });
    const rows = forecastRows(
      [
        { period: M0, key: 5, ...cell(2, 800) },
        { period: M1, key: 5, ...cell(1, 100) },
        { period: M0, key: 6, ...cell(1, 1_000) },
      ],
      'customer',
      { [M0]: cell(5, 2_000), [M1]: cell(1, 100), undated: cell(4, 60) },
    );
    expect(rows.map((r) => r.key)).toEqual([6, 5, 0]);
    expect(rows[2]!.cells).toEqual({ [M0]: cell(2, 200), undated: cell(4, 60) });
    expect(rows[2]!.total).toEqual(cell(6, 260));
  });
});

describe('the forecast by top category and by warehouse', () => {
  it('counts a deal once in each row its lines fall in, and sums its lines', async () => {
    // D4 (next month, 20 000 € of cement at 30 %) gets gravel (same top category) and seeds (another)
    const d4 = ids.get('D4')!;
    addLine(d4, productOf('GRA'), null, eur(1_000));
    addLine(d4, productOf('SEM'), null, eur(500));
    refreshOpportunityTotals(core.db, { today: clock.today(), ids: [d4] });
    const rows = cutCells(core.db, { ...window, dimension: 'category' });
    expect(cell(rows, M1, categoryId('MAT'))).toMatchObject({ deals: 1, amount: eur(21_000), weighted: eur(6_300) });
    expect(cell(rows, M1, categoryId('AGR'))).toMatchObject({ deals: 1, amount: eur(500), weighted: eur(150) });
    expect(order(rows)).toEqual(order(scannedCells(core.db, { ...window, dimension: 'category' })));
    const f = await core.call('dashboard.forecast', { grain: 'month', periods: 3, dimension: 'category' });
    // the period's total counts D4 once, with all its lines
    expect(f.totals[M1]).toMatchObject({ deals: 1, amount: eur(21_500) });
    expect(f.rows.find((r) => r.key === categoryId('MAT'))!.cells[M1]).toMatchObject({ deals: 1, amount: eur(21_000) });
  });

  it('stays equal to a scan of the lines after any change a line, a deal, a product, the tree or a stage can go through', () => {
    const raw = core.db.$client;
    const deals = sql<{ id: number }>('SELECT id FROM opportunities ORDER BY id').map((r) => r.id);
    const products = sql<{ id: number }>('SELECT id FROM products ORDER BY id').map((r) => r.id);
    const categories = sql<{ id: number }>('SELECT id FROM product_categories ORDER BY id').map((r) => r.id);
    const warehouses = [null, ...sql<{ id: number }>('SELECT id FROM warehouses').map((r) => r.id)];
    const stages = sql<{ id: number }>('SELECT id FROM stages').map((r) => r.id);
    const users = [null, ...sql<{ id: number }>('SELECT id FROM users').map((r) => r.id)];
    let seed = 23;
    const pick = <T>(xs: T[]) => xs[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % xs.length]!;
    const lines = () => sql<{ id: number }>('SELECT id FROM opportunity_lines ORDER BY id').map((r) => r.id);
    const customers = sql<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 6').map((r) => r.id);
    const same = () => {
      for (const dimension of ['category', 'warehouse'] as const)
        expect(order(cutCells(core.db, { ...window, dimension }))).toEqual(order(scannedCells(core.db, { ...window, dimension })));
      expect(order(sql('SELECT customer_id, close_month, deals, weighted FROM forecast_customers WHERE deals != 0'))).toEqual(
        order(
          sql(`SELECT coalesce(o.customer_id, 0) AS customer_id, coalesce(substr(o.expected_close, 1, 7), '') AS close_month, count(*) AS deals,
                 sum(${weightedSql('o.amount', 'o.probability')}) AS weighted
               FROM opportunities o JOIN stages s ON s.id = o.stage_id AND s.kind = 'open' GROUP BY 1, 2`),
        ),
      );
    };
    const run = (n: number) => {
      for (let i = 0; i < n; i++) {
        const change = pick(['add', 'add', 'delete', 'amount', 'product', 'warehouse', 'move', 'deal', 'customer', 'category']);
        if (change === 'add') addLine(pick(deals), pick(products), pick(warehouses), pick([0, 1, 149, 150, 999_999]));
        const line = pick(lines());
        if (change === 'delete') raw.prepare('DELETE FROM opportunity_lines WHERE id = ?').run(line);
        if (change === 'amount') raw.prepare('UPDATE opportunity_lines SET amount = ? WHERE id = ?').run(pick([0, 7, 151, 40_000]), line);
        if (change === 'product') raw.prepare('UPDATE opportunity_lines SET product_id = ? WHERE id = ?').run(pick(products), line);
        if (change === 'warehouse') raw.prepare('UPDATE opportunity_lines SET warehouse_id = ? WHERE id = ?').run(pick(warehouses), line);
        if (change === 'move') raw.prepare('UPDATE opportunity_lines SET opportunity_id = ? WHERE id = ?').run(pick(deals), line);
        if (change === 'category') raw.prepare('UPDATE products SET category_id = ? WHERE id = ?').run(pick([null, ...categories]), pick(products));
        if (change === 'deal')
          raw
            .prepare('UPDATE opportunities SET probability = ?, expected_close = ?, owner_id = ?, stage_id = ? WHERE id = ?')
            .run(pick([0, 39, 40, 70, 100]), pick([null, `${M0}-03`, `${M1}-28`, '2020-01-01']), pick(users), pick(stages), pick(deals));
        if (change === 'customer')
          raw
            .prepare('UPDATE opportunities SET customer_id = ?, amount = ? WHERE id = ?')
            .run(pick(customers), pick([0, 3, 151, 77_777]), pick(deals));
      }
    };
    same();
    run(300);
    same();
    // the tree moves: a top category under another, a new top above it, back again
    raw.prepare('UPDATE product_categories SET parent_id = ? WHERE code = ?').run(categoryId('AGR'), 'MAT');
    same();
    const top = raw.prepare("INSERT INTO product_categories (code, name, pulled_at) VALUES ('TOP', 'Tout', ?)").run(clock.now()).lastInsertRowid;
    raw.prepare('UPDATE product_categories SET parent_id = ? WHERE code = ?').run(top, 'AGR');
    same();
    raw.prepare('UPDATE product_categories SET parent_id = NULL WHERE code IN (?, ?)').run('MAT', 'AGR');
    same();
    // a category pulled before its parent: the parent, when it comes, adopts it and its products
    raw.prepare('UPDATE product_categories SET parent_id = 9999 WHERE code = ?').run('CIM');
    same();
    raw.prepare("INSERT INTO product_categories (id, code, name, pulled_at) VALUES (9999, 'LATE', 'Arrivée tard', ?)").run(clock.now());
    expect(one('SELECT root_id FROM category_roots WHERE category_id = ?', categoryId('CIM'))).toBe(9999);
    same();
    raw.prepare('DELETE FROM product_categories WHERE id = 9999').run();
    expect(one('SELECT root_id FROM category_roots WHERE category_id = ?', categoryId('CIM'))).toBe(categoryId('CIM'));
    same();
    // a loop in a broken tree does not hang either side
    raw.prepare('UPDATE product_categories SET parent_id = ? WHERE code = ?').run(categoryId('CIM'), 'MAT');
    raw.prepare('UPDATE product_categories SET parent_id = ? WHERE code = ?').run(categoryId('MAT'), 'CIM');
    same();
    raw.prepare('UPDATE product_categories SET parent_id = NULL WHERE code = ?').run('MAT');
    run(100);
    same();
    // a stage turned won and back; a deal deleted with its lines
    raw.prepare("UPDATE stages SET kind = 'won' WHERE code = 'DEVIS'").run();
    same();
    raw.prepare("UPDATE stages SET kind = 'open' WHERE code = 'DEVIS'").run();
    raw.prepare('DELETE FROM opportunities WHERE id = ?').run(ids.get('D4'));
    same();
    expect(one('SELECT count(*) FROM forecast_cuts WHERE deals < 0 OR (deals = 0 AND (amount != 0 OR weighted != 0))')).toBe(0);
  });
});

describe('the closed deals kept by month', () => {
  it('group the won and lost deals as a scan of them does, after any change a deal or a stage can go through', () => {
    const raw = core.db.$client;
    const deals = sql<{ id: number }>('SELECT id FROM opportunities ORDER BY id').map((r) => r.id);
    const stages = sql<{ id: number }>('SELECT id FROM stages').map((r) => r.id);
    let seed = 31;
    const pick = <T>(xs: T[]) => xs[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % xs.length]!;
    const months = [-3, -2, -1, 0, 1].map((k) => shiftPeriod(M0, 'month', k));
    const same = () => {
      for (const m of months) {
        const scope = { from: `${m}-01`, to: `${shiftPeriod(m, 'month', 1)}-01`, owner: null, categories: null };
        expect(order(keptClosed(core.db, scope))).toEqual(order(scannedClosed(core.db, scope)));
      }
      const span = { grain: 'month' as const, from: `${months[0]}-01`, to: `${shiftPeriod(M0, 'month', 2)}-01` };
      const team = wonByPeriod(core.db, { ...span, owner: null });
      const perOwner = sql<{ id: number }>('SELECT id FROM users').flatMap((u) => wonByPeriod(core.db, { ...span, owner: u.id }));
      const unowned = sql<{ deals: number }>(
        "SELECT count(*) AS deals FROM opportunities o JOIN stages s ON s.id = o.stage_id AND s.kind = 'won' WHERE o.owner_id IS NULL AND o.stage_entered_at >= ? AND o.stage_entered_at < ?",
        span.from,
        span.to,
      )[0]!.deals;
      expect(team.reduce((n, r) => n + r.deals, 0)).toBe(perOwner.reduce((n, r) => n + r.deals, 0) + unowned);
    };
    same();
    const at = (k: number) => new Date(Date.parse(`${M0}-01T00:00:00Z`) + k * 86_400_000 + (k % 7) * 3_600_000).toISOString();
    for (let i = 0; i < 300; i++) {
      const id = pick(deals);
      const change = pick(['stage', 'entered', 'created', 'reason', 'amount', 'owner']);
      if (change === 'stage') raw.prepare('UPDATE opportunities SET stage_id = ? WHERE id = ?').run(pick(stages), id);
      if (change === 'entered')
        raw.prepare('UPDATE opportunities SET stage_entered_at = ? WHERE id = ?').run(at(pick([-80, -31, -1, 0, 12, 40])), id);
      if (change === 'created') raw.prepare('UPDATE opportunities SET created_at = ? WHERE id = ?').run(at(pick([-200, -90, -35])), id);
      if (change === 'reason') raw.prepare('UPDATE opportunities SET lost_reason = ? WHERE id = ?').run(pick([null, '', 'Prix', 'Délai']), id);
      if (change === 'amount') raw.prepare('UPDATE opportunities SET amount = ?, cost = ? WHERE id = ?').run(pick([0, 5, 9_999]), pick([0, 3]), id);
      if (change === 'owner')
        raw
          .prepare('UPDATE opportunities SET owner_id = ? WHERE id = ?')
          .run(pick([null, ...sql<{ id: number }>('SELECT id FROM users').map((u) => u.id)]), id);
    }
    same();
    raw.prepare("UPDATE stages SET kind = 'lost' WHERE code = 'NEGO'").run();
    same();
    raw.prepare("UPDATE stages SET kind = 'open' WHERE code = 'NEGO'").run();
    raw.prepare('DELETE FROM opportunities WHERE id = ?').run(pick(deals));
    same();
    expect(sql('SELECT 1 FROM closed_months WHERE deals < 0 OR (deals = 0 AND (amount != 0 OR cost != 0))')).toEqual([]);
  });
});
