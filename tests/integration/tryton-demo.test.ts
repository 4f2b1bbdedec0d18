import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullCycle } from '../../electron/connector/cycle';
import { trytonAdapter } from '../../electron/connector/tryton/adapter';
import { writeDemoToTryton } from '../../electron/connector/tryton/demo-writer';
import { trytonDate as day, trytonDecimal as D, trytonTransport } from '../../electron/connector/tryton/transport';
import { startCore, type Core } from '../../electron/core/core';
import type { Input, Method, Output } from '../../electron/shared/contract';
import { describeCompany } from '../../electron/shared/demo';
import { overdueInvoices } from '../../electron/shared/demo/master';
import { addDays } from '../../electron/shared/dates';
import { ageingOf } from '../../electron/shared/domain/ageing';
import { testClock } from '../clock';
import { startTryton, type TrytonServer } from './fixtures/tryton-server';
import { confirmingWarnings } from '../../electron/connector/tryton/warnings';
import { inProcessConnector, tempDir, until } from './helpers';

/**
 * The demo company written into a real Tryton and synced back, on the test's clock: the generator,
 * the writer, Tryton itself, core, the adapter and the connector all start at `start`. The
 * incremental cycle runs the next morning (31 December → 1 January crosses Tryton's fiscal years).
 */
