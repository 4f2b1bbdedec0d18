import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { AppError } from '../../electron/shared/errors';
import { lineAmount, weighted } from '../../electron/shared/money';
import { foldForSearch } from '../../electron/shared/text';
import { addDays } from '../../electron/shared/dates';
import { smallCore, TODAY } from './helpers';

let core: Core;
let cleanup: () => void;
const list = (input: object) => core.call('opportunities.list', input);
const sql = <T>(q: string, ...params: unknown[]) => core.db.$client.prepare(q).all(...params) as T[];

beforeAll(() => {
  ({ core, cleanup } = smallCore());
});
afterAll(() => cleanup());

describe('core on the small demo company', () => {
  it('reports its health and what the database holds', async () => {
    const h = await core.call('app.health', {});
    expect(h.counts).toEqual({ opportunities: 200, customers: 60, products: 120, warehouses: 6 });
    expect(h.schemaVersion).toBeGreaterThan(0);
  });

  it('pages through every opportunity, newest reference first, with totals of the whole set', async () => {
    const first = await list({ limit: 50 });
    expect(first.total).toBe(200);
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]!.reference).toBe(`OPP-${TODAY.slice(0, 4)}-000200`);
    const all = [...first.rows, ...(await list({ offset: 50, limit: 200 })).rows];
    expect(new Set(all.map((r) => r.id)).size).toBe(200);
    const [sum] = sql<{ amount: number }>('SELECT sum(amount) AS amount FROM opportunities');
    expect(first.totals!.amount).toBe(sum!.amount);
    expect(first.totals!.weightedAmount).toBe(all.reduce((s, r) => s + r.weightedAmount, 0));
  });

  it('stores each deal total as the sum of its lines (qty × price × (1 − discount))', async () => {
    const lines = sql<{ opportunity_id: number; qty: number; unit_price: number; discount: number }>(
      'SELECT opportunity_id, qty, unit_price, discount FROM opportunity_lines',
    );
    const expected = new Map<number, number>();
    for (const l of lines) expected.set(l.opportunity_id, (expected.get(l.opportunity_id) ?? 0) + lineAmount(l.qty, l.unit_price, l.discount));
    const { rows } = await list({ limit: 500 });
    for (const r of rows) {
      expect(r.amount).toBe(expected.get(r.id));
      expect(r.weightedAmount).toBe(weighted(r.amount, r.probability));
    }
  });

  it('sorts by amount both ways, and by customer name', async () => {
    const desc = (await list({ limit: 500, sort: [{ colId: 'amount', sort: 'desc' }] })).rows.map((r) => r.amount);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const asc = (await list({ limit: 500, sort: [{ colId: 'amount', sort: 'asc' }] })).rows.map((r) => r.amount);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const names = (await list({ limit: 500, sort: [{ colId: 'customerName', sort: 'asc' }] })).rows.map((r) => r.customerName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('searches across customer name, title and reference, ignoring accents and case', async () => {
    const [c] = sql<{ name: string; n: number }>(
      'SELECT c.name, count(*) AS n FROM opportunities o JOIN customers c ON c.id = o.customer_id GROUP BY c.id ORDER BY n DESC LIMIT 1',
    );
    const byCustomer = await list({ search: c!.name.toUpperCase(), limit: 500 });
    expect(byCustomer.rows.length).toBeGreaterThanOrEqual(c!.n);
    expect(byCustomer.rows.every((r) => foldForSearch(`${r.customerName} ${r.title} ${r.reference}`).includes(foldForSearch(c!.name)))).toBe(true);
    const byRef = await list({ search: `opp-${TODAY.slice(0, 4)}-000042` });
    expect(byRef.rows.map((r) => r.reference)).toEqual([`OPP-${TODAY.slice(0, 4)}-000042`]);
    const accent = await list({ search: 'receptión' });
    expect(accent.total).toBe(0);
  });

  it('filters by stage kind and by column filters, in display units', async () => {
    const won = await list({ stageKinds: ['won'], limit: 500 });
    expect(won.rows.every((r) => r.stageKind === 'won' && r.probability === 100)).toBe(true);
    const [n] = sql<{ n: number }>("SELECT count(*) AS n FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.kind = 'won'");
    expect(won.total).toBe(n!.n);

    const big = await list({ filters: { amount: { filterType: 'number', type: 'greaterThan', filter: 50_000 } }, limit: 500 });
    const [m] = sql<{ n: number }>('SELECT count(*) AS n FROM opportunities WHERE amount > 500000000');
    expect(big.total).toBe(m!.n);
    expect(big.rows.every((r) => r.amount > 500_000_000)).toBe(true);

    const thin = await list({ filters: { marginRate: { filterType: 'number', type: 'lessThan', filter: 15 } }, limit: 500 });
    expect(thin.rows.every((r) => r.marginRate !== null && r.marginRate < 1500)).toBe(true);

    const stage = await list({ filters: { stageName: { filterType: 'text', type: 'equals', filter: 'negociation' } }, limit: 500 });
    expect(stage.total).toBeGreaterThan(0);
    expect(stage.rows.every((r) => r.stageName === 'Négociation')).toBe(true);

    const either = await list({
      filters: {
        ownerName: {
          filterType: 'text',
          operator: 'OR',
          conditions: [
            { filterType: 'text', type: 'startsWith', filter: 'claire' },
            { filterType: 'text', type: 'startsWith', filter: 'julien' },
          ],
        },
      },
      limit: 500,
    });
    expect(new Set(either.rows.map((r) => r.ownerName))).toEqual(new Set(['Claire Martin', 'Julien Dubois']));

    const [from, to] = [addDays(TODAY, 1), addDays(TODAY, 31)];
    const closing = await list({
      filters: { expectedClose: { filterType: 'date', type: 'inRange', dateFrom: `${from} 00:00:00`, dateTo: `${to} 00:00:00` } },
      limit: 500,
    });
    expect(closing.rows.length).toBeGreaterThan(0);
    expect(closing.rows.every((r) => r.expectedClose! >= from && r.expectedClose! <= to)).toBe(true);
  });

  it('shows the next open activity and sorts on it, deals without one last', async () => {
    const rows = (await list({ limit: 500, sort: [{ colId: 'nextActivityAt', sort: 'asc' }] })).rows;
    const dated = rows.filter((r) => r.nextActivityAt);
    expect(dated.length).toBeGreaterThan(0);
    expect(rows.slice(0, dated.length).every((r) => r.nextActivityAt)).toBe(true);
    const stamps = dated.map((r) => r.nextActivityAt!);
    expect(stamps).toEqual([...stamps].sort());
    const filtered = await list({
      filters: { nextActivityAt: { filterType: 'date', type: 'lessThan', dateFrom: `${TODAY} 00:00:00` } },
      limit: 500,
    });
    expect(filtered.rows.length).toBeGreaterThan(0);
    expect(filtered.rows.every((r) => r.nextActivityAt! < TODAY)).toBe(true);
  });

  it('gets one opportunity with its lines, costs and margins', async () => {
    const [o] = sql<{ id: number; n: number }>(
      'SELECT opportunity_id AS id, count(*) AS n FROM opportunity_lines GROUP BY opportunity_id ORDER BY n DESC LIMIT 1',
    );
    const opp = await core.call('opportunity.get', { id: o!.id });
    expect(opp.lines).toHaveLength(o!.n);
    expect(opp.totals.amount).toBe(opp.lines.reduce((s, l) => s + l.amount, 0));
    expect(opp.totals.cost).toBe(opp.lines.reduce((s, l) => s + l.cost, 0));
    expect(opp.totals.margin).toBe(opp.totals.amount - opp.totals.cost);
    for (const l of opp.lines) {
      expect(l.amount).toBe(lineAmount(l.qty, l.unitPrice, l.discount));
      expect(l.unitCost).toBe(l.erpUnitCost ?? l.replacementUnitCost);
      expect(l.margin).toBe(l.amount - l.cost);
    }
    const [stored] = sql<{ amount: number; cost: number }>('SELECT amount, cost FROM opportunities WHERE id = ?', o!.id);
    expect(stored).toEqual({ amount: opp.totals.amount, cost: opp.totals.cost });
  });

  it('lists stages in order, users, and finds customers and products', async () => {
    const stages = await core.call('stages.list', {});
    expect(stages.map((s) => s.name)).toEqual(['Qualification', 'Devis envoyé', 'Négociation', 'Devis accepté', 'Gagné', 'Perdu']);
    expect(stages.reduce((s, x) => s + x.opportunityCount, 0)).toBe(200);
    const users = await core.call('users.list', {});
    expect(users.some((u) => u.role === 'finance')).toBe(true);
    const customers = await core.call('customers.search', { query: 'gaec' });
    expect(customers.length).toBeGreaterThan(0);
    expect(customers.every((c) => foldForSearch(`${c.code} ${c.name} ${c.city}`).includes('gaec'))).toBe(true);
    const products = await core.call('products.search', { query: 'CIM-0000', limit: 5 });
    expect(products.map((p) => p.code)).toEqual(['CIM-00001', 'CIM-00002', 'CIM-00003', 'CIM-00004', 'CIM-00005']);
    // what is free to promise: the app's own reservations (the demo's accepted quotes) are taken off
    const reserved = sql<{ id: number; code: string }>(
      "SELECT p.id, p.code FROM products p WHERE p.id IN (SELECT product_id FROM reservations WHERE status = 'active') ORDER BY p.id LIMIT 1",
    )[0]!;
    const [hit] = await core.call('products.search', { query: reserved.code, limit: 1 });
    const [stock] = sql<{ s: number }>('SELECT sum(on_hand - reserved_erp) AS s FROM stock_levels WHERE product_id = ?', reserved.id);
    const [mine] = sql<{ q: number }>("SELECT coalesce(sum(qty), 0) AS q FROM reservations WHERE status = 'active' AND product_id = ?", reserved.id);
    expect(mine!.q).toBeGreaterThan(0);
    expect(hit!.available).toBe(stock!.s - mine!.q);
  });

  it('finds by every word of a search, in any order, in products, customers, the grid and the board', async () => {
    // two words of one product's name, reversed: the product is found, and nothing that lacks one of them
    const named = sql<{ code: string; name: string }>("SELECT code, name FROM products WHERE name LIKE '% % %' ORDER BY id LIMIT 1")[0]!;
    const [first, second] = foldForSearch(named.name)
      .split(' ')
      .filter((w) => w.length > 2);
    const products = await core.call('products.search', { query: `${second}   ${first!.toUpperCase()}`, limit: 50 });
    expect(products.map((p) => p.code)).toContain(named.code);
    for (const p of products) expect(foldForSearch(`${p.code} ${p.name}`)).toMatch(new RegExp(`(?=.*${first})(?=.*${second})`));
    expect(await core.call('products.search', { query: `${first} zzqx`, limit: 5 })).toEqual([]);

    // a deal by a word of its customer and a word of its title
    const deal = sql<{ reference: string; title: string; customer: string }>(
      'SELECT o.reference, o.title, c.name AS customer FROM opportunities o JOIN customers c ON c.id = o.customer_id ORDER BY o.id LIMIT 1',
    )[0]!;
    const query = `${deal.title.split(' ')[0]} ${deal.customer.split(' ').at(-1)}`;
    const list = await core.call('opportunities.list', { search: query, limit: 200, withTotals: true });
    expect(list.rows.map((r) => r.reference)).toContain(deal.reference);
    expect(list.total).toBeLessThan(200);
    const board = await core.call('pipeline.board', { search: query });
    const onBoard = board.columns.reduce((n, c) => n + c.count, 0);
    expect(onBoard).toBe(list.rows.filter((r) => r.stageKind === 'open').length);
    const customers = await core.call('customers.search', { query: deal.customer.split(' ').reverse().join(' ') });
    expect(customers.map((c) => c.name)).toContain(deal.customer);
  });

  it('recomputes every total when the cost basis changes and tells clients', async () => {
    const events: unknown[] = [];
    const off = core.bus.source((event, payload) => events.push({ event, payload }));
    const before = sql<{ cost: number }>('SELECT sum(cost) AS cost FROM opportunities')[0]!.cost;
    // a company setting: the manager's
    const desk = (await core.call('settings.get', {})).currentUserId;
    const manager = sql<{ id: number }>("SELECT id FROM users WHERE role = 'manager' ORDER BY id LIMIT 1")[0]!.id;
    await core.call('settings.set', { key: 'currentUserId', value: manager });
    await core.call('settings.set', { key: 'costBasis', value: 'replacement' });
    const after = sql<{ cost: number }>('SELECT sum(cost) AS cost FROM opportunities')[0]!.cost;
    expect(after).not.toBe(before);
    expect(events).toContainEqual({ event: 'data.changed', payload: { entities: ['opportunities'] } });
    await core.call('settings.set', { key: 'costBasis', value: 'erp' });
    expect(sql<{ cost: number }>('SELECT sum(cost) AS cost FROM opportunities')[0]!.cost).toBe(before);
    await core.call('settings.set', { key: 'currentUserId', value: desk });
    off();
  });
});

describe('bad input changes nothing', () => {
  const snapshot = () => JSON.stringify(sql('SELECT key, value FROM settings ORDER BY key'));

  it.each([
    ['opportunities.list', { limit: 0 }, 'limit'],
    ['opportunities.list', { limit: 'ten' }, 'limit'],
    ['opportunities.list', { offset: -1 }, 'offset'],
    ['opportunities.list', { search: 'x'.repeat(500) }, 'search'],
    ['opportunities.list', { sort: [{ colId: 'password', sort: 'asc' }] }, 'sort.0.colId'],
    ['opportunities.list', { filters: { amount: { filterType: 'number', type: 'greaterThan', filter: 'lots' } } }, 'filters.amount'],
    ['opportunities.list', { filters: { amount: { filterType: 'text', type: 'contains', filter: 'x' } } }, 'filters.amount.filterType'],
    ['opportunities.list', { filters: { amount: { filterType: 'number', type: 'greaterThan' } } }, 'filters.amount.filter'],
    ['opportunity.get', { id: -4 }, 'id'],
    ['opportunity.get', { id: 1.5 }, 'id'],
    ['customers.search', { query: 42 }, 'query'],
    ['settings.set', { key: 'locale', value: 'de' }, 'value'],
    ['settings.set', { key: 'nope', value: 1 }, 'key'],
    ['settings.set', { key: 'grid.opportunities', value: { columns: [{ colId: 'x', width: 'wide' }] } }, 'value.columns.0.width'],
  ])('%s %j is refused, naming %s', async (method, input, field) => {
    const before = snapshot();
    const err = (await core.call(method as never, input as never).catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('invalid_input');
    expect(err.details?.issues?.map((i) => i.path)).toContain(field);
    expect(err.message).toContain(field);
    expect(snapshot()).toBe(before);
  });

  it('answers an unknown id with not_found and an unknown method with unknown_method', async () => {
    await expect(core.call('opportunity.get', { id: 999_999 })).rejects.toMatchObject({
      code: 'not_found',
      message: 'Opportunity 999999 does not exist',
    });
    await expect(core.call('opportunities.delete' as never, { id: 1 } as never)).rejects.toMatchObject({ code: 'unknown_method' });
  });

  it('saves and returns a valid setting', async () => {
    const s = await core.call('settings.set', { key: 'locale', value: 'en' });
    expect(s.locale).toBe('en');
    expect((await core.call('settings.get', {})).locale).toBe('en');
  });
});

describe('next activity of a deal', () => {
  it('follows the activities table: earliest open dated activity, cleared when done', () => {
    const raw = core.db.$client;
    const [o] = sql<{ id: number; customer_id: number }>('SELECT id, customer_id FROM opportunities WHERE next_activity_at IS NULL LIMIT 1');
    const next = () => raw.prepare('SELECT next_activity_at AS at, next_activity_title AS title FROM opportunities WHERE id = ?').get(o!.id);
    const add = raw.prepare(
      "INSERT INTO activities (opportunity_id, customer_id, kind, title, due_at, created_at) VALUES (?, ?, 'call', ?, ?, 'now')",
    );
    const late = Number(add.run(o!.id, o!.customer_id, 'Rappeler', '2026-12-10T09:00:00.000Z').lastInsertRowid);
    expect(next()).toEqual({ at: '2026-12-10T09:00:00.000Z', title: 'Rappeler' });
    const early = Number(add.run(o!.id, o!.customer_id, 'Visite', '2026-12-02T14:00:00.000Z').lastInsertRowid);
    expect(next()).toEqual({ at: '2026-12-02T14:00:00.000Z', title: 'Visite' });
    raw.prepare("UPDATE activities SET done_at = 'now' WHERE id = ?").run(early);
    expect(next()).toEqual({ at: '2026-12-10T09:00:00.000Z', title: 'Rappeler' });
    raw.prepare('DELETE FROM activities WHERE id = ?').run(late);
    expect(next()).toEqual({ at: null, title: null });
  });

  it('leaves out the count and totals when not asked (later pages)', async () => {
    const page = await list({ offset: 100, limit: 50, withTotals: false });
    expect(page.rows).toHaveLength(50);
    expect(page.total).toBeNull();
    expect(page.totals).toBeNull();
  });
});
