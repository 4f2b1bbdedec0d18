import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { Input, Method, Output } from '../../electron/shared/contract';
import { addDays } from '../../electron/shared/dates';
import { smallCore, TODAY } from './helpers';

let core: Core;
let cleanup: () => void;
beforeAll(() => ({ core, cleanup } = smallCore()));
afterAll(() => cleanup());

const sql = <T>(q: string, ...params: unknown[]) => core.db.$client.prepare(q).all(...params) as T[];
const one = <T>(q: string, ...params: unknown[]) => sql<T>(q, ...params)[0]!;
const stage = (code: string) => one<{ id: number }>('SELECT id FROM stages WHERE code = ?', code).id;
/** The desk's user becomes the first one with that role: authority comes from the user's record. */
const asRole = (role: string) => {
  const user = core.db.$client.prepare('SELECT id FROM users WHERE role = ? ORDER BY id LIMIT 1').get(role) as { id: number };
  return core.call('settings.set', { key: 'currentUserId', value: user.id });
};
/** A typed call through core, as the renderer makes it. */
const call = <M extends Method>(method: M, input: Input<M>) => core.call(method, input) as Promise<Output<M>>;

/** Accepts a deal whose lines each want more than the company holds: every line ends short. */
async function acceptShortDeal(productIds: number[]) {
  const customer = one<{ id: number }>('SELECT id FROM customers WHERE on_hold = 0 AND credit_hold = 0 ORDER BY id DESC LIMIT 1').id;
  core.db.$client.prepare('UPDATE customers SET credit_limit = outstanding + open_orders + 1000000000000 WHERE id = ?').run(customer);
  let v = await core.call('opportunity.create', { customerId: customer, title: 'Ruptures', requestedDate: addDays(TODAY, 30) });
  for (const productId of productIds) {
    const p = one<{ total: number; price: number }>(
      `SELECT (SELECT coalesce(sum(max(on_hand - reserved_erp, 0)), 0) FROM stock_levels WHERE product_id = p.id)
         + (SELECT coalesce(sum(qty), 0) FROM incoming_receipts WHERE product_id = p.id) AS total, p.list_price AS price FROM products p WHERE p.id = ?`,
      productId,
    );
    v = await core.call('opportunity.addLine', { opportunityId: v.id, productId, qty: p.total + 500_000, unitPrice: p.price * 2 });
  }
  await core.call('pipeline.moveStage', { opportunityId: v.id, toStageId: stage('ACCEPT') });
  return v;
}

