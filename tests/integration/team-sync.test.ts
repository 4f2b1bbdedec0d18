import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../electron/shared/dates';
import { deskRoom, signIn, type Desk } from './fixtures/desks';
import { mutation, startTestHub, type TestHub } from './fixtures/hub';
import { keyedUid } from '../../electron/shared/team/keyed-uid';
import { NOW, TODAY, until } from './helpers';

/**
 * Three desks (three cores on three SQLite files, each with its connector) and one hub on a real
 * PostgreSQL: the team's data reaches every desk, decisions travel, nothing is lost or doubled.
 */
let hub: TestHub;
const room = deskRoom();
let a: Desk;
let b: Desk;
let c: Desk;

beforeAll(async () => {
  hub = await startTestHub(NOW);
  a = room.open('trader');
  b = room.open('credit');
  c = room.open('buyer');
}, 120_000);
afterAll(async () => {
  room.close();
  await hub.close();
});

const sameRows = (x: Desk, y: Desk) => {
  const [rx, ry] = [x.teamRows(), y.teamRows()];
  const differ = [...new Set([...rx.keys(), ...ry.keys()])].filter((k) => rx.get(k) !== ry.get(k));
  return differ;
};

describe('a team of three desks', () => {
  it('the first desk of an empty hub uploads its data; the next ones take the team’s instead of their own', async () => {
    await signIn(hub, a, 'ana', ['trader']);
    await a.settled();
    const own = b.one<{ uid: string }>('SELECT uid FROM opportunities ORDER BY id LIMIT 1').uid;
    // b's own company, changed, has its month-start forecasts taken before it joins
    b.core.db.$client.prepare('UPDATE opportunities SET probability = 0').run();
    b.core.tick();
    await signIn(hub, b, 'flo', ['finance']);
    await signIn(hub, c, 'bob', ['purchasing']);
    await b.settled();
    await c.settled();
    expect(b.sql('SELECT 1 FROM opportunities WHERE uid = ?', own)).toEqual([]);
    expect(b.one<{ n: number }>('SELECT count(*) AS n FROM opportunities').n).toBe(a.one<{ n: number }>('SELECT count(*) AS n FROM opportunities').n);
    expect(sameRows(a, b)).toEqual([]);
    expect(sameRows(a, c)).toEqual([]);
    // the deals' totals, computed again at each desk from the same lines and the same ERP data
    const totals = (d: Desk) => d.sql<{ uid: string; amount: number; cost: number }>('SELECT uid, amount, cost FROM opportunities ORDER BY uid');
    expect(totals(b)).toEqual(totals(a));
    // the month-start forecasts are the team's too: the stage changes pulled, dated before those months, had them taken again
    a.core.tick();
    b.core.tick();
    const forecasts = async (d: Desk) => (await d.call('dashboard.forecast', {})).history.map((h) => [h.month, h.forecast, h.forecastDeals]);
    expect(await forecasts(b)).toEqual(await forecasts(a));
    expect((await forecasts(a)).some(([, weighted]) => (weighted as number) > 0)).toBe(true);
    // each person is this desk's user, with the role the hub gives them
    expect((await b.call('settings.get', {})).role).toBe('finance');
    expect((await b.call('team.status', {})).user).toMatchObject({ login: 'flo', roles: ['finance'] });
  }, 120_000);

  it('deals made at two desks at once get references the hub leased, never the same, offline too; none left offline is a clear refusal', async () => {
    const customer = a.one<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 1').id;
    const onB = b.one<{ id: number }>('SELECT id FROM customers WHERE code = (SELECT code FROM customers WHERE id = ?)', customer);
    const [x, y] = await Promise.all([
      a.call('opportunity.create', { customerId: customer, title: 'Desk A' }),
      b.call('opportunity.create', { customerId: onB.id, title: 'Desk B' }),
    ]);
    expect(x.reference).not.toBe(y.reference);
    // past every reference the first desk brought up
    const highest = (d: Desk) => d.one<{ r: string }>("SELECT max(reference) AS r FROM opportunities WHERE title NOT LIKE 'Desk %'").r;
    expect(x.reference > highest(a)).toBe(true);
    expect(y.reference > highest(a)).toBe(true);
    await Promise.all([a.settled(), b.settled()]);
    await Promise.all([a.connector.team.cycle(), b.connector.team.cycle()]);
    for (const d of [a, b])
      expect(d.sql('SELECT reference FROM opportunities WHERE reference IN (?, ?)', x.reference, y.reference), d.name).toHaveLength(2);
    // offline, the leased block goes on; once it is used up the desk says so and creates nothing
    b.stopConnector();
    const before = b.one<{ n: number }>('SELECT count(*) AS n FROM opportunities').n;
    let made = 0;
    for (;;) {
      const r = await b.call('opportunity.create', { customerId: onB.id, title: `Hors ligne ${made}` }).catch((e: unknown) => e);
      if (!('reference' in (r as object))) {
        expect(r).toMatchObject({ code: 'unavailable', details: { reason: 'team.noReferences', prefix: 'OPP' } });
        break;
      }
      made++;
      if (made > 200) throw new Error('the leased block never ran out');
    }
    expect(made).toBeGreaterThan(0);
    expect(b.one<{ n: number }>('SELECT count(*) AS n FROM opportunities').n).toBe(before + made);
    b.startConnector();
    await b.settled();
    // back online: the deals made offline reach the team with their references, and new ones can be made again
    await a.connector.team.cycle();
    expect(a.one<{ n: number }>("SELECT count(*) AS n FROM opportunities WHERE title LIKE 'Hors ligne %'").n).toBe(made);
    expect((await b.call('opportunity.create', { customerId: onB.id, title: 'De retour' })).reference).toMatch(/^OPP-\d{4}-\d{6}$/);
    await b.settled();
  }, 120_000);

  it('a credit approval asked at the trader’s desk is decided at credit control’s; the trader’s chain resumes there, the shortage reaches the buyer', async () => {
    const customer = a.one<{ id: number; code: string }>(
      `SELECT id, code FROM customers WHERE on_hold = 0 AND credit_hold = 0 AND id NOT IN (SELECT scope_id FROM rules WHERE scope = 'customer') ORDER BY id LIMIT 1`,
    );
    const product = a.one<{ id: number; price: number; stock: number }>(
      `SELECT p.id, p.list_price AS price, (SELECT coalesce(sum(on_hand), 0) FROM stock_levels s WHERE s.product_id = p.id) AS stock
       FROM products p WHERE p.cost_price > 0 AND p.cost_price * 1.3 < p.list_price AND p.id IN (SELECT product_id FROM supplier_prices WHERE active = 1 AND min_qty <= 5000
         AND (valid_from IS NULL OR valid_from <= '${TODAY}') AND (valid_to IS NULL OR valid_to >= '${addDays(TODAY, 60)}'))
       ORDER BY p.id LIMIT 1`,
    );
    let deal = await a.call('opportunity.create', { customerId: customer.id, title: 'Équipe : gros volume', requestedDate: addDays(TODAY, 20) });
    deal = await a.call('opportunity.addLine', {
      opportunityId: deal.id,
      productId: product.id,
      qty: product.stock + 5_000,
      unitPrice: product.price,
    });
    // the ERP's limit, the same at every desk: this deal goes past it
    for (const d of [a, b, c])
      d.core.db.$client
        .prepare('UPDATE customers SET credit_limit = outstanding + open_orders + ? WHERE code = ?')
        .run(Math.floor(deal.totals.amount / 2), customer.code);
    const accept = a.one<{ id: number }>("SELECT id FROM stages WHERE code = 'ACCEPT'").id;
    const waiting = await a.call('pipeline.moveStage', { opportunityId: deal.id, toStageId: accept });
    expect(waiting.approvals.find((x) => x.kind === 'credit')).toMatchObject({ status: 'pending' });
    await a.settled();

    // at credit control's desk, in its queue
    await until(async () => (await b.call('approvals.queue', { status: 'pending', kind: 'credit' })).some((q) => q.reference === deal.reference));
    const row = (await b.call('approvals.queue', { status: 'pending', kind: 'credit' })).find((q) => q.reference === deal.reference)!;
    const decidedAt = Date.now();
    await b.call('approval.decide', { id: row.id, decision: 'approve', comment: 'client solide' });
    // only the desk that runs the chain resumes it: nothing was reserved at credit control's desk
    expect(
      b.one<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE kind = 'sale_order' AND subject LIKE 'opportunity:%' AND created_at >= ?", NOW).n,
    ).toBe(0);

    // the trader's desk: the poke, the pull, the chain goes on — within a second
    const dealUid = a.one<{ uid: string }>('SELECT uid FROM opportunities WHERE id = ?', deal.id).uid;
    await until(() => a.one<{ ops_state: string }>('SELECT ops_state FROM opportunities WHERE id = ?', deal.id).ops_state === 'committed', 5_000);
    expect(Date.now() - decidedAt).toBeLessThan(1_000);
    const orders = a.sql("SELECT id FROM outbox WHERE kind = 'sale_order' AND subject = ? AND status != 'cancelled'", `opportunity:${deal.id}`);
    expect(orders).toHaveLength(1);

    // the shortage it raised, at the buyer's desk
    await a.settled();
    await until(async () => (await c.call('purchasing.shortages', { status: 'open' })).some((s) => s.reference === deal.reference));
    const short = (await c.call('purchasing.shortages', { status: 'open' })).find((s) => s.reference === deal.reference)!;
    expect(short.qty).toBeGreaterThanOrEqual(5_000);
    await c.call('purchasing.draft', { shortageIds: [short.id] });
    const draft = (await c.call('purchasing.drafts', { status: 'draft' })).find((d) => d.lines.some((l) => l.shortageId === short.id))!;
    await c.call('purchasing.sendDraft', { draftId: draft.id });
    await c.settled();
    // the purchase goes to the ERP from the buyer's desk only: one outbox item in the whole team
    const purchases = (d: Desk) =>
      d.sql("SELECT id FROM outbox WHERE kind = 'purchase_request' AND status != 'cancelled' AND created_at >= ?", NOW).length;
    expect([purchases(a), purchases(b), purchases(c)]).toEqual([0, 0, 1]);
    // and the trader sees the shortage requested
    await until(
      () =>
        a.one<{ status: string }>('SELECT s.status FROM shortages s JOIN opportunities o ON o.id = s.opportunity_id WHERE o.uid = ?', dealUid)
          .status === 'requested',
    );
    await Promise.all([a.settled(), b.settled(), c.settled()]);
    await Promise.all([a.connector.team.cycle(), b.connector.team.cycle(), c.connector.team.cycle()]);
    expect(sameRows(a, b)).toEqual([]);
    expect(sameRows(a, c)).toEqual([]);
  }, 120_000);

  it('two traders offline reserve the last units: one reservation granted, the other a shortage, both told; the team never reserves more than the stock', async () => {
    const d = room.open('trader2');
    await signIn(hub, d, 'dan', ['trader']);
    await d.settled();
    // a product and warehouse with free stock, the same at both desks (the same ERP, the team's reservations)
    const free = (desk: Desk, code: string, wh: string) =>
      desk.one<{ n: number }>(
        `SELECT s.on_hand - s.reserved_erp - coalesce((SELECT sum(r.qty) FROM reservations r WHERE r.product_id = s.product_id AND r.warehouse_id = s.warehouse_id AND r.status = 'active'), 0) AS n
         FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN warehouses w ON w.id = s.warehouse_id WHERE p.code = ? AND w.code = ?`,
        code,
        wh,
      ).n;
    const spot = a.one<{ code: string; wh: string; price: number }>(
      `SELECT p.code, w.code AS wh, p.list_price AS price FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN warehouses w ON w.id = s.warehouse_id
       WHERE s.on_hand - s.reserved_erp > 2000 AND p.cost_price > 0 AND p.cost_price * 1.3 < p.list_price
         AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.product_id = s.product_id AND r.warehouse_id = s.warehouse_id AND r.status = 'active')
       ORDER BY p.id LIMIT 1`,
    );
    const last = free(a, spot.code, spot.wh);
    expect(free(d, spot.code, spot.wh)).toBe(last);
    a.stopConnector();
    d.stopConnector();
    const accept = async (desk: Desk) => {
      const customer = desk.one<{ id: number }>('SELECT id FROM customers WHERE on_hold = 0 AND credit_hold = 0 ORDER BY id DESC LIMIT 1').id;
      desk.core.db.$client.prepare('UPDATE customers SET credit_limit = outstanding + open_orders + 1000000000000000 WHERE id = ?').run(customer);
      const ids = desk.one<{ p: number; w: number }>(
        'SELECT p.id AS p, w.id AS w FROM products p, warehouses w WHERE p.code = ? AND w.code = ?',
        spot.code,
        spot.wh,
      );
      let deal = await desk.call('opportunity.create', {
        customerId: customer,
        title: `Dernières unités (${desk.name})`,
        requestedDate: addDays(TODAY, 10),
      });
      deal = await desk.call('opportunity.addLine', {
        opportunityId: deal.id,
        productId: ids.p,
        warehouseId: ids.w,
        qty: last,
        unitPrice: spot.price,
      });
      const stage = desk.one<{ id: number }>("SELECT id FROM stages WHERE code = 'ACCEPT'").id;
      const moved = await desk.call('pipeline.moveStage', { opportunityId: deal.id, toStageId: stage });
      expect(moved.opsState, desk.name).toBe('committed');
      return desk.one<{ uid: string }>('SELECT uid FROM opportunities WHERE id = ?', deal.id).uid;
    };
    const first = await accept(a);
    const second = await accept(d);
    // each desk, offline, promised the last units
    for (const [desk, uid] of [
      [a, first],
      [d, second],
    ] as const)
      expect(
        desk.one<{ q: number }>(
          "SELECT sum(r.qty) AS q FROM reservations r JOIN opportunities o ON o.id = r.opportunity_id WHERE o.uid = ? AND r.status = 'active'",
          uid,
        ).q,
      ).toBe(last);
    const told: string[] = [];
    const off = d.core.bus.source((event, payload) => event === 'alert.raised' && told.push((payload as { message: string }).message));
    a.startConnector();
    await a.settled();
    d.startConnector();
    await d.settled();
    await a.connector.team.cycle();
    off();
    const ref = d.one<{ reference: string }>('SELECT reference FROM opportunities WHERE uid = ?', second).reference;
    expect(told).toContain(`${ref} : stock réservé entre-temps par un autre poste — le manque est passé aux achats`);
    const reserved = (desk: Desk, uid: string) =>
      desk.one<{ q: number | null }>(
        "SELECT sum(r.qty) AS q FROM reservations r JOIN opportunities o ON o.id = r.opportunity_id WHERE o.uid = ? AND r.status = 'active'",
        uid,
      ).q ?? 0;
    const short = (desk: Desk, uid: string) =>
      desk.sql<{ qty: number; reason: string }>(
        "SELECT s.qty, s.reason FROM shortages s JOIN opportunities o ON o.id = s.opportunity_id WHERE o.uid = ? AND s.status = 'open'",
        uid,
      );
    for (const desk of [a, d]) {
      expect(reserved(desk, first), desk.name).toBe(last);
      expect(reserved(desk, second), desk.name).toBe(0);
      expect(short(desk, second), desk.name).toEqual([{ qty: last, reason: 'team.reservedElsewhere' }]);
      expect(free(desk, spot.code, spot.wh), desk.name).toBe(0);
    }
    // at the hub too: the team's active reservations never pass the stock
    const { rows } = await hub.pool.query(
      `SELECT coalesce(sum((data->>'qty')::bigint), 0)::bigint AS q FROM team_rows WHERE row_table = 'reservations' AND NOT deleted AND data->>'status' = 'active'
       AND data->>'productId' = $1`,
      [`code:${spot.code}`],
    );
    expect(Number(rows[0].q)).toBeLessThanOrEqual(last);
  }, 120_000);

  it('the same line edited at two desks offline: different fields both kept; the same price is a conflict on both desks', async () => {
    const line = a.one<{ id: number; uid: string; unit_price: number }>(
      `SELECT l.id, l.uid, l.unit_price FROM opportunity_lines l JOIN opportunities o ON o.id = l.opportunity_id JOIN stages s ON s.id = o.stage_id
       WHERE s.kind = 'open' AND s.code != 'ACCEPT' ORDER BY l.id LIMIT 1`,
    );
    const onB = () =>
      b.one<{ id: number; qty: number; unit_price: number; discount: number }>(
        'SELECT id, qty, unit_price, discount FROM opportunity_lines WHERE uid = ?',
        line.uid,
      );
    a.stopConnector();
    b.stopConnector();
    await a.call('opportunity.updateLine', { lineId: line.id, unitPrice: line.unit_price + 10_000, discount: 300 });
    await b.call('opportunity.updateLine', { lineId: onB().id, unitPrice: line.unit_price + 20_000, qty: onB().qty + 1_000 });
    a.startConnector();
    await a.settled();
    b.startConnector();
    await b.settled();
    await a.connector.team.cycle();
    const onA = a.one<{ qty: number; unit_price: number; discount: number }>(
      'SELECT qty, unit_price, discount FROM opportunity_lines WHERE uid = ?',
      line.uid,
    );
    expect(onA).toEqual({ qty: onB().qty, unit_price: line.unit_price + 10_000, discount: 300 });
    expect(onB()).toMatchObject({ unit_price: line.unit_price + 10_000, discount: 300 });
    for (const d of [a, b]) {
      const conflicts = d.sql<{ field: string; local_value: string; erp_value: string }>(
        "SELECT field, local_value, erp_value FROM sync_conflicts WHERE entity = 'team.opportunity_lines' AND erp_id = ?",
        line.uid,
      );
      expect(conflicts, d.name).toEqual([
        { field: 'unitPrice', local_value: String(line.unit_price + 20_000), erp_value: String(line.unit_price + 10_000) },
      ]);
    }
  }, 60_000);

  it('a trader’s desk cannot decide an approval, even through a hand-made push; the refusal comes back with the hub’s reason', async () => {
    const pending = await a.call('approvals.queue', { status: 'pending', kind: 'credit' });
    expect(pending.length).toBeGreaterThan(0);
    const target = pending[0]!;
    await expect(a.call('approval.decide', { id: target.id, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
    // around core's check: the row written as if decided here
    a.core.db.$client
      .prepare("UPDATE approvals SET status = 'approved', decided_by = (SELECT value FROM settings WHERE key = 'currentUserId') WHERE id = ?")
      .run(target.id);
    // raw writes are captured too (the triggers), but the hub decides
    await a.connector.team.cycle();
    await until(async () => (await a.call('team.status', {})).rejected.some((r) => r.table === 'approvals'));
    const rejected = (await a.call('team.status', {})).rejected.find((r) => r.table === 'approvals')!;
    expect(rejected.reason).toMatch(/^hub\.notDecider: credit/);
    // and the desk's row is back to the hub's
    await until(() => a.one<{ status: string }>('SELECT status FROM approvals WHERE id = ?', target.id).status === 'pending');
  }, 60_000);
  it('credit control holds a customer at its desk: the trader’s desk shows the hold and blocks the deal; a trader’s hold made by hand is refused by the hub', async () => {
    const customer = b.one<{ id: number; code: string }>(
      'SELECT id, code FROM customers WHERE on_hold = 0 AND credit_hold = 0 ORDER BY id DESC LIMIT 1',
    );
    const at = (d: Desk) => d.one<{ id: number }>('SELECT id FROM customers WHERE code = ?', customer.code).id;
    await b.call('customers.hold', { customerId: customer.id, hold: true, reason: 'Chèque impayé' });
    await b.settled();
    await a.connector.team.cycle();
    await until(() => a.one<{ h: number }>('SELECT credit_hold AS h FROM customers WHERE id = ?', at(a)).h === 1);
    const seen = (await a.call('finance.exposure', {})).find((r) => r.customerId === at(a))!;
    expect(seen).toMatchObject({ creditHold: true, holdReason: 'Chèque impayé' });
    // the deal of that customer stops at the hold when it is accepted
    const deal = await a.call('opportunity.create', { customerId: at(a), title: 'Client bloqué', requestedDate: addDays(TODAY, 20) });
    const product = a.one<{ id: number; price: number }>('SELECT id, list_price AS price FROM products WHERE list_price > 0 ORDER BY id LIMIT 1');
    await a.call('opportunity.addLine', { opportunityId: deal.id, productId: product.id, qty: 1_000, unitPrice: product.price });
    const accept = a.one<{ id: number }>("SELECT id FROM stages WHERE code = 'ACCEPT'").id;
    await expect(a.call('pipeline.moveStage', { opportunityId: deal.id, toStageId: accept })).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'blocked.creditHold' },
    });

    // the trader lifts it around core's check: captured, refused by the hub, the hold comes back
    await expect(a.call('customers.hold', { customerId: at(a), hold: false })).rejects.toMatchObject({ code: 'forbidden' });
    a.core.db.$client.prepare('UPDATE credit_holds SET hold = 0, reason = ? WHERE customer_id = ?').run('', at(a));
    await a.connector.team.cycle();
    await until(async () => (await a.call('team.status', {})).rejected.some((r) => r.table === 'credit_holds'));
    expect((await a.call('team.status', {})).rejected.find((r) => r.table === 'credit_holds')!.reason).toBe('hub.notHolder');
    await until(() => a.one<{ h: number }>('SELECT credit_hold AS h FROM customers WHERE id = ?', at(a)).h === 1);
    // credit control lifts it: the trader's desk follows
    await b.call('customers.hold', { customerId: customer.id, hold: false });
    await b.settled();
    await a.connector.team.cycle();
    await until(() => a.one<{ h: number }>('SELECT credit_hold AS h FROM customers WHERE id = ?', at(a)).h === 0);
  }, 60_000);
  it('the company’s settings are the team’s: a manager’s lost reasons and the admin’s four eyes reach every desk; another role’s change is refused', async () => {
    const id = keyedUid('company_settings', 'pipeline.lostReasons');
    const manager = await hub.person('cs.manager', ['manager']);
    const reasons = ['Prix', 'Délai', 'Concurrent moins cher'];
    const pushed = await manager.client.call('hub.push', {
      mutations: [
        mutation(1, {
          table: 'company_settings',
          id,
          fields: { key: 'pipeline.lostReasons', value: reasons, updatedBy: manager.userId, updatedAt: NOW },
        }),
      ],
    });
    expect(pushed.results[0]!.status).toBe('applied');
    await Promise.all([a.connector.team.cycle(), b.connector.team.cycle(), c.connector.team.cycle()]);
    for (const d of [a, b, c]) expect((await d.call('settings.get', {}))['pipeline.lostReasons']).toEqual(reasons);
    // the admin turns four eyes off for the company: every desk has it
    await hub.admin.call('settings.fourEyes', { on: false });
    await Promise.all([a.connector.team.cycle(), b.connector.team.cycle(), c.connector.team.cycle()]);
    for (const d of [a, b, c]) expect((await d.call('settings.get', {}))['approvals.fourEyes']).toBe(false);
    await hub.admin.call('settings.fourEyes', { on: true });
    // credit control's desk may not change them: core says so, and a change made around it is refused by the hub
    await expect(b.call('settings.set', { key: 'costBasis', value: 'replacement' })).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'settings.company' },
    });
    b.core.db.$client.prepare("UPDATE company_settings SET value = '\"replacement\"' WHERE key = 'costBasis'").run();
    b.core.db.$client
      .prepare("INSERT INTO company_settings (key, value, updated_at) VALUES ('costBasis', '\"replacement\"', ?) ON CONFLICT(key) DO NOTHING")
      .run(NOW);
    await b.connector.team.cycle();
    await until(async () => (await b.call('team.status', {})).rejected.some((r) => r.table === 'company_settings'));
    expect((await b.call('team.status', {})).rejected.find((r) => r.table === 'company_settings')!.reason).toBe('hub.notManager');
    await until(async () => (await b.call('settings.get', {})).costBasis === 'erp');
  }, 60_000);
});
