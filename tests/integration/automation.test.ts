import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { Output } from '../../electron/shared/contract';
import { addDays } from '../../electron/shared/dates';
import { NOW, smallCore, TODAY } from './helpers';

type View = Output<'opportunity.get'>;
let core: Core;
let cleanup: () => void;
beforeAll(() => ({ core, cleanup } = smallCore()));
afterAll(() => cleanup());

const sql = <T>(q: string, ...params: unknown[]) => core.db.$client.prepare(q).all(...params) as T[];
const one = <T>(q: string, ...params: unknown[]) => sql<T>(q, ...params)[0]!;
const exec = (q: string, ...params: unknown[]) => core.db.$client.prepare(q).run(...params);
const stage = (code: string) => one<{ id: number }>('SELECT id FROM stages WHERE code = ?', code).id;
const view = async (id: number) => await core.call('opportunity.get', { id });
const move = async (opportunityId: number, code: string) =>
  await core.call('pipeline.moveStage', { opportunityId, toStageId: stage(code), ...(code === 'LOST' ? { lostReason: 'Prix' } : {}) });
const preview = async (opportunityId: number, code: string) => await core.call('pipeline.previewMove', { opportunityId, toStageId: stage(code) });
/** Everything a move could touch, as one string: two equal readings mean nothing changed. */
const snapshot = () =>
  JSON.stringify(
    [
      'opportunities',
      'reservations',
      'shortages',
      'outbox',
      'approvals',
      'activities',
      'audit_log',
      'stage_history',
      'timeline_entries',
      'automation_runs',
    ].map((t) => sql(`SELECT * FROM ${t} ORDER BY rowid`)),
  );
/** The desk's user becomes the first one with that role: authority comes from the user's record. */
const asRole = (role: string) => {
  const user = core.db.$client.prepare('SELECT id FROM users WHERE role = ? ORDER BY id LIMIT 1').get(role) as { id: number };
  return core.call('settings.set', { key: 'currentUserId', value: user.id });
};

/** A product's ATP today in each warehouse (no receipts counted) and its total. */
function stockOf(productId: number) {
  const rows = sql<{ warehouseId: number; atp: number }>(
    `SELECT s.warehouse_id AS warehouseId, s.on_hand - s.reserved_erp - coalesce((SELECT sum(qty) FROM reservations r
       WHERE r.product_id = s.product_id AND r.warehouse_id = s.warehouse_id AND r.status = 'active'), 0) AS atp
     FROM stock_levels s WHERE s.product_id = ? ORDER BY s.warehouse_id`,
    productId,
  );
  return { rows, total: rows.reduce((s, r) => s + Math.max(r.atp, 0), 0) };
}

/** A product without incoming receipts (so ATP does not depend on the date) and with stock in several warehouses. */
function plainProduct(skip = 0) {
  return one<{ id: number; list_price: number }>(
    `SELECT p.id, p.list_price FROM products p WHERE NOT EXISTS (SELECT 1 FROM incoming_receipts r WHERE r.product_id = p.id)
       AND (SELECT count(*) FROM stock_levels s WHERE s.product_id = p.id AND s.on_hand - s.reserved_erp > 1000) >= 3
       AND p.cost_price > 0 AND p.cost_price * 1.3 < p.list_price
       AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.product_id = p.id)
     ORDER BY p.id LIMIT 1 OFFSET ?`,
    skip,
  );
}

/** A fresh deal in « Négociation » for a customer without hold, given ample credit so only the test's figures matter. */
async function deal(lines: { productId: number; qty: number; warehouseId?: number | null; unitPrice?: number }[]) {
  const customer = one<{ id: number }>(
    `SELECT id FROM customers WHERE on_hold = 0 AND credit_hold = 0 AND id NOT IN (SELECT scope_id FROM rules WHERE scope = 'customer')
     ORDER BY credit_limit - outstanding - open_orders DESC LIMIT 1`,
  ).id;
  exec('UPDATE customers SET credit_limit = outstanding + open_orders + 1000000000000 WHERE id = ?', customer);
  let v = await core.call('opportunity.create', { customerId: customer, title: 'Automatisation', requestedDate: addDays(TODAY, 20) });
  for (const l of lines) {
    const price = l.unitPrice ?? one<{ p: number }>('SELECT list_price AS p FROM products WHERE id = ?', l.productId).p;
    v = await core.call('opportunity.addLine', {
      opportunityId: v.id,
      productId: l.productId,
      qty: l.qty,
      unitPrice: price,
      warehouseId: l.warehouseId ?? null,
    });
  }
  return move(v.id, 'NEGO');
}

