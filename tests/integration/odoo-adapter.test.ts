import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/core';
import { pullCycle } from '../../electron/connector/cycle';
import { odooAdapter } from '../../electron/connector/odoo/adapter';
import { json2Transport, jsonRpcTransport } from '../../electron/connector/odoo/transport';
import type { Input, Method, Output } from '../../electron/shared/contract';
import { startOdooFixture, type OdooFixture } from './fixtures/odoo-fixture';
import { NOW, tempDir } from './helpers';

/** A small Odoo company in the documented shapes: many2one as [id, name], empty values as false, naive UTC datetimes. */
function company(version: number) {
  const storable = (on: boolean) => (version >= 18 ? { is_storable: on, type: 'consu' } : { type: on ? 'product' : 'consu' });
  return {
    'stock.warehouse': [
      { id: 1, code: 'LYO', name: 'Lyon', active: true, write_date: '2026-11-01 08:00:00' },
      { id: 2, code: 'REN', name: 'Rennes', active: true, write_date: '2026-11-01 08:00:00' },
    ],
    'product.category': [
      { id: 3, name: 'Matériaux', parent_id: false, write_date: '2026-11-01 08:00:00' },
      { id: 4, name: 'Ciments', parent_id: [3, 'Matériaux'], write_date: '2026-11-02 08:00:00' },
    ],
    'product.product': [
      {
        id: 42,
        default_code: 'CIM-01',
        name: 'Ciment CEM II 25 kg',
        categ_id: [4, 'Matériaux / Ciments'],
        uom_id: [1, 'Units'],
        list_price: 7.85,
        standard_price: 5.1,
        active: true,
        write_date: '2026-11-03 10:00:00',
        ...storable(true),
      },
      {
        id: 43,
        default_code: 'CIM-02',
        name: 'Ciment prompt',
        categ_id: [4, 'Matériaux / Ciments'],
        uom_id: [2, 'kg'],
        list_price: 1.2,
        standard_price: 0.8,
        active: true,
        write_date: '2026-11-03 10:00:00',
        ...storable(true),
      },
      {
        id: 44,
        default_code: false,
        name: 'Service transport',
        categ_id: false,
        uom_id: [1, 'Units'],
        list_price: 50,
        standard_price: 0,
        active: true,
        write_date: '2026-11-03 10:00:00',
        ...storable(false),
      },
    ],
    'stock.quant': [
      {
        id: 9001,
        product_id: [42, 'CIM-01'],
        warehouse_id: [1, 'Lyon'],
        location_id: [8, 'LYO/Stock'],
        quantity: 800,
        reserved_quantity: 250,
        write_date: '2026-11-04 09:00:00',
      },
      {
        id: 9002,
        product_id: [42, 'CIM-01'],
        warehouse_id: [1, 'Lyon'],
        location_id: [9, 'LYO/Stock/Shelf 2'],
        quantity: 200,
        reserved_quantity: 0,
        write_date: '2026-11-04 09:00:00',
      },
      {
        id: 9003,
        product_id: [43, 'CIM-02'],
        warehouse_id: [2, 'Rennes'],
        location_id: [18, 'REN/Stock'],
        quantity: 1250.5,
        reserved_quantity: 0,
        write_date: '2026-11-04 09:00:00',
      },
    ],
    'res.partner': [
      {
        id: 70,
        ref: 'C0001',
        name: 'Bâtiments Giraud',
        city: 'Lyon',
        zip: '69007',
        credit_limit: 50000,
        credit: 12000.5,
        active: true,
        customer_rank: 3,
        write_date: '2026-11-05 12:00:00',
      },
      {
        id: 71,
        ref: false,
        name: 'GAEC du Moulin',
        city: false,
        zip: false,
        credit_limit: 0,
        credit: 0,
        active: false,
        customer_rank: 1,
        write_date: '2026-11-05 12:00:00',
      },
    ],
  };
}

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
      expect(get("SELECT code, unit, list_price AS price, cost_price AS cost FROM products WHERE erp_id = '42'")).toEqual({
        code: 'CIM-01',
        unit: 'u',
        price: 78_500,
        cost: 51_000,
      });
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
