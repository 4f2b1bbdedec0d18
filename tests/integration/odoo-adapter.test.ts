import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/core';
import { pullCycle, pushCycle } from '../../electron/connector/cycle';
import { odooAdapter } from '../../electron/connector/odoo/adapter';
import { json2Transport, jsonRpcTransport } from '../../electron/connector/odoo/transport';
import type { Input, Method, Output } from '../../electron/shared/contract';
import { company } from './fixtures/odoo-company';
import { startOdooFixture, type OdooFixture } from './fixtures/odoo-fixture';
import { NOW, tempDir } from './helpers';

let core: Core;
let odoo: OdooFixture;
let cleanup: () => void;
const call = <M extends Method>(method: M, input: Input<M>) => core.call(method, input) as Promise<Output<M>>;
const get = (sql: string, ...p: unknown[]) => core.db.$client.prepare(sql).get(...p);
const entities = ['warehouses', 'categories', 'products', 'stock', 'customers'] as const;

async function setUp(version: number) {
  const t = tempDir();
  core = startCore({ dbPath: join(t.dir, 'odoo.sqlite'), demo: 'none', validateOutput: true, now: () => NOW });
  odoo = await startOdooFixture(version, company(version));
  cleanup = t.cleanup;
}
afterEach(async () => {
  core.close();
  await odoo.close();
  cleanup();
});

