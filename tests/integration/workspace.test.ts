import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { previewDeal, previewInput } from '../../electron/shared/domain/deal-preview';
import { addDays } from '../../electron/shared/dates';
import { weighted } from '../../electron/shared/money';
import { NOW, smallCore, TODAY } from './helpers';

let core: Core;
let cleanup: () => void;
beforeAll(() => ({ core, cleanup } = smallCore()));
afterAll(() => cleanup());

const sql = <T>(q: string, ...params: unknown[]) => core.db.$client.prepare(q).all(...params) as T[];
const view = async (id: number) => await core.call('opportunity.get', { id });
/** An open deal with several lines, for the checks below. */
const openDeal = () =>
  sql<{ id: number }>(
    `SELECT o.id FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.kind = 'open'
     AND (SELECT count(*) FROM opportunity_lines WHERE opportunity_id = o.id) >= 3 ORDER BY o.id LIMIT 1`,
  )[0]!.id;

describe('the 360° view of a deal', () => {
  it('reads an undated line at the day it can ship (today + handling days), the day the reservation would use', async () => {
    const customer = sql<{ id: number }>('SELECT id FROM customers WHERE on_hold = 0 ORDER BY id LIMIT 1')[0]!.id;
    const product = sql<{ id: number; list_price: number }>('SELECT id, list_price FROM products ORDER BY id LIMIT 1')[0]!;
    const created = await core.call('opportunity.create', { customerId: customer, title: 'Sans date' });
    core.db.$client.prepare('UPDATE opportunities SET expected_close = NULL, requested_date = NULL WHERE id = ?').run(created.id);
    const v = await core.call('opportunity.addLine', {
      opportunityId: created.id,
      productId: product.id,
      qty: 1000,
      unitPrice: product.list_price,
    });
    const handling = JSON.parse(sql<{ value: string }>("SELECT value FROM settings WHERE key = 'operations.handlingDays'")[0]!.value) as number;
    expect(handling).toBeGreaterThan(0);
    expect(v.lines[0]!.insight.atDate).toBe(addDays(TODAY, handling));
  });

  it('gives each line its ATP in every warehouse at its date: on hand − reserved − local + receipts due by then', async () => {
    const v = await view(openDeal());
    for (const line of v.lines) {
      expect(line.insight.stock).toHaveLength(6);
      for (const s of line.insight.stock) {
        const [erp] = sql<{ on_hand: number; reserved_erp: number }>(
          'SELECT on_hand, reserved_erp FROM stock_levels WHERE product_id = ? AND warehouse_id = ?',
          line.productId,
          s.warehouseId,
        );
        const [due] = sql<{ q: number }>(
          'SELECT coalesce(sum(qty), 0) AS q FROM incoming_receipts WHERE product_id = ? AND warehouse_id = ? AND expected_date <= ?',
          line.productId,
          s.warehouseId,
          line.insight.atDate,
        );
        expect(s.atp).toBe(erp!.on_hand - erp!.reserved_erp - s.localReserved + due!.q);
      }
      expect(line.insight.atDate >= TODAY).toBe(true);
      // covered in the chosen warehouse at the line's date ⇔ covered from a date no later than that
      const chosen = line.insight.stock.find((s) => s.warehouseId === line.warehouseId);
      if (chosen)
        expect(chosen.atp >= line.qty).toBe(
          line.insight.availability.availableFrom !== null && line.insight.availability.availableFrom <= line.insight.atDate,
        );
    }
  });

  it('takes local reservations off every other deal at once', async () => {
    const id = openDeal();
    const line = (await view(id)).lines[0]!;
    const wh = line.insight.stock[0]!;
    const other = sql<{ id: number }>('SELECT id FROM opportunities WHERE id != ? LIMIT 1', id)[0]!.id;
    const otherLine = sql<{ id: number }>('SELECT id FROM opportunity_lines WHERE opportunity_id = ? LIMIT 1', other)[0]!.id;
    core.db.$client
      .prepare(
        "INSERT INTO reservations (opportunity_id, line_id, product_id, warehouse_id, qty, status, created_at) VALUES (?, ?, ?, ?, 7000, 'active', ?)",
      )
      .run(other, otherLine, line.productId, wh.warehouseId, NOW);
    const after = (await view(id)).lines[0]!.insight.stock[0]!;
    expect(after.localReserved).toBe(wh.localReserved + 7_000);
    expect(after.atp).toBe(wh.atp - 7_000);
  });

  it('shows the weighted demand of the other open deals for the same product by the same date', async () => {
    const id = openDeal();
    const line = (await view(id)).lines[0]!;
    const rows = sql<{ qty: number; probability: number; at: string }>(
      `SELECT l.qty, o.probability, coalesce(l.requested_date, o.requested_date, o.expected_close) AS at FROM opportunity_lines l
       JOIN opportunities o ON o.id = l.opportunity_id JOIN stages s ON s.id = o.stage_id
       WHERE l.product_id = ? AND s.kind = 'open' AND o.id != ?`,
      line.productId,
      id,
    );
    const expected = rows.filter((r) => r.at <= line.insight.atDate).reduce((s, r) => s + weighted(r.qty, r.probability), 0);
    expect(line.insight.pipelineDemand).toBe(expected);
  });

  it('follows the other deals: a deal lost or re-weighted changes the demand at once', async () => {
    const id = openDeal();
    const line = (await view(id)).lines[0]!;
    const other = sql<{ id: number; customer_id: number }>('SELECT id, customer_id FROM opportunities WHERE id != ? ORDER BY id LIMIT 1', id)[0]!;
    const qual = sql<{ id: number }>("SELECT id FROM stages WHERE code = 'QUAL'")[0]!.id;
    const lost = sql<{ id: number }>("SELECT id FROM stages WHERE code = 'LOST'")[0]!.id;
    // the other deal, open, wants 100 units of the same product by the same date at 10 %
    await core.call('pipeline.moveStage', { opportunityId: other.id, toStageId: qual });
    core.db.$client
      .prepare(
        'INSERT INTO opportunity_lines (opportunity_id, position, product_id, qty, unit_price, discount, requested_date) VALUES (?, 99, ?, 100000, 10000, 0, ?)',
      )
      .run(other.id, line.productId, line.insight.atDate);
    const base = (await view(id)).lines[0]!.insight.pipelineDemand;
    // what the other deal's lines of this product, due by then, weigh at a given probability
    const otherLines = sql<{ qty: number }>(
      'SELECT l.qty FROM opportunity_lines l JOIN opportunities o ON o.id = l.opportunity_id WHERE l.opportunity_id = ? AND l.product_id = ? AND coalesce(l.requested_date, o.requested_date, o.expected_close) <= ?',
      other.id,
      line.productId,
      line.insight.atDate,
    );
    const at = (p: number) => otherLines.reduce((sum, l) => sum + weighted(l.qty, p), 0);
    expect(at(10)).toBeGreaterThanOrEqual(10_000);
    core.db.$client.prepare('UPDATE opportunities SET probability = 50 WHERE id = ?').run(other.id);
    expect((await view(id)).lines[0]!.insight.pipelineDemand).toBe(base - at(10) + at(50));
    await core.call('pipeline.moveStage', { opportunityId: other.id, toStageId: lost, lostReason: 'Prix' });
    expect((await view(id)).lines[0]!.insight.pipelineDemand).toBe(base - at(10));
    // back to a stage that is open, then that stage is made a closing one
    await core.call('pipeline.moveStage', { opportunityId: other.id, toStageId: qual });
    expect((await view(id)).lines[0]!.insight.pipelineDemand).toBe(base);
    await core.call('stages.update', { id: qual, kind: 'won' });
    expect((await view(id)).lines[0]!.insight.pipelineDemand).toBeLessThanOrEqual(base - at(10));
    await core.call('stages.update', { id: qual, kind: 'open' });
  });

  it('grades each line and the deal against the margin rule, the customer rule first', async () => {
    const id = openDeal();
    const v = await view(id);
    const line = v.lines[0]!;
    // a customer rule asking more than this line makes lifts it to below target at least
    const target = Math.max(line.marginRate ?? 0, 0) + 500;
    await core.call('marginRules.save', { scope: 'customer', scopeId: v.customer.id, targetRate: target, minimumRate: 0 });
    const after = await view(id);
    expect(after.guard).toMatchObject({ targetRate: target, minimumRate: 0 });
    expect(after.lines[0]!.insight.guard).toBe(line.amount < line.cost ? 'below_cost' : 'below_target');
    expect(['below_target', 'below_minimum', 'below_cost']).toContain(after.guard.state);
  });

  it('gives the renderer what it needs to recompute while typing: its preview equals what core answers after the save', async () => {
    const ids = sql<{ id: number }>(
      `SELECT o.id FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.kind = 'open'
       AND (SELECT count(*) FROM opportunity_lines WHERE opportunity_id = o.id) >= 2 ORDER BY o.id LIMIT 8`,
    );
    for (const { id } of ids) {
      const before = await view(id);
      const line = before.lines[1]!;
      // a quantity that crosses tiers, a lower price and a discount: typed, previewed, then saved
      const edit = { lineId: line.id, qty: line.qty * 3, unitPrice: Math.round(line.unitPrice * 0.9), discount: 250 };
      const preview = previewDeal(previewInput(before), edit);
      const after = await core.call('opportunity.updateLine', edit);
      for (const l of after.lines) {
        const p = preview.lines.get(l.id)!;
        expect({ amount: p.amount, cost: p.cost, margin: p.margin, marginRate: p.marginRate, guard: p.guard }).toEqual({
          amount: l.amount,
          cost: l.cost,
          margin: l.margin,
          marginRate: l.marginRate,
          guard: l.insight.guard,
        });
      }
      expect(preview.lines.get(line.id)!.availability).toBe(after.lines[1]!.insight.availability.status);
      expect(preview.totals).toEqual(after.totals);
      expect(preview.guard).toEqual(after.guard);
    }
  });

  it('gives the customer panel: headroom after this deal and after the weighted pipeline, history, last prices', async () => {
    const id = openDeal();
    const v = await view(id);
    const [c] = sql<{ credit_limit: number; outstanding: number; open_orders: number }>(
      'SELECT credit_limit, outstanding, open_orders FROM customers WHERE id = ?',
      v.customer.id,
    );
    const p = v.customerPanel;
    // the customer's other accepted deals count in full (until their order is in the ERP), the others weighted
    const others = sql<{ amount: number; probability: number; ops_state: string | null; in_erp: number }>(
      `SELECT o.amount, o.probability, o.ops_state, EXISTS (SELECT 1 FROM outbox x WHERE x.subject = 'opportunity:' || o.id AND x.kind = 'sale_order' AND x.status = 'done') AS in_erp
       FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE o.customer_id = ? AND s.kind = 'open' AND o.id != ?`,
      v.customer.id,
      id,
    );
    const accepted = (r: (typeof others)[number]) => r.ops_state === 'committed' || r.ops_state === 'awaiting_approval';
    const committed = others.filter((r) => accepted(r) && !r.in_erp).reduce((sum, r) => sum + r.amount, 0);
    const w = others.filter((r) => !accepted(r)).reduce((sum, r) => sum + weighted(r.amount, r.probability), 0);
    expect(p.otherCommitted).toBe(committed);
    expect(p.headroom).toBe(c!.credit_limit - c!.outstanding - c!.open_orders - committed - v.totals.amount);
    expect(p.otherPipelineWeighted).toBe(w);
    expect(p.headroomWithPipeline).toBe(p.headroom - w);
    // the Finance grid shows the same customer with the same figures, before this deal
    const row = (await core.call('finance.exposure', {})).find((r) => r.customerId === v.customer.id)!;
    const inErp = sql<{ n: number }>(
      "SELECT count(*) AS n FROM outbox WHERE subject = ? AND kind = 'sale_order' AND status = 'done'",
      `opportunity:${id}`,
    )[0]!.n;
    const counted = (v.opsState === 'committed' || v.opsState === 'awaiting_approval') && inErp === 0;
    expect(p.headroom).toBe(counted ? row.headroom : row.headroom - v.totals.amount);
    expect(p.lastOrders.length).toBeGreaterThan(0);
    expect(p.lastOrders.map((o) => o.date)).toEqual([...p.lastOrders.map((o) => o.date)].sort().reverse());
    for (const lp of p.lastPrices) {
      const [last] = sql<{ unit_price: number; order_date: string }>(
        'SELECT unit_price, order_date FROM sales_history WHERE customer_id = ? AND product_id = ? ORDER BY order_date DESC, id DESC LIMIT 1',
        v.customer.id,
        lp.productId,
      );
      expect(lp).toEqual({ productId: lp.productId, unitPrice: last!.unit_price, date: last!.order_date });
    }
  });

  it('blocks on credit when the customer is on hold', async () => {
    const id = openDeal();
    const customer = (await view(id)).customer.id;
    core.db.$client.prepare('UPDATE customers SET on_hold = 1 WHERE id = ?').run(customer);
    expect((await view(id)).customerPanel.creditState).toBe('blocked');
  });
});