function trytonDemoSuite(start: string) {
  const clock = testClock(start);
  let tryton: TrytonServer;
  let core: Core;
  let cleanup: () => void;
  const demo = describeCompany({ preset: 'small', today: clock.today() });
  const call = <M extends Method>(method: M, input: Input<M>) => core.call(method, input) as Promise<Output<M>>;
  const all = <T>(sql: string) => core.db.$client.prepare(sql).all() as T[];

  describe(`the demo company in a real Tryton, synced back (${start})`, () => {
    beforeAll(async () => {
      tryton = await startTryton(clock);
      const t = tempDir();
      core = startCore({ dbPath: join(t.dir, 'from-tryton.sqlite'), demo: 'none', now: clock.now });
      cleanup = t.cleanup;
    }, 300_000);
    afterAll(async () => {
      core?.close();
      await tryton?.stop();
      tryton?.cleanup();
      cleanup?.();
    });

    it('gives the same warehouses, products and costs per warehouse, stock, supplier tiers, receipts, customers with their credit, and sales history as the generator', async () => {
      const erp = trytonTransport({ url: tryton.url, database: tryton.database, login: 'admin', secret: tryton.password, timeoutMs: 600_000 });
      await writeDemoToTryton(erp, demo);
      const report = await pullCycle(trytonAdapter(erp, clock.now), call, { pageSize: 200, now: clock.now });
      expect(report.filter((r) => r.error)).toEqual([]);

      expect(all<{ code: string }>('SELECT code FROM warehouses WHERE active = 1 ORDER BY code').map((w) => w.code)).toEqual(
        demo.warehouses.map((w) => w.code).sort(),
      );
      // with their TVA, read from each one's accounting category in Tryton (10 % for seeds and feed, 20 % otherwise)
      const products = all<{ code: string; unit: string; list_price: number; cost_price: number; tax_rate: number }>(
        'SELECT code, unit, list_price, cost_price, tax_rate FROM products ORDER BY code',
      );
      expect(new Set(products.map((p) => p.tax_rate))).toEqual(new Set([1000, 2000]));
      expect(products).toEqual(
        demo.products
          .map((p) => ({ code: p.code, unit: p.unit, list_price: p.listPrice, cost_price: p.costPrice, tax_rate: p.taxRate }))
          .sort((a, b) => a.code.localeCompare(b.code)),
      );
      const costs = all<{ k: string }>(
        "SELECT p.code || '@' || w.code || '=' || c.cost_price AS k FROM product_costs c JOIN products p ON p.id = c.product_id JOIN warehouses w ON w.id = c.warehouse_id",
      ).map((r) => r.k);
      const demoCosts = demo.products.flatMap((p) =>
        p.warehouseCosts.filter((wc) => wc.cost !== p.costPrice).map((wc) => `${p.code}@${wc.warehouseCode}=${wc.cost}`),
      );
      expect(demoCosts.length).toBeGreaterThan(0);
      expect(costs.sort()).toEqual(demoCosts.sort());
      const stock = new Map(
        all<{ k: string; q: number }>(
          "SELECT p.code || '@' || w.code AS k, s.on_hand AS q FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN warehouses w ON w.id = s.warehouse_id WHERE w.active = 1",
        ).map((r) => [r.k, r.q]),
      );
      // Tryton counts no stock below zero: the generator's negative positions come back as zero
      for (const s of demo.stock)
        expect(stock.get(`${s.productCode}@${s.warehouseCode}`), `${s.productCode}@${s.warehouseCode}`).toBe(Math.max(0, s.onHand));
      const receipts = all<{ n: number; q: number }>('SELECT count(*) AS n, sum(qty) AS q FROM incoming_receipts WHERE active = 1')[0]!;
      expect(receipts).toEqual({ n: demo.receipts.length, q: demo.receipts.reduce((t, r) => t + r.qty, 0) });
      const tiers = all<{ k: string }>(
        "SELECT p.code || '|' || s.code || '|' || sp.min_qty || '|' || sp.unit_price || '|' || sp.lead_time_days AS k FROM supplier_prices sp JOIN products p ON p.id = sp.product_id JOIN suppliers s ON s.id = sp.supplier_id",
      ).map((r) => r.k);
      expect(tiers.sort()).toEqual(
        demo.supplierPrices.map((t) => `${t.productCode}|${t.supplierCode}|${t.minQty}|${t.unitPrice}|${t.leadTimeDays}`).sort(),
      );
      // customers only (not the suppliers, not the company), with the credit figures posted invoices and open orders make
      const credit = all<{
        code: string;
        city: string;
        postal_code: string;
        credit_limit: number;
        outstanding: number;
        overdue: number;
        ageing: string;
        open_orders: number;
      }>(
        "SELECT code, city, postal_code, credit_limit, outstanding, overdue, overdue30 || '|' || overdue60 || '|' || overdue90 || '|' || overdue_over90 AS ageing, open_orders FROM customers ORDER BY code",
      );
      expect(credit).toEqual(
        demo.customers
          .map((k) => ({
            code: k.code,
            city: k.city,
            postal_code: k.postalCode,
            credit_limit: k.creditLimit,
            outstanding: k.outstanding,
            overdue: k.overdue,
            // by age, from the open invoices' due dates on the test's day
            ageing: ageingOf(
              overdueInvoices(k).map((i) => ({ maturity: addDays(clock.today(), -i.daysLate), amount: i.amount })),
              clock.today(),
            ).join('|'),
            open_orders: k.openOrders,
          }))
          .sort((a, b) => a.code.localeCompare(b.code)),
      );
      expect(credit.some((k) => k.overdue > 0 && k.overdue < k.outstanding)).toBe(true);
      expect(credit.some((k) => k.ageing.split('|').filter((a) => a !== '0').length > 1)).toBe(true);
      // the history is every line of a confirmed sale: the past orders, and the open order of each customer that has one
      const sales = [...demo.salesHistory()];
      const open = demo.customers.filter((k) => k.openOrders > 0).length;
      const history = all<{ n: number; q: number; orders: number }>(
        "SELECT count(*) AS n, sum(qty) AS q, count(DISTINCT order_ref) AS orders FROM sales_history WHERE order_ref NOT LIKE '%-ENCOURS'",
      )[0]!;
      expect(history).toEqual({ n: sales.length, q: sales.reduce((t, l) => t + l.qty, 0), orders: new Set(sales.map((l) => l.orderRef)).size });
      expect(all<{ n: number }>("SELECT count(*) AS n FROM sales_history WHERE order_ref LIKE '%-ENCOURS'")[0]!.n).toBe(open);
      const first = sales[0]!;
      expect(
        all<{ k: string }>(
          `SELECT c.code || '|' || p.code || '|' || h.order_date || '|' || h.unit_price AS k FROM sales_history h JOIN customers c ON c.id = h.customer_id
         JOIN products p ON p.id = h.product_id WHERE h.order_ref = '${first.orderRef}'`,
        ).map((r) => r.k),
      ).toContain(`${first.customerCode}|${first.productCode}|${first.date}|${first.unitPrice}`);
    }, 900_000);

    it('brings exactly what changed in Tryton — a stock move, a new price, a new customer, an archived product, a paid invoice — in the connector’s next cycle, the next morning', async () => {
      clock.nextDay();
      await tryton.stop();
      await tryton.start();
      const erp = trytonTransport({ url: tryton.url, database: tryton.database, login: 'admin', secret: tryton.password, timeoutMs: 120_000 });
      const ctx = await erp.context();
      const one = async <T>(model: string, domain: unknown[], fields: string[]) =>
        ((await erp.call(`model.${model}.search_read`, [domain, 0, 1, null, fields, {}])) as T[])[0]!;
      const before = snapshot();
      const [x, y, z] = demo.products;
      const w = demo.warehouses[1]!;
      const k = demo.customers.find((c) => c.overdue > 0 && c.overdue < c.outstanding)!;

      // a receipt of 7 units of X in W
      const px = await one<{ id: number; default_uom: number }>('product.product', [['code', '=', x!.code]], ['default_uom']);
      const wh = await one<{ storage_location: number }>('stock.location', [['code', '=', w.code]], ['storage_location']);
      const [supplier] = (await erp.call('model.stock.location.search', [[['type', '=', 'supplier']], 0, 1, null, {}])) as number[];
      const [move] = (await erp.call('model.stock.move.create', [
        [
          {
            product: px.id,
            uom: px.default_uom,
            quantity: 7,
            from_location: supplier,
            to_location: wh.storage_location,
            unit_price: D('1'),
            cost_price: D('1'),
            currency: 1,
          },
        ],
        ctx,
      ])) as number[];
      await confirmingWarnings(erp, () => erp.call('model.stock.move.do', [[move], ctx]));
      // a new list price for Y, Z archived, a new customer
      const py = await one<{ template: number }>('product.product', [['code', '=', y!.code]], ['template']);
      await erp.call('model.product.template.write', [[py.template], { list_price: D('99.90') }, ctx]);
      const pz = await one<{ id: number }>('product.product', [['code', '=', z!.code]], []);
      await erp.call('model.product.product.write', [[pz.id], { active: false }, ctx]);
      await erp.call('model.party.party.create', [[{ name: 'Nouvelle Coopérative', code: 'C09999', credit_limit_amount: D('25000') }], ctx]);
      // K pays its overdue invoices: the bank's move, posted
      const overdueInvoicesOfK = (await erp.call('model.account.invoice.search_read', [
        [['reference', 'like', `${k.code}-ECHU%`]],
        0,
        null,
        null,
        ['amount_to_pay', 'party', 'account'],
        {},
      ])) as { id: number; amount_to_pay: string; party: number; account: number }[];
      const invoice = { ...overdueInvoicesOfK[0]!, amount_to_pay: String(k.overdue / 10_000) };
      expect(overdueInvoicesOfK.reduce((sum, i) => sum + Math.round(Number(i.amount_to_pay) * 10_000), 0)).toBe(k.overdue);
      const [cashType] = (await erp.call('model.account.account.type.create', [
        [{ name: 'Trésorerie', statement: 'balance', assets: true, company: ctx.company }],
        ctx,
      ])) as number[];
      const [bank] = (await erp.call('model.account.account.create', [
        [{ name: 'Banque', code: '512', type: cashType, company: ctx.company }],
        ctx,
      ])) as number[];
      const [journal] = (await erp.call('model.account.journal.search', [[['type', '=', 'cash']], 0, 1, null, ctx])) as number[];
      const today = clock.today();
      const [period] = (await erp.call('model.account.period.search', [
        [
          ['start_date', '<=', day(today)],
          ['end_date', '>=', day(today)],
          ['type', '=', 'standard'],
        ],
        0,
        1,
        null,
        ctx,
      ])) as number[];
      const amount = D(invoice.amount_to_pay);
      const [payment] = (await erp.call('model.account.move.create', [
        [
          {
            journal,
            period,
            date: day(today),
            company: ctx.company,
            lines: [
              [
                'create',
                [
                  { account: invoice.account, party: invoice.party, credit: amount, debit: D('0') },
                  { account: bank, debit: amount, credit: D('0') },
                ],
              ],
            ],
          },
        ],
        ctx,
      ])) as number[];
      await erp.call('model.account.move.post', [[payment], ctx]);

      // the app's connector, configured from the connection screen: its start run is the next cycle
      await call('erp.saveConnection', {
        config: { type: 'tryton', url: tryton.url, database: tryton.database, login: 'admin' },
        secret: tryton.password,
      });
      const connector = inProcessConnector(core, { now: clock.now });
      await until(async () => (await call('sync.status', {})).runs.some((r) => r.status !== 'running'), 120_000);
      const status = await call('sync.status', {});
      expect(status.runs[0]).toMatchObject({ trigger: 'start', status: 'ok', error: null });
      expect(status.lastSuccessAt).not.toBeNull();
      expect(status.freshness.find((f) => f.entity === 'stock')!.lastSuccessAt).not.toBeNull();
      connector.kill();

      const after = snapshot();
      const changed = (a: Map<string, string>, b: Map<string, string>) =>
        [...new Set([...a.keys(), ...b.keys()])].filter((key) => a.get(key) !== b.get(key)).sort();
      expect(changed(before.stock, after.stock)).toEqual([`${x!.code}@${w.code}`]);
      expect(Number(after.stock.get(`${x!.code}@${w.code}`)) - Number(before.stock.get(`${x!.code}@${w.code}`))).toBe(7_000);
      expect(changed(before.products, after.products)).toEqual([y!.code, z!.code].sort());
      expect(after.products.get(y!.code)).toMatch(/^999000\|/);
      expect(after.products.get(z!.code)).toMatch(/\|0$/);
      expect(changed(before.customers, after.customers)).toEqual([k.code, 'C09999'].sort());
      // paid: nothing overdue, at any age
      expect(after.customers.get(k.code)).toBe(`${k.creditLimit}|${k.outstanding - k.overdue}|0|${k.openOrders}|0`);
      expect(after.customers.get('C09999')).toBe('250000000|0|0|0|0');
    }, 300_000);

    it('while Tryton is down the sync panel says so and the app goes on; the accepted deal’s sale order waits, then lands in Tryton once', async () => {
      const connector = inProcessConnector(core, { now: clock.now });
      try {
        await until(async () => (await call('sync.status', {})).runs.filter((r) => r.status !== 'running').length >= 2, 120_000);
        // a deal the whole « Devis accepté » chain lets through: credit headroom, a good margin, stock in the line's warehouse
        const customer = core.db.$client
          .prepare('SELECT id FROM customers WHERE active = 1 ORDER BY credit_limit - outstanding - open_orders DESC LIMIT 1')
          .get() as { id: number };
        const line = core.db.$client
          .prepare(
            'SELECT s.product_id AS productId, s.warehouse_id AS warehouseId, p.list_price AS price FROM stock_levels s JOIN products p ON p.id = s.product_id WHERE p.active = 1 AND s.on_hand >= 5000 ORDER BY s.on_hand DESC LIMIT 1',
          )
          .get() as { productId: number; warehouseId: number; price: number };
        const accept = (await call('stages.list', {})).find((st) => st.name === 'Devis accepté')!;
        const deal = await call('opportunity.create', { customerId: customer.id, title: 'Chantier pendant la panne' });
        await call('opportunity.addLine', {
          opportunityId: deal.id,
          productId: line.productId,
          warehouseId: line.warehouseId,
          qty: 1_000,
          unitPrice: line.price * 2,
        });

        await tryton.stop();
        const accepted = await call('pipeline.moveStage', { opportunityId: deal.id, toStageId: accept.id });
        expect(accepted.opsState).toBe('committed');
        const item = core.db.$client
          .prepare("SELECT id, uuid FROM outbox WHERE subject = ? AND kind = 'sale_order'")
          .get(`opportunity:${deal.id}`) as {
          id: number;
          uuid: string;
        };
        await call('sync.runNow', {});
        await until(async () => (await call('sync.status', {})).connector === 'down', 60_000);
        const down = await call('sync.status', {});
        expect(down.runs[0]).toMatchObject({ trigger: 'manual', status: 'failed', error: expect.stringMatching(/cannot be reached/) });
        expect(down.connectorError).toMatch(/cannot be reached/);
        expect(down.outbox.find((o) => o.id === item.id)).toMatchObject({ kind: 'sale_order', status: 'pending' });
        // the app is not held up by the ERP
        expect((await call('opportunity.get', { id: deal.id })).id).toBe(deal.id);

        await tryton.start();
        await call('sync.runNow', {});
        await until(async () => (await call('sync.status', {})).runs[0]!.status === 'ok', 120_000);
        const back = await call('sync.status', {});
        expect(back.connector).not.toBe('down');
        expect(back.runs[0]!.pushed).toBeGreaterThanOrEqual(1);
        expect(back.outbox.some((o) => o.id === item.id)).toBe(false);
        await call('sync.runNow', {});
        await until(async () => (await call('sync.status', {})).runs.filter((r) => r.status === 'ok').length >= 3, 120_000);
        const erp = trytonTransport({ url: tryton.url, database: tryton.database, login: 'admin', secret: tryton.password });
        const sales = (await erp.call('model.sale.sale.search_read', [
          [['reference', '=', item.uuid]],
          0,
          null,
          null,
          ['number', 'description'],
          {},
        ])) as { number: string; description: string }[];
        expect(sales).toHaveLength(1);
        expect(sales[0]!.description).toBe(deal.reference);
        expect(core.db.$client.prepare('SELECT status, erp_ref FROM outbox WHERE id = ?').get(item.id)).toEqual({
          status: 'done',
          erp_ref: sales[0]!.number,
        });
      } finally {
        connector.kill();
      }
    }, 400_000);
  });

  function snapshot() {
    const rows = (sql: string) =>
      new Map(
        core.db.$client
          .prepare(sql)
          .all()
          .map((r) => {
            const { k, v } = r as { k: string; v: string };
            return [k, v];
          }),
      );
    return {
      stock: rows(
        "SELECT p.code || '@' || w.code AS k, s.on_hand AS v FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN warehouses w ON w.id = s.warehouse_id",
      ),
      products: rows("SELECT code AS k, list_price || '|' || cost_price || '|' || active AS v FROM products"),
      customers: rows(
        "SELECT code AS k, credit_limit || '|' || outstanding || '|' || overdue || '|' || open_orders || '|' || (overdue30 + overdue60 + overdue90 + overdue_over90) AS v FROM customers",
      ),
    };
  }
}

// on the test clock's day: COMPTOIR_TEST_NOW in the chosen-days runs (npm run test:days)
trytonDemoSuite(testClock().now());