for (const [version, protocol] of [
  [17, 'JSON-RPC'],
  [18, 'JSON-RPC'],
  [19, 'JSON-2'],
] as const) {
  describe(`Odoo ${version} over ${protocol}`, () => {
    beforeEach(() => setUp(version));
    const adapter = () => {
      const cfg = { url: odoo.url, database: 'acme', login: 'connector@acme.fr', secret: 'test-api-key' };
      return odooAdapter(protocol === 'JSON-2' ? json2Transport(cfg) : jsonRpcTransport(cfg), version, () => NOW);
    };

    it('pulls warehouses, categories, storable products, stock summed per warehouse and customers into Comptoir', async () => {
      const report = await pullCycle(adapter(), call, { entities: [...entities], pageSize: 2, now: () => NOW });
      expect(report.filter((r) => r.error)).toEqual([]);
      expect(get("SELECT code, unit, list_price AS price, cost_price AS cost, tax_rate AS tax FROM products WHERE erp_id = '42'")).toEqual({
        code: 'CIM-01',
        unit: 'u',
        price: 78_500,
        cost: 51_000,
        tax: 2_000,
      });
      // its TVA from its customer taxes (account.tax, a percentage)
      expect(get("SELECT tax_rate AS tax FROM products WHERE erp_id = '43'")).toEqual({ tax: 1_000 });
      // the service is not storable: not pulled, whichever field the version calls it
      expect(get("SELECT count(*) AS n FROM products WHERE erp_id = '44'")).toEqual({ n: 0 });
      // two quants of CIM-01 in Lyon: one stock line, 1 000 on hand, 250 reserved
      expect(get("SELECT on_hand, reserved_erp FROM stock_levels s JOIN products p ON p.id = s.product_id WHERE p.erp_id = '42'")).toEqual({
        on_hand: 1_000_000,
        reserved_erp: 250_000,
      });
      expect(get("SELECT on_hand FROM stock_levels s JOIN products p ON p.id = s.product_id WHERE p.erp_id = '43'")).toEqual({ on_hand: 1_250_500 });
      expect(
        get("SELECT c.name, p.name AS parent FROM product_categories c JOIN product_categories p ON p.id = c.parent_id WHERE c.erp_id = '4'"),
      ).toEqual({ name: 'Ciments', parent: 'Matériaux' });
      // the archived customer comes in as inactive, it is not lost
      expect(get("SELECT active, credit_limit FROM customers WHERE erp_id = '71'")).toEqual({ active: 0, credit_limit: 0 });
      expect(get("SELECT outstanding FROM customers WHERE erp_id = '70'")).toEqual({ outstanding: 120_005_000 });
      expect(get("SELECT cursor_time AS t, cursor_id AS id FROM sync_cursors WHERE entity = 'products'")).toEqual({
        t: '2026-11-03 10:00:00',
        id: '43',
      });
    });

    it('brings only what changed since the cursor (with the overlap re-read harmlessly)', async () => {
      await pullCycle(adapter(), call, { entities: [...entities], now: () => NOW });
      odoo.models['product.product']![0]!.list_price = 8.1;
      odoo.models['product.product']![0]!.write_date = '2026-11-30 09:00:00';
      const report = await pullCycle(adapter(), call, { entities: ['products'], now: () => NOW });
      // the changed product, plus CIM-02 again: it sits inside the 5-minute overlap before the cursor
      expect(report[0]).toMatchObject({ entity: 'products', pulled: 2 });
      expect(odoo.calls.filter((c) => c === 'product.product.search_read').length).toBeGreaterThan(0);
      expect(get("SELECT list_price FROM products WHERE erp_id = '42'")).toEqual({ list_price: 81_000 });
      expect(get('SELECT count(*) AS n FROM products')).toEqual({ n: 2 });
    });

    it('reports a malformed answer, an unknown unit and refused credentials clearly, and applies nothing of that page', async () => {
      await pullCycle(adapter(), call, { entities: ['warehouses', 'categories'], now: () => NOW });
      odoo.models['product.product']![1]!.uom_id = [9, 'Barrels'];
      let [r] = await pullCycle(adapter(), call, { entities: ['products'], now: () => NOW });
      expect(r!.error).toMatch(/unit of measure « barrels »/);
      odoo.models['product.product']![1]!.uom_id = [2, 'kg'];
      odoo.models['product.product']![0]!.list_price = '7,85';
      [r] = await pullCycle(adapter(), call, { entities: ['products'], now: () => NOW });
      expect(r!.error).toMatch(/product\.product row 0: list_price/);
      expect(get('SELECT count(*) AS n FROM products')).toEqual({ n: 0 });
      const wrong = { url: odoo.url, database: 'acme', login: 'connector@acme.fr', secret: 'nope' };
      const bad = odooAdapter(protocol === 'JSON-2' ? json2Transport(wrong) : jsonRpcTransport(wrong), version);
      await expect(bad.login()).rejects.toMatchObject({ kind: 'auth', retryable: false });
    });

    it('pulls suppliers, their tiers (a template price for each variant), receipts on their way, credit with overdue and open orders, and confirmed sales', async () => {
      const report = await pullCycle(adapter(), call, { now: () => NOW });
      expect(report.filter((r) => r.error)).toEqual([]);
      expect(get("SELECT code, name, city FROM suppliers WHERE erp_id = '80'")).toEqual({ code: 'F0001', name: 'Lafarge Ciments', city: 'Lyon' });
      expect(
        core.db.$client
          .prepare(
            'SELECT sp.erp_id AS id, p.code, sp.min_qty AS minQty, sp.unit_price AS price, sp.lead_time_days AS days, sp.valid_from AS validFrom FROM supplier_prices sp JOIN products p ON p.id = sp.product_id ORDER BY sp.erp_id',
          )
          .all(),
      ).toEqual([
        { id: '500:42', code: 'CIM-01', minQty: 0, price: 46_000, days: 5, validFrom: null },
        { id: '501:42', code: 'CIM-01', minQty: 1_000_000, price: 43_000, days: 5, validFrom: null },
        { id: '502', code: 'CIM-02', minQty: 0, price: 7_000, days: 3, validFrom: '2026-01-01' },
      ]);
      // the done receipt is not on its way any more
      expect(
        core.db.$client
          .prepare(
            'SELECT r.qty, r.expected_date AS date, r.purchase_ref AS ref, w.code AS wh, s.code AS supplier FROM incoming_receipts r JOIN warehouses w ON w.id = r.warehouse_id JOIN suppliers s ON s.id = r.supplier_id',
          )
          .all(),
      ).toEqual([{ qty: 500_000, date: '2026-12-04', ref: 'P00012', wh: 'LYO', supplier: 'F0001' }]);
      expect(
        get(
          "SELECT outstanding, overdue, overdue30 AS d30, overdue60 AS d60, overdue90 AS d90, overdue_over90 AS over90, open_orders AS openOrders FROM customers WHERE erp_id = '70'",
        ),
      ).toEqual({
        outstanding: 120_005_000,
        // by age on 30 November: 20 days past due, 75 days past due
        overdue: 29_002_500,
        d30: 25_002_500,
        d60: 0,
        d90: 4_000_000,
        over90: 0,
        openOrders: 30_000_000,
      });
      expect(core.db.$client.prepare('SELECT order_ref AS ref, order_date AS date, qty, amount FROM sales_history').all()).toEqual([
        { ref: 'S00300', date: '2026-11-06', qty: 40_000, amount: 3_000_000 },
      ]);
      // the supplier is not a customer
      expect(get("SELECT count(*) AS n FROM customers WHERE erp_id = '80'")).toEqual({ n: 0 });
    });

    it('pushes a transfer between two warehouses as a confirmed internal picking, once, from stock to stock', async () => {
      await pullCycle(adapter(), call, { now: () => NOW });
      const payload = {
        reference: 'OPP-000043',
        productCode: 'CIM-01',
        fromWarehouseCode: 'LYO',
        toWarehouseCode: 'REN',
        qty: 6_000,
        neededBy: '2026-12-09',
      };
      core.db.$client
        .prepare(
          "INSERT INTO outbox (uuid, kind, subject, payload, status, created_at) VALUES ('uuid-tr', 'transfer', 'opportunity:1', ?, 'pending', ?)",
        )
        .run(JSON.stringify(payload), NOW);
      expect(await pushCycle(adapter(), call)).toMatchObject({ pushed: 1, stopped: 0 });
      const pickings = odoo.models['stock.picking']!.filter((p) => p.origin === 'uuid-tr');
      expect(pickings).toHaveLength(1);
      expect(pickings[0]).toMatchObject({
        picking_type_id: 6,
        location_id: 11,
        location_dest_id: 12,
        state: 'confirmed',
        move_ids: [[0, 0, { product_id: 42, product_uom_qty: 6, location_id: 11, location_dest_id: 12 }]],
      });
      expect(get("SELECT status, erp_ref AS ref FROM outbox WHERE uuid = 'uuid-tr'")).toEqual({ status: 'done', ref: pickings[0]!.name });
      // again (a lost acknowledgement): the same picking
      expect(await adapter().push!({ id: 0, uuid: 'uuid-tr', kind: 'transfer', attempts: 2, payload })).toBe(pickings[0]!.name);
      expect(odoo.models['stock.picking']!.filter((p) => p.origin === 'uuid-tr')).toHaveLength(1);
    });

    it('pushes a quotation, a request for quotation and a cancellation, each once, even when the first attempt is cut after Odoo committed', async () => {
      await pullCycle(adapter(), call, { now: () => NOW });
      const put = (uuid: string, kind: string, payload: unknown) =>
        core.db.$client
          .prepare("INSERT INTO outbox (uuid, kind, subject, payload, status, created_at) VALUES (?, ?, 'test', ?, 'pending', ?)")
          .run(uuid, kind, JSON.stringify(payload), NOW);
      put('uuid-so', 'sale_order', {
        reference: 'OPP-000042',
        customer: { code: 'C0001', erpId: '70' },
        lines: [
          {
            productCode: 'CIM-01',
            productErpId: '42',
            qty: 12_000,
            unitPrice: 79_500,
            discount: 500,
            requestedDate: '2026-12-10',
            reservations: [{ warehouseCode: 'LYO', qty: 12_000 }],
          },
        ],
      });
      put('uuid-pr', 'purchase_request', {
        supplierCode: 'F0001',
        supplierErpId: '80',
        lines: [{ shortageId: 3, productCode: 'CIM-02', warehouseCode: 'REN', qty: 2_000_000, neededBy: '2026-12-08', unitPrice: 7_000 }],
      });
      // the first attempt of the quotation: Odoo creates it, the answer is lost
      const [first] = await call('outbox.lease', { limit: 1, leaseSeconds: 5 });
      await adapter().push!(first!);
      core.db.$client.prepare("UPDATE outbox SET lease_until = '2000-01-01T00:00:00.000Z' WHERE uuid = 'uuid-so'").run();
      expect(await pushCycle(adapter(), call)).toMatchObject({ pushed: 2, stopped: 0 });
      const orders = odoo.models['sale.order']!.filter((o) => o.client_order_ref === 'uuid-so');
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({
        partner_id: 70,
        origin: 'OPP-000042',
        warehouse_id: 1,
        order_line: [[0, 0, { product_id: 42, product_uom_qty: 12, price_unit: 7.95, discount: 5 }]],
      });
      const rfq = odoo.models['purchase.order']!.filter((o) => o.origin === 'uuid-pr');
      expect(rfq).toHaveLength(1);
      expect(rfq[0]).toMatchObject({
        partner_id: 80,
        order_line: [[0, 0, { product_id: 43, product_qty: 2000, price_unit: 0.7, date_planned: '2026-12-08 00:00:00' }]],
      });
      expect(core.db.$client.prepare("SELECT uuid, status, erp_ref AS ref FROM outbox WHERE uuid LIKE 'uuid-%' ORDER BY uuid").all()).toEqual([
        { uuid: 'uuid-pr', status: 'done', ref: rfq[0]!.name },
        { uuid: 'uuid-so', status: 'done', ref: orders[0]!.name },
      ]);
      // the deal goes back: the quotation is cancelled in Odoo; a cancellation of an unknown order stops with Odoo's side of the story
      put('uuid-cancel', 'cancellation', { of: 'uuid-so', erpRef: orders[0]!.name });
      put('uuid-cancel-unknown', 'cancellation', { of: 'never-sent', erpRef: null });
      expect(await pushCycle(adapter(), call)).toMatchObject({ pushed: 1, stopped: 1 });
      expect(orders[0]!.state).toBe('cancel');
      expect(get("SELECT status, last_error AS error FROM outbox WHERE uuid = 'uuid-cancel-unknown'")).toEqual({
        status: 'failed',
        error: expect.stringContaining('no sale order with reference never-sent'),
      });
    });

    it('says the ERP is down, and treats a 5xx as worth retrying', async () => {
      odoo.failNext('<html>Bad Gateway</html>', 502);
      const [r] = await pullCycle(adapter(), call, { entities: ['warehouses'], now: () => NOW });
      expect(r!.error).toMatch(/502/);
      await odoo.close();
      const [down] = await pullCycle(adapter(), call, { entities: ['warehouses'], now: () => NOW });
      expect(down!.error).toMatch(/cannot be reached/);
      odoo = await startOdooFixture(version, company(version));
    });
  });
}

describe('Odoo version and session details', () => {
  beforeEach(() => setUp(17));

  it('logs in again once when the JSON-RPC session expired (code 100)', async () => {
    const a = odooAdapter(jsonRpcTransport({ url: odoo.url, database: 'acme', login: 'bot', secret: 'test-api-key' }), 17, () => NOW);
    odoo.expireSessionOnce();
    const [r] = await pullCycle(a, call, { entities: ['warehouses'], now: () => NOW });
    expect(r).toMatchObject({ pulled: 2 });
    expect(r!.error).toBeUndefined();
  });

  it('refuses to ask an Odoo 17 for is_storable: the adapter follows the version it is told', async () => {
    const wrongVersion = odooAdapter(jsonRpcTransport({ url: odoo.url, database: 'acme', login: 'bot', secret: 'test-api-key' }), 18, () => NOW);
    const [r] = await pullCycle(wrongVersion, call, { entities: ['products'], now: () => NOW });
    expect(r!.error).toMatch(/Invalid field 'is_storable'/);
  });
});