const counts = (id: number) => ({
  reservations: one<{ n: number }>("SELECT count(*) AS n FROM reservations WHERE opportunity_id = ? AND status = 'active'", id).n,
  reserved: one<{ q: number }>("SELECT coalesce(sum(qty), 0) AS q FROM reservations WHERE opportunity_id = ? AND status = 'active'", id).q,
  shortages: one<{ n: number }>("SELECT count(*) AS n FROM shortages WHERE opportunity_id = ? AND status = 'open'", id).n,
  short: one<{ q: number }>("SELECT coalesce(sum(qty), 0) AS q FROM shortages WHERE opportunity_id = ? AND status = 'open'", id).q,
  orders: one<{ n: number }>(
    "SELECT count(*) AS n FROM outbox WHERE subject = ? AND kind = 'sale_order' AND status != 'cancelled'",
    `opportunity:${id}`,
  ).n,
});

describe('quote accepted → operations', () => {
  it('runs the whole chain in one go: checks, reservations, shortages with their date, sale order, task, timeline', async () => {
    const a = plainProduct(0);
    const b = plainProduct(1);
    const bStock = stockOf(b.id);
    const firstWh = stockOf(a.id).rows.find((r) => r.atp > 2_000)!;
    const v = await deal([
      { productId: a.id, qty: 2_000, warehouseId: firstWh.warehouseId },
      { productId: b.id, qty: bStock.total + 5_000 },
    ]);
    const accepted = await move(v.id, 'ACCEPT');
    expect(accepted.stage.name).toBe('Devis accepté');
    const c = counts(v.id);
    // line 1 from its chosen warehouse, line 2 from every warehouse that has some, 5 units short
    expect(sql('SELECT warehouse_id AS w, qty FROM reservations WHERE line_id = ?', accepted.lines[0]!.id)).toEqual([
      { w: firstWh.warehouseId, qty: 2_000 },
    ]);
    expect(c.reserved).toBe(2_000 + bStock.total);
    expect(c.short).toBe(5_000);
    const shortage = one<{ needed_by: string; product_id: number; line_id: number }>(
      'SELECT needed_by, product_id, line_id FROM shortages WHERE opportunity_id = ?',
      v.id,
    );
    // wanted on 20/12, two days of handling
    expect(shortage).toEqual({ needed_by: addDays(TODAY, 18), product_id: b.id, line_id: accepted.lines[1]!.id });
    expect(c.orders).toBe(1);
    const order = JSON.parse(one<{ payload: string }>('SELECT payload FROM outbox WHERE subject = ?', `opportunity:${v.id}`).payload) as {
      reference: string;
      lines: { qty: number; reservations: unknown[] }[];
    };
    expect(order.reference).toBe(v.reference);
    expect(order.lines.map((l) => l.qty)).toEqual([2_000, bStock.total + 5_000]);
    expect(one<{ role: string }>("SELECT role FROM activities WHERE opportunity_id = ? AND kind = 'task'", v.id).role).toBe('purchasing');
    const steps = sql<{ body: string }>("SELECT body FROM timeline_entries WHERE opportunity_id = ? AND kind = 'automation' ORDER BY id", v.id).map(
      (r) => r.body,
    );
    expect(steps).toEqual(['check_credit', 'check_margin', 'reserve_stock', 'raise_shortages', 'queue_sale_order', 'create_task', 'notify']);
    expect(one<{ ops_state: string }>('SELECT ops_state FROM opportunities WHERE id = ?', v.id).ops_state).toBe('committed');
    expect(one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE entity = 'reservation' AND source = 'automation'").n).toBeGreaterThanOrEqual(
      2,
    );
  });

  it('lowers the ATP every other deal sees at once', async () => {
    const p = plainProduct(2);
    const wh = stockOf(p.id).rows.find((r) => r.atp > 3_000)!;
    const other = await deal([{ productId: p.id, qty: 1_000, warehouseId: wh.warehouseId }]);
    const atp = (x: View) => x.lines[0]!.insight.stock.find((s) => s.warehouseId === wh.warehouseId)!.atp;
    const before = atp(other);
    const v = await deal([{ productId: p.id, qty: 3_000, warehouseId: wh.warehouseId }]);
    await move(v.id, 'ACCEPT');
    expect(atp(await view(other.id))).toBe(before - 3_000);
  });

  it('splits a line across warehouses when none covers it alone: the preferred one first', async () => {
    const p = plainProduct(3);
    const s = stockOf(p.id);
    const best = Math.max(...s.rows.map((r) => r.atp));
    const v = await deal([{ productId: p.id, qty: best + 1_000 }]);
    await move(v.id, 'ACCEPT');
    const rows = sql<{ w: number; qty: number }>(
      "SELECT warehouse_id AS w, qty FROM reservations WHERE opportunity_id = ? AND status = 'active' ORDER BY id",
      v.id,
    );
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.reduce((t, r) => t + r.qty, 0)).toBe(best + 1_000);
    const preferred = one<{ w: number }>(
      'SELECT preferred_warehouse_id AS w FROM customers c JOIN opportunities o ON o.customer_id = c.id WHERE o.id = ?',
      v.id,
    ).w;
    const preferredAtp = s.rows.find((r) => r.warehouseId === preferred)?.atp ?? 0;
    if (preferredAtp > 0) expect(rows[0]).toEqual({ w: preferred, qty: preferredAtp });
  });

  it('re-running the chain takes nothing twice', async () => {
    const p = plainProduct(4);
    const v = await deal([{ productId: p.id, qty: stockOf(p.id).total + 2_000 }]);
    await move(v.id, 'ACCEPT');
    const first = counts(v.id);
    await core.call('operations.rerun', { opportunityId: v.id });
    await core.call('operations.rerun', { opportunityId: v.id });
    await move(v.id, 'ACCEPT'); // already there: nothing runs
    expect(counts(v.id)).toEqual(first);
    expect(
      one<{ n: number }>("SELECT count(*) AS n FROM activities WHERE opportunity_id = ? AND role = 'purchasing' AND done_at IS NULL", v.id).n,
    ).toBe(1);
  });

  it('refuses the move for a customer on credit hold, says who can lift it, and changes nothing', async () => {
    const p = plainProduct(5);
    const v = await deal([{ productId: p.id, qty: 1_000 }]);
    exec("UPDATE customers SET credit_hold = 1, hold_reason = 'relances sans réponse' WHERE id = ?", v.customer.id);
    const snapshot = () =>
      JSON.stringify([
        counts(v.id),
        sql('SELECT stage_id FROM opportunities WHERE id = ?', v.id),
        sql('SELECT count(*) FROM stage_history'),
        sql('SELECT count(*) FROM timeline_entries'),
      ]);
    const before = snapshot();
    await expect(move(v.id, 'ACCEPT')).rejects.toMatchObject({ code: 'conflict', message: /credit hold \(relances sans réponse\).*finance/ });
    expect(snapshot()).toBe(before);
    exec('UPDATE customers SET credit_hold = 0 WHERE id = ?', v.customer.id);
  });

  it('waits for a credit approval, then the chain resumes where it stopped once finance approves', async () => {
    const p = plainProduct(6);
    const v = await deal([{ productId: p.id, qty: 2_000 }]);
    // a limit the deal goes past
    exec('UPDATE customers SET credit_limit = outstanding + open_orders + ? WHERE id = ?', Math.floor(v.totals.amount / 2), v.customer.id);
    const waiting = await move(v.id, 'ACCEPT');
    expect(waiting.stage.name).toBe('Devis accepté');
    expect(counts(v.id).reservations).toBe(0);
    expect(one<{ ops_state: string }>('SELECT ops_state FROM opportunities WHERE id = ?', v.id).ops_state).toBe('awaiting_approval');
    const request = waiting.approvals.find((a) => a.kind === 'credit')!;
    expect(request).toMatchObject({ status: 'pending', figures: { amount: v.totals.amount, state: 'approval' } });

    // a trader may not decide it; neither may finance refuse without a reason
    await asRole('trader');
    await expect(core.call('approval.decide', { id: request.id, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
    await asRole('finance');
    await expect(core.call('approval.decide', { id: request.id, decision: 'refuse' })).rejects.toMatchObject({ code: 'invalid_input' });
    const queue = await core.call('approvals.queue', { status: 'pending' });
    expect(queue.map((q) => q.id)).toContain(request.id);
    // each desk's queue holds what it decides: credit for credit control, margin for the sales manager
    const creditQueue = await core.call('approvals.queue', { status: 'pending', kind: 'credit' });
    const marginQueue = await core.call('approvals.queue', { status: 'pending', kind: 'margin' });
    expect(creditQueue.map((q) => q.id)).toContain(request.id);
    expect(creditQueue.every((q) => q.kind === 'credit')).toBe(true);
    expect(marginQueue.map((q) => q.id)).not.toContain(request.id);
    expect(marginQueue.every((q) => q.kind === 'margin')).toBe(true);
    expect(creditQueue.length + marginQueue.length).toBe(queue.length);
    // what credit control decides on: the customer's past due, how late it pays, its hold, and the figures asked on
    exec('UPDATE customers SET overdue = 1234500, avg_days_late = 47 WHERE id = ?', v.customer.id);
    const row = (await core.call('approvals.queue', { status: 'pending', kind: 'credit' })).find((q) => q.id === request.id)!;
    expect(row).toMatchObject({ overdue: 1_234_500, avgDaysLate: 47, onHold: false, amount: v.totals.amount });
    expect(Number(row.figures.creditLimit) - Number(row.figures.headroom)).toBeGreaterThan(row.amount);

    await core.call('approval.decide', { id: request.id, decision: 'approve', comment: 'bon payeur' });
    expect(counts(v.id)).toMatchObject({ reservations: 1, reserved: 2_000, orders: 1 });
    expect(one<{ ops_state: string }>('SELECT ops_state FROM opportunities WHERE id = ?', v.id).ops_state).toBe('committed');
    const after = await view(v.id);
    expect(after.approvals.find((a) => a.id === request.id)).toMatchObject({ status: 'approved', comment: 'bon payeur' });
    // the credit check ran twice (waiting, then approved), every later step once
    const steps = sql<{ body: string }>("SELECT body FROM timeline_entries WHERE opportunity_id = ? AND kind = 'automation' ORDER BY id", v.id).map(
      (r) => r.body,
    );
    expect(steps.slice(0, 3)).toEqual(['check_credit', 'check_credit', 'check_margin']);
    await expect(core.call('approval.decide', { id: request.id, decision: 'approve' })).rejects.toMatchObject({ code: 'conflict' });
    await asRole('trader');
  });

  it('re-checks the hold, the credit and the margin when a waiting deal resumes: a hold put meanwhile stops it', async () => {
    const p = plainProduct(10);
    const cost = one<{ c: number }>('SELECT cost_price AS c FROM products WHERE id = ?', p.id).c;
    // a thin margin (1 %): above cost, under every minimum
    const v = await deal([{ productId: p.id, qty: 1_000, unitPrice: Math.ceil(cost * 1.01) }]);
    expect(v.guard.state).toBe('below_minimum');
    const waiting = await move(v.id, 'ACCEPT');
    const request = waiting.approvals.find((a) => a.kind === 'margin' && a.status === 'pending')!;
    expect(counts(v.id).reservations).toBe(0);

    // while it waits, finance puts the customer on hold
    await asRole('finance');
    await core.call('customers.hold', { customerId: v.customer.id, hold: true, reason: 'chèque impayé' });
    await asRole('manager');
    await core.call('approval.decide', { id: request.id, decision: 'approve', comment: 'client historique' });
    // the decision stands, the chain does not go on: nothing reserved, no order for a blocked customer
    const after = await view(v.id);
    expect(after.approvals.find((a) => a.id === request.id)).toMatchObject({ status: 'approved' });
    expect(counts(v.id)).toMatchObject({ reservations: 0, shortages: 0, orders: 0 });
    expect(one<{ s: string | null }>('SELECT ops_state AS s FROM opportunities WHERE id = ?', v.id).s).toBeNull();
    const stopped = one<{ status: string }>('SELECT status FROM automation_runs WHERE opportunity_id = ? ORDER BY id DESC LIMIT 1', v.id);
    expect(stopped.status).toBe('cancelled');
    const last = one<{ body: string; data: string }>(
      "SELECT body, data FROM timeline_entries WHERE opportunity_id = ? AND kind = 'automation' ORDER BY id DESC LIMIT 1",
      v.id,
    );
    expect(last.body).toBe('resume_blocked');
    expect(JSON.parse(last.data)).toMatchObject({ check: 'credit_hold', approvalId: request.id });

    // the hold lifted, the trader runs the chain again: the granted margin counts, the stock is taken
    await asRole('finance');
    await core.call('customers.hold', { customerId: v.customer.id, hold: false });
    await asRole('trader');
    await core.call('operations.rerun', { opportunityId: v.id });
    expect(counts(v.id)).toMatchObject({ reserved: 1_000, orders: 1 });
  });

  it('a deal that waited for its margin asks for a credit approval when the credit ran out meanwhile', async () => {
    const p = plainProduct(11);
    const cost = one<{ c: number }>('SELECT cost_price AS c FROM products WHERE id = ?', p.id).c;
    const v = await deal([{ productId: p.id, qty: 1_000, unitPrice: Math.ceil(cost * 1.01) }]);
    const waiting = await move(v.id, 'ACCEPT');
    const margin = waiting.approvals.find((a) => a.kind === 'margin' && a.status === 'pending')!;
    // other orders ate the credit while it waited
    exec('UPDATE customers SET credit_limit = outstanding + open_orders + ? WHERE id = ?', Math.floor(v.totals.amount / 2), v.customer.id);
    await asRole('manager');
    await core.call('approval.decide', { id: margin.id, decision: 'approve' });
    await asRole('trader');
    const after = await view(v.id);
    expect(counts(v.id)).toMatchObject({ reservations: 0, orders: 0 });
    expect(after.approvals.find((a) => a.kind === 'credit')).toMatchObject({ status: 'pending' });
    expect(one<{ s: string }>('SELECT ops_state AS s FROM opportunities WHERE id = ?', v.id).s).toBe('awaiting_approval');
  });

  it('refuses a decision by the requester (four eyes) and takes the role from the user, not from a free setting', async () => {
    const p = plainProduct(9);
    const cost = one<{ c: number }>('SELECT cost_price AS c FROM products WHERE id = ?', p.id).c;
    const v = await deal([{ productId: p.id, qty: 1_000, unitPrice: Math.floor(cost / 2) }]);
    const asked = await core.call('approval.request', { opportunityId: v.id, kind: 'margin', reason: 'déstockage' });
    const id = asked.approvals[0]!.id;
    // the request names the line below its minimum, with its margin and its rule
    const line = v.lines[0]!;
    expect(asked.approvals[0]!.figures.lines).toEqual([
      {
        position: line.position,
        productCode: line.productCode,
        marginRate: asked.lines[0]!.marginRate,
        minimumRate: asked.lines[0]!.insight.rule.minimumRate,
        guard: 'below_cost',
      },
    ]);
    const decided = () => one<{ status: string; decided_by: number | null }>('SELECT status, decided_by FROM approvals WHERE id = ?', id);
    // the trader turns the role setting to manager: it grants nothing
    await core.call('settings.set', { key: 'role', value: 'manager' });
    await expect(core.call('approval.decide', { id, decision: 'approve' })).rejects.toMatchObject({
      code: 'forbidden',
      message: /not by the trader role/,
    });
    // the requester, even as a manager, may not decide their own request
    const requester = one<{ requested_by: number }>('SELECT requested_by FROM approvals WHERE id = ?', id).requested_by;
    exec("UPDATE users SET role = 'manager' WHERE id = ?", requester);
    await expect(core.call('approval.decide', { id, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden', message: /four eyes/ });
    expect(decided()).toEqual({ status: 'pending', decided_by: null });
    // a company of one turns the rule off
    await core.call('settings.set', { key: 'approvals.fourEyes', value: false });
    await core.call('approval.decide', { id, decision: 'refuse', comment: 'non' });
    expect(decided()).toEqual({ status: 'refused', decided_by: requester });
    await core.call('settings.set', { key: 'approvals.fourEyes', value: true });
    exec("UPDATE users SET role = 'trader' WHERE id = ?", requester);
    await asRole('trader');
  });

  it('refuses an unknown desk user: every later write would fail on it', async () => {
    const before = one<{ v: string }>("SELECT value AS v FROM settings WHERE key = 'currentUserId'").v;
    await expect(core.call('settings.set', { key: 'currentUserId', value: 99_999 })).rejects.toMatchObject({
      code: 'not_found',
      message: /User 99999/,
    });
    expect(one<{ v: string }>("SELECT value AS v FROM settings WHERE key = 'currentUserId'").v).toBe(before);
  });

  it('blocks a deal sold below cost without an approval: only a manager can grant it', async () => {
    const p = plainProduct(7);
    const cost = one<{ c: number }>('SELECT cost_price AS c FROM products WHERE id = ?', p.id).c;
    const v = await deal([{ productId: p.id, qty: 1_000, unitPrice: Math.floor(cost / 2) }]);
    await expect(move(v.id, 'ACCEPT')).rejects.toMatchObject({ code: 'conflict', message: /below cost.*manager/ });
    const asked = await core.call('approval.request', { opportunityId: v.id, kind: 'margin', reason: 'déstockage' });
    const id = asked.approvals[0]!.id;
    await asRole('finance');
    await expect(core.call('approval.decide', { id, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
    await asRole('manager');
    await core.call('approval.decide', { id, decision: 'approve', comment: 'fin de série' });
    await asRole('trader');
    expect((await move(v.id, 'ACCEPT')).stage.name).toBe('Devis accepté');
    expect(counts(v.id).reserved).toBe(1_000);
  });

  it('releases reservations, cancels open shortages and the unsent sale order when the deal is lost', async () => {
    const p = plainProduct(8);
    const total = stockOf(p.id).total;
    const v = await deal([{ productId: p.id, qty: total + 3_000 }]);
    await move(v.id, 'ACCEPT');
    expect(stockOf(p.id).total).toBe(0);
    await move(v.id, 'LOST');
    expect(counts(v.id)).toEqual({ reservations: 0, reserved: 0, shortages: 0, short: 0, orders: 0 });
    expect(stockOf(p.id).total).toBe(total);
    expect(one<{ status: string }>('SELECT status FROM shortages WHERE opportunity_id = ?', v.id).status).toBe('cancelled');
    expect(one<{ ops_state: string }>('SELECT ops_state FROM opportunities WHERE id = ?', v.id).ops_state).toBe('released');
  });

  it('queues the cancellation for the ERP when the sale order already went out, and accepts again cleanly', async () => {
    const p = plainProduct(9);
    const v = await deal([{ productId: p.id, qty: 1_000 }]);
    await move(v.id, 'ACCEPT');
    // the ERP screen names the deal by its reference and customer, not by its internal subject
    const status = await core.call('sync.status', {});
    const waiting = status.outbox.find((o) => o.subject === `opportunity:${v.id}`)!;
    expect(waiting.subjectName).toBe(`${v.reference} — ${v.customer.name}`);
    exec("UPDATE outbox SET status = 'done', erp_ref = 'SO-4711' WHERE subject = ? AND kind = 'sale_order'", `opportunity:${v.id}`);
    // the deal's log says where its sale order went, with the ERP's number
    const history = await core.call('opportunity.history', { id: v.id });
    expect(history.timeline.find((e) => e.step === 'queue_sale_order')?.saleOrder).toEqual({ status: 'done', erpRef: 'SO-4711' });
    await move(v.id, 'NEGO');
    const cancel = one<{ payload: string; status: string }>(
      "SELECT payload, status FROM outbox WHERE subject = ? AND kind = 'cancellation'",
      `opportunity:${v.id}`,
    );
    expect(cancel.status).toBe('pending');
    expect(JSON.parse(cancel.payload)).toMatchObject({ erpRef: 'SO-4711' });
    expect(counts(v.id).reservations).toBe(0);
    await move(v.id, 'ACCEPT');
    expect(counts(v.id)).toMatchObject({ reservations: 1, reserved: 1_000 });
  });
});

describe('what a stage move will do, said before it is done', () => {
  it('previews « Devis accepté »: lines reserved, shortages, the sale order, the task and the notice — and changes nothing', async () => {
    const p = plainProduct(12);
    const q = plainProduct(13);
    const total = stockOf(q.id).total;
    const v = await deal([
      { productId: p.id, qty: 1_000 },
      { productId: q.id, qty: total + 500 },
    ]);
    const before = snapshot();
    const said = await preview(v.id, 'ACCEPT');
    expect(snapshot()).toBe(before);
    expect(said).toMatchObject({
      toStage: 'Devis accepté',
      kind: 'open',
      confirm: true,
      blocked: null,
      shortages: 1,
      saleOrder: 'queued',
      released: 0,
    });
    expect(said.reservedLines).toBe(2);
    expect(said.tasks.length + said.notices.length).toBeGreaterThan(0);
    // the move does what the preview said
    await move(v.id, 'ACCEPT');
    expect(counts(v.id)).toMatchObject({ shortages: 1, orders: 1 });
    expect(one<{ n: number }>("SELECT count(DISTINCT line_id) AS n FROM reservations WHERE opportunity_id = ? AND status = 'active'", v.id).n).toBe(
      2,
    );

    // going back gives it all back: the preview says so too
    const back = await preview(v.id, 'NEGO');
    expect(back).toMatchObject({
      confirm: true,
      released: counts(v.id).reservations,
      cancelledShortages: 1,
      saleOrder: 'cancelled',
      reservedLines: 0,
    });
    const lost = await preview(v.id, 'LOST');
    expect(lost).toMatchObject({ kind: 'lost', confirm: true, saleOrder: 'cancelled' });
    expect(lost.lostReasons).toContain('Prix');
  });

  it('says a move would be refused, and why, for a customer on hold', async () => {
    const v = await deal([{ productId: plainProduct(14).id, qty: 100 }]);
    exec("UPDATE customers SET credit_hold = 1, hold_reason = 'impayés' WHERE id = ?", v.customer.id);
    const before = snapshot();
    expect(await preview(v.id, 'ACCEPT')).toMatchObject({ confirm: true, blocked: { check: 'credit_hold' }, reservedLines: 0 });
    expect(snapshot()).toBe(before);
    exec('UPDATE customers SET credit_hold = 0 WHERE id = ?', v.customer.id);
  });

  it('asks no confirmation for a plain move between open stages without automation', async () => {
    const v = await deal([{ productId: plainProduct(14).id, qty: 100 }]);
    expect(await preview(v.id, 'QUAL')).toMatchObject({ confirm: false, blocked: null, reservedLines: 0, saleOrder: null, lostReasons: [] });
  });

  it('loses a deal only with one of the company’s reasons, keeps it on the deal, and clears it when the deal is reopened', async () => {
    const v = await deal([{ productId: plainProduct(14).id, qty: 100 }]);
    const before = snapshot();
    const lose = (extra: Record<string, unknown>) => core.call('pipeline.moveStage', { opportunityId: v.id, toStageId: stage('LOST'), ...extra });
    await expect(lose({})).rejects.toMatchObject({ code: 'invalid_input', details: { issues: [{ path: 'lostReason' }] } });
    await expect(lose({ lostReason: 'Il pleuvait' })).rejects.toMatchObject({ code: 'invalid_input', message: /Prix/ });
    await expect(lose({ lostReason: 'Prix', lostNote: 'x'.repeat(501) })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(snapshot()).toBe(before);

    // the company words its own reasons: its manager does, not a trader
    await expect(core.call('settings.set', { key: 'pipeline.lostReasons', value: ['Prix'] })).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'settings.company' },
    });
    await asRole('manager');
    await core.call('settings.set', { key: 'pipeline.lostReasons', value: ['Prix', 'Transport trop cher'] });
    const lost = await lose({ lostReason: 'Transport trop cher', lostNote: 'Concurrent livre franco' });
    expect(lost.stage.kind).toBe('lost');
    expect(lost.lost).toEqual({ reason: 'Transport trop cher', note: 'Concurrent livre franco' });
    const audit = sql<{ field: string; new_value: string }>(
      "SELECT field, new_value FROM audit_log WHERE entity = 'opportunity' AND entity_id = ? AND field = 'lostReason'",
      v.id,
    );
    expect(audit.map((a) => JSON.parse(a.new_value) as string)).toEqual(['Transport trop cher']);
    expect((await move(v.id, 'NEGO')).lost).toBeNull();
    await expect(core.call('settings.set', { key: 'pipeline.lostReasons', value: [] })).rejects.toMatchObject({ code: 'invalid_input' });
    await core.call('settings.set', { key: 'pipeline.lostReasons', value: ['Prix', 'Délai de livraison', 'Concurrent retenu'] });
    await asRole('trader');
  });
});

describe('a crash in the middle of the chain', () => {
  it('leaves nothing or everything, whichever step the process is killed at', async () => {
    const { spawnSync } = await import('node:child_process');
    const { join } = await import('node:path');
    const { tempDir } = await import('./helpers');
    const { startCore } = await import('../../electron/core/core');
    const { dir, cleanup: done } = tempDir();
    const dbPath = join(dir, 'crash.sqlite');
    const setup = startCore({ dbPath, demo: 'small', now: () => NOW });
    const q = <T>(s: string, ...p: unknown[]) => setup.db.$client.prepare(s).get(...p) as T;
    const customer = q<{ id: number }>('SELECT id FROM customers WHERE on_hold = 0 ORDER BY id LIMIT 1').id;
    setup.db.$client.prepare('UPDATE customers SET credit_limit = 1000000000000 WHERE id = ?').run(customer);
    const product = q<{ id: number; list_price: number }>(
      'SELECT id, list_price FROM products WHERE cost_price * 1.3 < list_price ORDER BY id LIMIT 1',
    );
    let v = await setup.call('opportunity.create', { customerId: customer, title: 'Crash' });
    v = await setup.call('opportunity.addLine', {
      opportunityId: v.id,
      productId: product.id,
      qty: 10_000_000,
      unitPrice: product.list_price,
    });
    const accept = q<{ id: number }>("SELECT id FROM stages WHERE code = 'ACCEPT'").id;
    setup.close();

    const state = () => {
      const c = startCore({ dbPath, demo: 'none' });
      const g = (s: string, key: unknown = v.id) => c.db.$client.prepare(s).pluck().get(key) as number | string;
      const snapshot = {
        integrity: c.db.$client.pragma('integrity_check', { simple: true }) as string,
        stage: g('SELECT stage_id FROM opportunities WHERE id = ?'),
        reservations: g('SELECT count(*) FROM reservations WHERE opportunity_id = ?'),
        shortages: g('SELECT count(*) FROM shortages WHERE opportunity_id = ?'),
        orders: g('SELECT count(*) FROM outbox WHERE subject = ?', `opportunity:${v.id}`),
        timeline: g('SELECT count(*) FROM timeline_entries WHERE opportunity_id = ?'),
        history: g('SELECT count(*) FROM stage_history WHERE opportunity_id = ?'),
      };
      c.close();
      return snapshot;
    };
    const before = state();
    for (const table of ['stage_history', 'reservations', 'shortages', 'outbox', 'activities', 'timeline_entries']) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'tests/integration/fixtures/crash-during-accept.ts', dbPath, String(v.id), String(accept), table],
        {
          encoding: 'utf8',
        },
      );
      expect(child.signal, `${table}: ${child.stderr}`).toBe('SIGKILL');
      expect(state(), `killed while writing ${table}`).toEqual(before);
    }
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tests/integration/fixtures/crash-during-accept.ts', dbPath, String(v.id), String(accept), 'sync_conflicts'],
      {
        encoding: 'utf8',
      },
    );
    expect(child.status, child.stderr).toBe(0);
    const after = state();
    expect(after).toMatchObject({ integrity: 'ok', stage: accept, shortages: 1, orders: 1, history: Number(before.history) + 1 });
    expect(after.reservations).toBeGreaterThan(0);
    done();
  }, 60_000);
});

describe('automation rules in settings', () => {
  it('adds a rule with a minimum amount that only runs for deals above it; bad rules are refused and change nothing', async () => {
    const nego = stage('NEGO');
    const before = await core.call('automation.list', {});
    expect(before.find((r) => r.stageName === 'Devis accepté')!.actions.map((a) => a.type)).toEqual([
      'check_credit',
      'check_margin',
      'reserve_stock',
      'raise_shortages',
      'queue_sale_order',
      'create_task',
      'notify',
    ]);
    const bad: unknown[] = [
      { stageId: nego, trigger: 'enter', actions: [] },
      { stageId: nego, trigger: 'enter', actions: [{ type: 'launch_rocket' }] },
      { stageId: nego, trigger: 'sometimes', actions: [{ type: 'notify', role: 'finance', title: 'x' }] },
      { stageId: 999_999, trigger: 'enter', actions: [{ type: 'notify', role: 'finance', title: 'x' }] },
      { stageId: nego, trigger: 'enter', actions: [{ type: 'create_task', role: 'pilot', title: 'x' }] },
      { stageId: nego, trigger: 'enter', conditions: { minAmount: -1 }, actions: [{ type: 'notify', role: 'finance', title: 'x' }] },
    ];
    for (const input of bad)
      await expect(core.call('automation.save', input as never)).rejects.toMatchObject({ code: expect.stringMatching(/invalid_input|not_found/) });
    expect(await core.call('automation.list', {})).toEqual(before);

    const list = await core.call('automation.save', {
      stageId: nego,
      trigger: 'enter',
      conditions: { minAmount: 50_000 * 10_000 },
      actions: [{ type: 'create_task', role: 'manager', title: 'Grosse affaire en négociation' }],
    });
    const rule = list.find((r) => r.stageId === nego)!;
    expect(one<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'rule' AND entity_id = ? ORDER BY id DESC", rule.id).action).toBe(
      'create',
    );
    const task = (id: number) => one<{ n: number }>("SELECT count(*) AS n FROM activities WHERE opportunity_id = ? AND role = 'manager'", id).n;
    const p = plainProduct(10);
    const small = await deal([{ productId: p.id, qty: 1_000, unitPrice: 10_000 }]);
    expect(task(small.id)).toBe(0);
    const big = await deal([{ productId: p.id, qty: 1_000, unitPrice: 60_000 * 10_000 }]);
    expect(task(big.id)).toBe(1);
    await core.call('automation.delete', { id: rule.id });
    expect((await core.call('automation.list', {})).some((r) => r.id === rule.id)).toBe(false);
  });
});
