import { afterAll, describe, expect, it } from 'vitest';
import { addDays } from '../../electron/shared/dates';
import { smallCore, TODAY } from './helpers';

/** Cross-sell and up-sell on the small demo company: never out of stock, never under target, each with its reason. */
const { core, cleanup } = smallCore();
afterAll(cleanup);
const sql = <T>(q: string, ...p: unknown[]) => core.db.$client.prepare(q).all(...p) as T[];
const openDeals = sql<{ id: number; customerId: number }>(
  "SELECT o.id, o.customer_id AS customerId FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.kind = 'open' ORDER BY o.id LIMIT 60",
);

describe('suggestions on a deal', () => {
  it('propose only what the warehouse can promise and what reaches its margin target, each with why', async () => {
    let usual = 0;
    let together = 0;
    for (const d of openDeals) {
      const list = await core.call('opportunity.suggestions', { id: d.id });
      const onDeal = new Set(sql<{ p: number }>('SELECT product_id AS p FROM opportunity_lines WHERE opportunity_id = ?', d.id).map((r) => r.p));
      for (const s of list) {
        expect(s.available).toBeGreaterThanOrEqual(s.qty);
        expect(s.marginRate).toBeGreaterThanOrEqual(s.targetRate);
        expect(onDeal.has(s.productId)).toBe(false);
        if (s.kind === 'usual') {
          usual++;
          const h = sql<{ orders: number; last: string }>(
            'SELECT count(DISTINCT order_ref) AS orders, max(order_date) AS last FROM sales_history WHERE customer_id = ? AND product_id = ? AND order_date >= ?',
            d.customerId,
            s.productId,
            addDays(TODAY, -730),
          )[0]!;
          expect(h.orders).toBe(s.orders);
          expect(h.orders).toBeGreaterThanOrEqual(2);
          expect(h.last < addDays(TODAY, -60)).toBe(true);
        } else together++;
      }
    }
    expect(usual).toBeGreaterThan(0);
    expect(together).toBeGreaterThan(0);
  });

  it('a suggested product is dropped when its stock is gone or its cost puts it under target, and back when it is not', async () => {
    let found: { deal: number; productId: number; warehouseId: number | null } | null = null;
    for (const d of openDeals) {
      const s = (await core.call('opportunity.suggestions', { id: d.id })).find((x) => x.warehouseId !== null);
      if (s) {
        found = { deal: d.id, productId: s.productId, warehouseId: s.warehouseId };
        break;
      }
    }
    expect(found).not.toBeNull();
    const { deal, productId } = found!;
    const has = async () => (await core.call('opportunity.suggestions', { id: deal })).some((s) => s.productId === productId);
    const raw = core.db.$client;
    const stock = sql<{ warehouse_id: number; on_hand: number }>('SELECT warehouse_id, on_hand FROM stock_levels WHERE product_id = ?', productId);
    raw.prepare('UPDATE stock_levels SET on_hand = reserved_erp WHERE product_id = ?').run(productId);
    raw.prepare('UPDATE incoming_receipts SET active = 0 WHERE product_id = ?').run(productId);
    expect(await has()).toBe(false);
    for (const s of stock)
      raw.prepare('UPDATE stock_levels SET on_hand = ? WHERE product_id = ? AND warehouse_id = ?').run(s.on_hand, productId, s.warehouse_id);
    expect(await has()).toBe(true);
    const cost = sql<{ c: number }>('SELECT cost_price AS c FROM products WHERE id = ?', productId)[0]!.c;
    raw.prepare('UPDATE products SET cost_price = list_price * 2 WHERE id = ?').run(productId);
    raw
      .prepare('UPDATE product_costs SET cost_price = (SELECT list_price * 2 FROM products WHERE id = ?) WHERE product_id = ?')
      .run(productId, productId);
    expect(await has()).toBe(false);
    raw.prepare('UPDATE products SET cost_price = ? WHERE id = ?').run(cost, productId);
  });

  it('one call adds a suggestion as a line, at its quantity and price', async () => {
    const d = openDeals[0]!;
    const [s] = await core.call('opportunity.suggestions', { id: d.id });
    if (!s) return expect.unreachable('the first open deal has a suggestion');
    const after = await core.call('opportunity.addLine', {
      opportunityId: d.id,
      productId: s.productId,
      qty: s.qty,
      unitPrice: s.unitPrice,
      warehouseId: s.warehouseId,
    });
    expect(after.lines.find((l) => l.productId === s.productId)).toMatchObject({ qty: s.qty, unitPrice: s.unitPrice });
    expect((await core.call('opportunity.suggestions', { id: d.id })).some((x) => x.productId === s.productId)).toBe(false);
  });

  it('refuses an unknown deal', async () => {
    await expect(core.call('opportunity.suggestions', { id: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
  });
});
