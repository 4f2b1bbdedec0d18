import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutation, newId, startTestHub, type TestHub } from './fixtures/hub';
import { NOW } from './helpers';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub(NOW);
});
afterAll(() => t.close());

/** What the hub decides itself, whatever a desk sends (TEAM.md protocols 6–7): who may decide, against the state of the moment. */
describe('authority at the hub', () => {
  it('decides approvals by role against the state of the moment, never by the person who asked', async () => {
    const trader = await t.person('ap.trader', ['trader']);
    const otherTrader = await t.person('ap.trader2', ['trader']);
    const finance = await t.person('ap.finance', ['finance']);
    const manager = await t.person('ap.manager', ['manager', 'trader']);
    const ask = (id: string, kind: string, by: string) =>
      mutation(1, {
        table: 'approvals',
        id,
        fields: { kind, status: 'pending', requestedBy: by, reason: 'gros client', figures: {}, decidedBy: null },
      });
    const decide = (n: number, id: string, by: string, status = 'approved') =>
      mutation(n, {
        table: 'approvals',
        id,
        op: 'update',
        baseVersion: 1,
        fields: { status, decidedBy: by },
        old: { status: 'pending', decidedBy: null },
      });
    const credit = newId();
    await trader.client.call('hub.push', { mutations: [ask(credit, 'credit', trader.userId)] });
    // a trader's desk sending a decision built by hand
    expect((await otherTrader.client.call('hub.push', { mutations: [decide(1, credit, otherTrader.userId)] })).results[0]).toMatchObject({
      status: 'rejected',
      reason: 'hub.notDecider: credit',
    });
    expect((await trader.client.call('hub.push', { mutations: [decide(2, credit, trader.userId)] })).results[0]!.reason).toBe(
      'hub.notDecider: credit',
    );
    expect((await finance.client.call('hub.push', { mutations: [decide(1, credit, manager.userId)] })).results[0]!.reason).toBe(
      'hub.decidedForSomeoneElse',
    );
    expect((await finance.client.call('hub.push', { mutations: [decide(2, credit, finance.userId)] })).results[0]!.status).toBe('applied');
    expect((await manager.client.call('hub.push', { mutations: [decide(1, credit, manager.userId, 'refused')] })).results[0]!.reason).toBe(
      'hub.alreadyDecided: approved',
    );
    // a margin approval: finance may not, the manager may not decide his own, another manager may
    const margin = newId();
    await manager.client.call('hub.push', { mutations: [ask(margin, 'margin', manager.userId)].map((m) => ({ ...m, number: 2 })) });
    expect((await finance.client.call('hub.push', { mutations: [decide(3, margin, finance.userId)] })).results[0]!.reason).toBe(
      'hub.notDecider: margin',
    );
    expect((await manager.client.call('hub.push', { mutations: [decide(3, margin, manager.userId)] })).results[0]!.reason).toBe('hub.fourEyes');
    // born decided: refused
    const sneaky = newId();
    const born = mutation(3, { table: 'approvals', id: sneaky, fields: { kind: 'credit', status: 'approved', requestedBy: trader.userId } });
    expect((await trader.client.call('hub.push', { mutations: [born] })).results[0]!.reason).toBe('hub.decidedAtBirth');
    // a company of one turns four eyes off
    await t.admin.call('settings.fourEyes', { on: false });
    expect((await manager.client.call('hub.push', { mutations: [decide(4, margin, manager.userId)] })).results[0]!.status).toBe('applied');
    await t.admin.call('settings.fourEyes', { on: true });
  });

  it('lets an activity be changed by its person, its role’s holders, its author or a manager; reminder rules by a manager', async () => {
    const a = await t.person('ac.a', ['trader']);
    const b = await t.person('ac.b', ['trader']);
    const buyer = await t.person('ac.buyer', ['purchasing']);
    const boss = await t.person('ac.boss', ['manager']);
    const call = newId();
    const task = newId();
    const fields = { kind: 'call', title: 'Rappeler', doneAt: null, role: null, createdBy: a.userId };
    await a.client.call('hub.push', {
      mutations: [
        mutation(1, { table: 'activities', id: call, fields: { ...fields, ownerId: a.userId } }),
        mutation(2, { table: 'activities', id: task, fields: { ...fields, kind: 'task', ownerId: null, role: 'purchasing', createdBy: null } }),
      ],
    });
    const done = (n: number, id: string, version = 1) =>
      mutation(n, { table: 'activities', id, op: 'update', baseVersion: version, fields: { doneAt: NOW }, old: { doneAt: null } });
    expect((await b.client.call('hub.push', { mutations: [done(1, call)] })).results[0]!.reason).toBe('hub.notYours');
    expect((await b.client.call('hub.push', { mutations: [done(2, task)] })).results[0]!.reason).toBe('hub.notYours');
    expect((await buyer.client.call('hub.push', { mutations: [done(1, task)] })).results[0]!.status).toBe('applied');
    expect((await boss.client.call('hub.push', { mutations: [done(1, call)] })).results[0]!.status).toBe('applied');
    // a reminder rule is the company's: a trader's is refused, a manager's kept
    const rule = (n: number) =>
      mutation(n, {
        table: 'rules',
        id: newId(),
        fields: { kind: 'reminder', scope: 'company', scopeId: null, params: { trigger: 'close_overdue' }, active: true },
      });
    expect((await a.client.call('hub.push', { mutations: [rule(3)] })).results[0]!.reason).toBe('hub.notManager');
    expect((await boss.client.call('hub.push', { mutations: [rule(2)] })).results[0]!.status).toBe('applied');
  });

  it('refuses a stage move from a stage the deal has already left', async () => {
    const a = await t.person('st.a', ['trader']);
    const b = await t.person('st.b', ['trader']);
    const deal = newId();
    await a.client.call('hub.push', { mutations: [mutation(1, { table: 'opportunities', id: deal, fields: { title: 'Deal', stageId: 'qual' } })] });
    const move = (n: number, from: string, to: string) =>
      mutation(n, { table: 'opportunities', id: deal, op: 'update', baseVersion: 1, fields: { stageId: to }, old: { stageId: from } });
    expect((await a.client.call('hub.push', { mutations: [move(2, 'qual', 'accept')] })).results[0]!.status).toBe('applied');
    expect((await b.client.call('hub.push', { mutations: [move(1, 'qual', 'lost')] })).results[0]!.reason).toBe('hub.stageMoved: accept');
  });

  it('puts a customer on credit hold or lifts it for finance and managers only, in their own name; two desks holding one customer make one row', async () => {
    const trader = await t.person('ch.trader', ['trader']);
    const finance = await t.person('ch.finance', ['finance']);
    const manager = await t.person('ch.manager', ['manager']);
    // the uid a desk makes from the customer: the same at every desk
    const row = newId();
    const hold = (n: number, by: string, fields: Record<string, unknown>) =>
      mutation(n, { table: 'credit_holds', id: row, fields: { customerId: '42', decidedBy: by, decidedAt: NOW, ...fields } });
    const pull = async () =>
      (await finance.client.call('hub.pull', { cursor: null, limit: 500 })).changes.filter((c) => c.table === 'credit_holds' && c.id === row);
    expect(
      (await trader.client.call('hub.push', { mutations: [hold(1, trader.userId, { hold: true, reason: 'impayés' })] })).results[0],
    ).toMatchObject({
      status: 'rejected',
      reason: 'hub.notHolder',
    });
    expect(
      (await finance.client.call('hub.push', { mutations: [hold(1, manager.userId, { hold: true, reason: 'impayés' })] })).results[0]!.reason,
    ).toBe('hub.decidedForSomeoneElse');
    expect(
      (await finance.client.call('hub.push', { mutations: [hold(2, finance.userId, { hold: true, reason: 'impayés' })] })).results[0]!.status,
    ).toBe('applied');
    // the manager's desk held it too, offline, then lifts it: its creation edits the one row
    expect((await manager.client.call('hub.push', { mutations: [hold(1, manager.userId, { hold: false, reason: '' })] })).results[0]).toMatchObject({
      status: 'applied',
    });
    const changes = await pull();
    expect(changes.at(-1)).toMatchObject({ version: 2, data: { customerId: '42', hold: false, decidedBy: manager.userId } });
    // a trader may not edit the hold either
    const edit = mutation(2, {
      table: 'credit_holds',
      id: row,
      op: 'update',
      baseVersion: 2,
      fields: { hold: true, reason: 'x' },
      old: { hold: false, reason: '' },
    });
    expect((await trader.client.call('hub.push', { mutations: [edit] })).results[0]!.reason).toBe('hub.notHolder');
  });
  it('grants a reservation as the desk judged it: the free stock reported plus the receipts due by its date, less everyone’s reservations; the rest is a shortage', async () => {
    const a = await t.person('rs.a', ['trader']);
    const b = await t.person('rs.b', ['trader']);
    const reserve = (n: number, id: string, qty: number, incoming: number) =>
      mutation(n, {
        table: 'reservations',
        id,
        fields: { productId: 'p-77', warehouseId: 'w-1', qty, status: 'active', stockSeen: 10_000, stockAsOf: NOW, stockIncoming: incoming },
      });
    // 10 on hand, 5 arriving before the deal's date: 12 granted
    const first = newId();
    expect((await a.client.call('hub.push', { mutations: [reserve(1, first, 12_000, 5_000)] })).results[0]!.status).toBe('applied');
    // another deal wanted before the receipt: 10 − 12 leaves nothing
    const second = newId();
    expect((await b.client.call('hub.push', { mutations: [reserve(1, second, 3_000, 0)] })).results[0]!.status).toBe('applied');
    const rows = (await a.client.call('hub.pull', { cursor: null, limit: 5000 })).changes;
    expect(rows.filter((c) => c.id === first).at(-1)!.data).toMatchObject({ qty: 12_000, status: 'active' });
    expect(rows.filter((c) => c.id === second).at(-1)!.data).toMatchObject({ qty: 0, status: 'released' });
    expect(rows.filter((c) => c.table === 'shortages' && c.data.productId === 'p-77')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ qty: 3_000, reason: 'team.reservedElsewhere', status: 'open' }) }),
    ]);
  });
});