describe('purchasing workspace', () => {
  it('lists each shortage with stock, receipts due, the best supplier for the quantity and the last day to order', async () => {
    const product = one<{ id: number }>('SELECT product_id AS id FROM supplier_prices GROUP BY product_id ORDER BY product_id LIMIT 1').id;
    const v = await acceptShortDeal([product]);
    const rows = await call('purchasing.shortages', { status: 'open' });
    const row = rows.find((r) => r.opportunityId === v.id)!;
    expect(row).toMatchObject({ productId: product, reference: v.reference, neededBy: addDays(TODAY, 28) });
    const best = one<{ supplier_id: number; unit_price: number; lead_time_days: number }>(
      `SELECT supplier_id, unit_price, lead_time_days FROM supplier_prices WHERE product_id = ? AND active = 1 AND min_qty <= ?
       AND (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?) ORDER BY unit_price, lead_time_days LIMIT 1`,
      product,
      row.qty,
      TODAY,
      TODAY,
    );
    expect(row).toMatchObject({ supplierId: best.supplier_id, supplierPrice: best.unit_price, leadTimeDays: best.lead_time_days });
    expect(row.orderBy).toBe(addDays(addDays(TODAY, 28), -best.lead_time_days));
    expect(row.inTime).toBe(row.orderBy! >= TODAY);
  });

  it('turns shortages into purchase requests, one per supplier, queued for the ERP; never twice', async () => {
    // products someone sells today (an expired offer cannot be requested)
    const products = sql<{ id: number }>(
      'SELECT product_id AS id FROM supplier_prices WHERE valid_to IS NULL OR valid_to >= ? GROUP BY product_id ORDER BY product_id LIMIT 3 OFFSET 5',
      TODAY,
    ).map((p) => p.id);
    const v = await acceptShortDeal(products);
    const mine = (await call('purchasing.shortages', { status: 'open' })).filter((r) => r.opportunityId === v.id);
    expect(mine).toHaveLength(3);
    const suppliers = new Set(mine.map((r) => r.supplierId));
    const before = one<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE kind = 'purchase_request'").n;
    const { requests } = await call('purchasing.request', { shortageIds: mine.map((r) => r.id) });
    expect(requests).toHaveLength(suppliers.size);
    expect(requests.reduce((n, r) => n + r.lines, 0)).toBe(3);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE kind = 'purchase_request'").n).toBe(before + suppliers.size);
    const requested = (await call('purchasing.shortages', { status: 'requested' })).filter((r) => r.opportunityId === v.id);
    // the ERP's number once it answered, never our UUID before
    expect(requested.map((r) => r.purchaseRef)).toEqual(requested.map(() => null));
    expect(requests[0]!.uuid).toMatch(/^[0-9a-f-]{36}$/);
    await expect(core.call('purchasing.request', { shortageIds: [mine[0]!.id] })).rejects.toMatchObject({ code: 'conflict' });
    expect(one<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE kind = 'purchase_request'").n).toBe(before + suppliers.size);
  });

  it('drafts purchases per supplier, rounded to its minimum and pack at the tier reached; the buyer edits, then sends once', async () => {
    // the first product is sold by packs of 25 by its best supplier
    const products = sql<{ id: number }>(
      'SELECT product_id AS id FROM supplier_prices GROUP BY product_id ORDER BY product_id LIMIT 2 OFFSET 20',
    ).map((p) => p.id);
    const v = await acceptShortDeal(products);
    const mine = (await call('purchasing.shortages', { status: 'open' })).filter((r) => r.opportunityId === v.id);
    const first = mine[0]!;
    core.db.$client
      .prepare('UPDATE supplier_prices SET pack_qty = 25000 WHERE product_id = ? AND supplier_id = ?')
      .run(first.productId, first.supplierId);
    const drafts = await call('purchasing.draft', { shortageIds: mine.map((r) => r.id) });
    const line = drafts.flatMap((d) => d.lines).find((l) => l.shortageId === first.id)!;
    expect(line.neededQty).toBe(first.qty);
    expect(line.qty % 25_000).toBe(0);
    expect(line.qty).toBeGreaterThanOrEqual(first.qty);
    expect(line.qty - first.qty).toBeLessThan(25_000);
    expect(new Set(drafts.map((d) => d.supplierId))).toEqual(new Set(mine.map((r) => r.supplierId)));
    // the shortage list says it sits in a draft; drafted once: a second draft of it is refused, nothing is queued yet
    expect((await call('purchasing.shortages', { status: 'open' })).find((r) => r.id === first.id)!.drafted).toBe(true);
    await expect(core.call('purchasing.draft', { shortageIds: [first.id] })).rejects.toMatchObject({ details: { reason: 'draft.alreadyDrafted' } });
    const queued = () => one<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE kind = 'purchase_request'").n;
    const before = queued();

    // the buyer changes the quantity: the price is the tier that quantity reaches with this supplier
    const tiers = sql<{ min_qty: number; unit_price: number }>(
      'SELECT min_qty, unit_price FROM supplier_prices WHERE product_id = ? AND supplier_id = ? AND active = 1 ORDER BY min_qty DESC',
      first.productId,
      first.supplierId,
    );
    const big = tiers[0]!.min_qty + 1_000;
    const edited = await call('purchasing.updateDraftLine', { lineId: line.id, qty: big, neededBy: addDays(TODAY, 20) });
    const after = edited.flatMap((d) => d.lines).find((l) => l.id === line.id)!;
    expect(after).toMatchObject({ qty: big, neededBy: addDays(TODAY, 20) });
    expect(after.unitPrice).toBeLessThanOrEqual(Math.min(...tiers.filter((t) => t.min_qty <= big).map((t) => t.unit_price)));
    await expect(core.call('purchasing.updateDraftLine', { lineId: line.id, qty: 0 })).rejects.toMatchObject({ code: 'invalid_input' });

    // only a buyer (or the manager) commits the company: a trader may not send it
    const draft = edited.find((d) => d.lines.some((l) => l.id === line.id))!;
    await asRole('trader');
    await expect(core.call('purchasing.sendDraft', { draftId: draft.id })).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'draft.senders' },
    });
    expect(queued()).toBe(before);
    await asRole('purchasing');
    const left = await call('purchasing.sendDraft', { draftId: draft.id });
    expect(left.map((d) => d.id)).not.toContain(draft.id);
    expect(queued()).toBe(before + 1);
    const payload = JSON.parse(
      one<{ payload: string }>("SELECT payload FROM outbox WHERE kind = 'purchase_request' ORDER BY id DESC LIMIT 1").payload,
    ) as {
      lines: { shortageId: number; qty: number; unitPrice: number; neededBy: string }[];
    };
    expect(payload.lines.find((l) => l.shortageId === first.id)).toMatchObject({
      qty: big,
      unitPrice: after.unitPrice,
      neededBy: addDays(TODAY, 20),
    });
    const sent = await call('purchasing.drafts', { status: 'sent' });
    expect(sent.find((d) => d.id === draft.id)).toMatchObject({ status: 'sent', erpStatus: 'pending', erpRef: null });
    await expect(core.call('purchasing.sendDraft', { draftId: draft.id })).rejects.toMatchObject({ details: { reason: 'draft.already.sent' } });
    expect(queued()).toBe(before + 1);
    // once the ERP answered, the draft shows its number
    core.db.$client
      .prepare("UPDATE outbox SET status = 'done', erp_ref = 'PO-00042' WHERE id = (SELECT outbox_id FROM purchase_drafts WHERE id = ?)")
      .run(draft.id);
    expect((await call('purchasing.drafts', { status: 'sent' })).find((d) => d.id === draft.id)).toMatchObject({
      erpStatus: 'done',
      erpRef: 'PO-00042',
    });
    await asRole('trader');
  });

  it('says why a line is short, and covers it by a transfer from another warehouse when one can give it all in time', async () => {
    // a product with stock in several warehouses: the deal wants it in the one with the least
    const spread = one<{ id: number; w: number; other: number; free: number }>(
      `SELECT sl.product_id AS id, sl.warehouse_id AS w, o.warehouse_id AS other, o.on_hand - o.reserved_erp AS free
       FROM stock_levels sl JOIN stock_levels o ON o.product_id = sl.product_id AND o.warehouse_id != sl.warehouse_id
       WHERE sl.on_hand - sl.reserved_erp BETWEEN 1000 AND 20000 AND o.on_hand - o.reserved_erp > 200000
         AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.product_id = sl.product_id AND r.status = 'active')
       ORDER BY sl.product_id LIMIT 1`,
    );
    const customer = one<{ id: number }>('SELECT id FROM customers WHERE on_hold = 0 AND credit_hold = 0 ORDER BY id DESC LIMIT 1').id;
    core.db.$client.prepare('UPDATE customers SET credit_limit = outstanding + open_orders + 1000000000000 WHERE id = ?').run(customer);
    let v = await core.call('opportunity.create', { customerId: customer, title: 'Transfert', requestedDate: addDays(TODAY, 30) });
    const price = one<{ p: number }>('SELECT list_price * 2 AS p FROM products WHERE id = ?', spread.id).p;
    v = await core.call('opportunity.addLine', {
      opportunityId: v.id,
      productId: spread.id,
      warehouseId: spread.w,
      qty: 100_000,
      unitPrice: price,
    });
    await core.call('pipeline.moveStage', { opportunityId: v.id, toStageId: stage('ACCEPT') });
    const row = (await call('purchasing.shortages', { status: 'open' })).find((r) => r.opportunityId === v.id)!;
    const here = one<{ on_hand: number; reserved_erp: number }>(
      'SELECT on_hand, reserved_erp FROM stock_levels WHERE product_id = ? AND warehouse_id = ?',
      spread.id,
      spread.w,
    );
    expect(row).toMatchObject({ onHand: here.on_hand, reservedOthers: here.reserved_erp });
    // what is free there by the needed date: what the deal could not reserve, and receipts due by then
    expect(row.atpAtNeed).toBe(row.incoming);
    expect(row.elsewhere.map((e) => e.warehouseId)).toContain(spread.other);
    expect(row.elsewhere.every((e) => e.warehouseId !== spread.w && e.atp > 0)).toBe(true);
    expect(row.transferFrom!.atp).toBeGreaterThanOrEqual(row.qty);
    expect(row.transferFrom!.atp).toBe(Math.max(...row.elsewhere.map((e) => e.atp)));

    // not from the same warehouse, not from one that cannot give it all
    await expect(core.call('purchasing.transfer', { shortageId: row.id, fromWarehouseId: spread.w })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const poor = one<{ w: number }>(
      'SELECT warehouse_id AS w FROM stock_levels WHERE product_id = ? AND warehouse_id != ? AND on_hand - reserved_erp < ? ORDER BY warehouse_id LIMIT 1',
      spread.id,
      spread.w,
      row.qty,
    ).w;
    await expect(core.call('purchasing.transfer', { shortageId: row.id, fromWarehouseId: poor })).rejects.toMatchObject({
      details: { reason: 'transfer.notEnough' },
    });
    const before = one<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE kind = 'transfer'").n;
    await call('purchasing.transfer', { shortageId: row.id, fromWarehouseId: row.transferFrom!.warehouseId });
    // reserved there for the deal, an internal shipment queued for the ERP, the shortage requested; never twice
    expect(
      one<{ q: number }>(
        "SELECT sum(qty) AS q FROM reservations WHERE opportunity_id = ? AND warehouse_id = ? AND status = 'active'",
        v.id,
        row.transferFrom!.warehouseId,
      ).q,
    ).toBe(row.qty);
    const item = one<{ payload: string; subject: string }>("SELECT payload, subject FROM outbox WHERE kind = 'transfer' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(item.payload)).toMatchObject({
      reference: v.reference,
      qty: row.qty,
      fromWarehouseCode: row.transferFrom!.warehouseCode,
      toWarehouseCode: row.warehouseCode,
    });
    expect(one<{ status: string }>('SELECT status FROM shortages WHERE id = ?', row.id).status).toBe('requested');
    await expect(core.call('purchasing.transfer', { shortageId: row.id, fromWarehouseId: row.transferFrom!.warehouseId })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(one<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE kind = 'transfer'").n).toBe(before + 1);
  });

  it('covers a shortage by a receipt of the same product and warehouse only, and dismisses one with a reason', async () => {
    const product = one<{ id: number; w: number }>('SELECT product_id AS id, warehouse_id AS w FROM incoming_receipts ORDER BY id LIMIT 1');
    const v = await acceptShortDeal([product.id]);
    const s = (await call('purchasing.shortages', { status: 'open' })).find((r) => r.opportunityId === v.id)!;
    const options = await call('purchasing.receipts', { shortageId: s.id });
    const wrong = one<{ id: number }>('SELECT id FROM incoming_receipts WHERE product_id != ? LIMIT 1', product.id).id;
    await expect(core.call('purchasing.cover', { shortageId: s.id, receiptId: wrong })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(core.call('purchasing.dismiss', { shortageId: s.id, reason: ' ' })).rejects.toMatchObject({ code: 'invalid_input' });
    if (options.length > 0) {
      await core.call('purchasing.cover', { shortageId: s.id, receiptId: options[0]!.id });
      expect(one<{ status: string; receipt_id: number }>('SELECT status, receipt_id FROM shortages WHERE id = ?', s.id)).toEqual({
        status: 'covered',
        receipt_id: options[0]!.id,
      });
    } else {
      await core.call('purchasing.dismiss', { shortageId: s.id, reason: 'client servi par un confrère' });
      expect(one<{ status: string }>('SELECT status FROM shortages WHERE id = ?', s.id).status).toBe('dismissed');
    }
    await expect(core.call('purchasing.dismiss', { shortageId: s.id, reason: 'encore' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('sums the pipeline-weighted demand by product, warehouse and week, without deals already committed', async () => {
    const rows = await call('purchasing.demand', { weeks: 8, all: true });
    const end = addDays(TODAY, 56);
    const raw = one<{ q: number }>(
      `SELECT coalesce(sum((l.qty * l.demand_probability + 50) / 100), 0) AS q FROM opportunity_lines l JOIN opportunities o ON o.id = l.opportunity_id
       WHERE l.demand_open = 1 AND l.demand_date != '' AND l.demand_date < ? AND o.ops_state IS NOT 'committed'`,
      end,
    ).q;
    expect(rows.reduce((s, r) => s + r.total, 0)).toBe(raw);
    for (const r of rows) {
      expect(r.weeks).toHaveLength(8);
      expect(r.weeks.reduce((s, w) => s + w, 0)).toBe(r.total);
      expect(r.projected).toBe(r.atp + r.incoming - r.total);
    }
    // by default only what the horizon leaves short
    const short = await call('purchasing.demand', { weeks: 8 });
    expect(short.length).toBe(rows.filter((r) => r.projected < 0).length);
    expect(short.every((r) => r.projected < 0 && r.supplierId !== undefined)).toBe(true);
    // the most pressing first
    expect(rows.map((r) => r.projected)).toEqual([...rows.map((r) => r.projected)].sort((a, b) => a - b));
  });
});

describe('finance workspace', () => {
  it('shows each customer exposure with accepted deals and the weighted pipeline; only finance puts a hold, which blocks acceptance', async () => {
    const rows = await call('finance.exposure', {});
    const withDeals = rows.find((r) => r.reservedDeals > 0)!;
    expect(withDeals.headroom).toBe(withDeals.creditLimit - withDeals.outstanding - withDeals.openOrders - withDeals.reservedDeals);
    expect(withDeals.headroomWithPipeline).toBe(withDeals.headroom - withDeals.weightedPipeline);

    const target = one<{ id: number; customer_id: number }>(
      "SELECT o.id, o.customer_id FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.code = 'NEGO' AND o.amount > 0 ORDER BY o.id LIMIT 1",
    );
    await asRole('trader');
    await expect(core.call('customers.hold', { customerId: target.customer_id, hold: true, reason: 'impayés' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await asRole('finance');
    await expect(core.call('customers.hold', { customerId: target.customer_id, hold: true })).rejects.toMatchObject({ code: 'invalid_input' });
    const held = await call('customers.hold', {
      customerId: target.customer_id,
      hold: true,
      reason: 'impayés de septembre',
    });
    expect(held).toMatchObject({ creditHold: true, holdReason: 'impayés de septembre' });
    // shown wherever the customer appears: the deal, the grid, the board
    expect((await call('opportunity.get', { id: target.id })).customer.onHold).toBe(true);
    await asRole('trader');
    await expect(core.call('pipeline.moveStage', { opportunityId: target.id, toStageId: stage('ACCEPT') })).rejects.toMatchObject({
      message: /impayés de septembre.*finance/,
    });
    await asRole('finance');
    await core.call('customers.hold', { customerId: target.customer_id, hold: false });
    expect((await call('opportunity.get', { id: target.id })).customer.onHold).toBe(false);
    const audit = sql<{ field: string }>("SELECT field FROM audit_log WHERE entity = 'customer' AND entity_id = ?", target.customer_id);
    expect(audit).toHaveLength(2);
    await asRole('trader');
  });
});

describe('credit control', () => {
  it('shows each customer overdue by age, summing to the overdue, from the open invoices', async () => {
    const rows = await call('finance.exposure', {});
    for (const r of rows)
      expect(
        r.ageing.reduce((a, b) => a + b, 0),
        r.code,
      ).toBe(r.overdue);
    // some customers owe at more than one age, some past 90 days
    expect(rows.some((r) => r.ageing.filter((a) => a > 0).length > 1)).toBe(true);
    expect(rows.some((r) => r.ageing[3] > 0)).toBe(true);
    // the customer card of a deal shows the same ages
    const deal = one<{ id: number; customer: number }>(
      'SELECT o.id, o.customer_id AS customer FROM opportunities o JOIN customers c ON c.id = o.customer_id WHERE c.overdue30 > 0 AND c.overdue60 > 0 ORDER BY o.id LIMIT 1',
    );
    const late = rows.find((r) => r.customerId === deal.customer)!;
    expect((await call('opportunity.get', { id: deal.id })).customer.ageing).toEqual(late.ageing);
  });
});
