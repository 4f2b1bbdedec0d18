import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullCycle, pushCycle } from '../../electron/connector/cycle';
import { trytonAdapter } from '../../electron/connector/tryton/adapter';
import { trytonDecimal as D, trytonTransport, type TrytonTransport } from '../../electron/connector/tryton/transport';
import { confirmingWarnings } from '../../electron/connector/tryton/warnings';
import { startCore, type Core } from '../../electron/core/core';
import type { Input, Method, Output, SyncEntity } from '../../electron/shared/contract';
import { startTryton, type TrytonServer } from './fixtures/tryton-server';
import { testClock } from '../clock';
import { tempDir } from './helpers';

let tryton: TrytonServer;
let erp: TrytonTransport;
let core: Core;
let cleanup: () => void;
const clock = testClock();
const call = <M extends Method>(method: M, input: Input<M>) => core.call(method, input) as Promise<Output<M>>;
const get = (sql: string, ...p: unknown[]) => core.db.$client.prepare(sql).get(...p);
const ENTITIES = ['warehouses', 'categories', 'products', 'stock', 'customers'] as const;
const cycle = (entities: readonly SyncEntity[] = ENTITIES) =>
  pullCycle(
    trytonAdapter(trytonTransport({ url: tryton.url, database: tryton.database, login: 'admin', secret: tryton.password }), clock.now),
    call,
    {
      entities: [...entities],
      pageSize: 2,
      now: clock.now,
    },
  );

/** Templates with their one variant, as a Tryton user creates them. */
async function product(code: string, name: string, uom: number, price: string, cost: string, category: number) {
  const [tpl] = (await erp.call('model.product.template.create', [
    [
      {
        name,
        code,
        type: 'goods',
        default_uom: uom,
        purchase_uom: uom,
        sale_uom: uom,
        list_price: D(price),
        categories: [['add', [category]]],
        salable: true,
        purchasable: true,
        products: [['create', [{ cost_price: D(cost) }]]],
      },
    ],
    {},
  ])) as number[];
  const [variant] = (await erp.call('model.product.product.search', [[['template', '=', tpl]], 0, 1, null, {}])) as number[];
  return { template: tpl!, id: variant! };
}

beforeAll(async () => {
  tryton = await startTryton(clock);
  erp = trytonTransport({ url: tryton.url, database: tryton.database, login: 'admin', secret: tryton.password });
  const t = tempDir();
  core = startCore({ dbPath: join(t.dir, 'tryton.sqlite'), demo: 'none', validateOutput: true, now: clock.now });
  cleanup = t.cleanup;
}, 300_000);
afterAll(async () => {
  core.close();
  await tryton.stop();
  tryton.cleanup();
  cleanup();
});

describe('the connector against a real Tryton 6.0', () => {
  it('pulls warehouses, categories, storable products, stock and customers with their credit into Comptoir', async () => {
    const [materials] = (await erp.call('model.product.category.create', [[{ name: 'Matériaux' }], {}])) as number[];
    const [cement] = (await erp.call('model.product.category.create', [[{ name: 'Ciments', parent: materials }], {}])) as number[];
    const a = await product('CIM-01', 'Ciment CEM II 25 kg', 1, '7.85', '5.10', cement!);
    await product('CIM-02', 'Ciment prompt', 2, '1.20', '0.80', cement!);
    await product('CIM-03', 'Chaux NHL', 2, '0.95', '0.60', cement!);
    await erp.call('model.party.party.create', [[{ name: 'Bâtiments Giraud', code: 'C0001', credit_limit_amount: D('50000') }], {}]);
    // written once: Tryton now has a write_date for it, the others only a create_date
    await erp.call('model.product.template.write', [[a.template], { list_price: D('7.95') }, {}]);

    const report = await cycle();
    expect(report.filter((r) => r.error)).toEqual([]);
    expect(get("SELECT code, name FROM warehouses WHERE code = 'WH'")).toEqual({ code: 'WH', name: 'Warehouse' });
    expect(
      get(
        "SELECT p.code, p.unit, p.list_price, p.cost_price, c.name AS category FROM products p JOIN product_categories c ON c.id = p.category_id WHERE p.code = 'CIM-01'",
      ),
    ).toEqual({
      code: 'CIM-01',
      unit: 'u',
      list_price: 79_500,
      cost_price: 51_000,
      category: 'Ciments',
    });
    expect(get("SELECT unit FROM products WHERE code = 'CIM-02'")).toEqual({ unit: 'kg' });
    expect(get("SELECT p.name AS parent FROM product_categories c JOIN product_categories p ON p.id = c.parent_id WHERE c.name = 'Ciments'")).toEqual(
      { parent: 'Matériaux' },
    );
    expect(get("SELECT credit_limit, outstanding FROM customers WHERE code = 'C0001'")).toEqual({ credit_limit: 500_000_000, outstanding: 0 });
    expect(get("SELECT count(*) AS n FROM stock_levels s JOIN warehouses w ON w.id = s.warehouse_id WHERE w.code = 'WH'")).toEqual({ n: 3 });
  }, 120_000);

  it('brings a new price, a new customer and an archived product in the next cycle', async () => {
    const [id] = (await erp.call('model.product.product.search', [[['code', '=', 'CIM-02']], 0, 1, null, {}])) as number[];
    const [tpl] = (await erp.call('model.product.product.read', [[id], ['template'], {}])) as { template: number }[];
    await erp.call('model.product.template.write', [[tpl!.template], { list_price: D('1.35') }, {}]);
    await erp.call('model.party.party.create', [[{ name: 'GAEC du Moulin', code: 'C0002', credit_limit_amount: D('8000') }], {}]);
    const [gone] = (await erp.call('model.product.product.search', [[['code', '=', 'CIM-03']], 0, 1, null, {}])) as number[];
    const [goneTpl] = (await erp.call('model.product.product.read', [[gone], ['template'], {}])) as { template: number }[];
    await erp.call('model.product.product.write', [[gone], { active: false }, {}]);
    await erp.call('model.product.template.write', [[goneTpl!.template], { active: false }, {}]);

    const report = await cycle(['products', 'customers']);
    expect(report.filter((r) => r.error)).toEqual([]);
    expect(get("SELECT list_price FROM products WHERE code = 'CIM-02'")).toEqual({ list_price: 13_500 });
    expect(get("SELECT credit_limit FROM customers WHERE code = 'C0002'")).toEqual({ credit_limit: 80_000_000 });
    expect(get("SELECT active FROM products WHERE code = 'CIM-03'")).toEqual({ active: 0 });
    expect(get('SELECT count(*) AS n FROM products')).toEqual({ n: 3 });
  }, 60_000);

  it('says Tryton is down and changes nothing; the next cycle after it is back lands', async () => {
    await tryton.stop();
    const down = await cycle(['customers']);
    expect(down[0]!.error).toMatch(/cannot be reached/);
    await tryton.start();
    const back = await cycle(['customers']);
    expect(back[0]!.error).toBeUndefined();
  }, 60_000);
});

describe('pushing the outbox to Tryton', () => {
  const adapter = () =>
    trytonAdapter(trytonTransport({ url: tryton.url, database: tryton.database, login: 'admin', secret: tryton.password }), clock.now);

  it('creates the sale order of an accepted deal once, even when the first attempt is cut after Tryton committed; cancels it when the deal goes back', async () => {
    // Tryton needs a company for sales: EUR, the company, the admin user in it; the customer needs an address
    const [eur] = (await erp.call('model.currency.currency.create', [
      [{ name: 'Euro', code: 'EUR', symbol: '€', rounding: D('0.01'), digits: 2 }],
      {},
    ])) as number[];
    const [owner] = (await erp.call('model.party.party.create', [[{ name: 'Comptoir Démo' }], {}])) as number[];
    const [company] = (await erp.call('model.company.company.create', [[{ party: owner, currency: eur }], {}])) as number[];
    await erp.call('model.res.user.write', [[1], { companies: [['add', [company]]], company }, {}]);
    const [giraud] = (await erp.call('model.party.party.search', [[['code', '=', 'C0001']], 0, 1, null, {}])) as number[];
    await erp.call('model.party.address.create', [[{ party: giraud, city: 'Lyon', postal_code: '69007' }], {}]);

    // Comptoir: a pipeline whose « Devis accepté » queues the sale order, and a deal for the synced customer
    const nego = await call('stages.create', { name: 'Négociation', probability: 60, kind: 'open', stagnationDays: null });
    const accept = await call('stages.create', { name: 'Devis accepté', probability: 90, kind: 'open', stagnationDays: null });
    await call('automation.save', {
      stageId: accept.id,
      trigger: 'enter',
      actions: [{ type: 'check_credit' }, { type: 'reserve_stock' }, { type: 'queue_sale_order' }],
    });
    const customer = get("SELECT id FROM customers WHERE code = 'C0001'") as { id: number };
    const product = get("SELECT id FROM products WHERE code = 'CIM-01'") as { id: number };
    const deal = await call('opportunity.create', { customerId: customer.id, title: 'Chantier Confluence' });
    await call('opportunity.addLine', { opportunityId: deal.id, productId: product.id, qty: 10_000, unitPrice: 79_500 });
    await call('pipeline.moveStage', { opportunityId: deal.id, toStageId: accept.id });
    const uuid = (get("SELECT uuid FROM outbox WHERE kind = 'sale_order'") as { uuid: string }).uuid;

    // first attempt: Tryton creates the sale, then the connection is lost before the acknowledgement
    const [leased] = await call('outbox.lease', { limit: 5, leaseSeconds: 60 });
    await adapter().push!(leased!);
    // the lease runs out; the next cycle pushes the item again
    clock.set(new Date(Date.parse(clock.now()) + 120_000).toISOString());
    const report = await pushCycle(adapter(), call);
    expect(report).toMatchObject({ pushed: 1, stopped: 0 });
    const sales = (await erp.call('model.sale.sale.search_read', [
      [['reference', '=', uuid]],
      0,
      null,
      null,
      ['number', 'state', 'description', 'total_amount'],
      {},
    ])) as {
      number: string;
      state: string;
      description: string;
      total_amount: string;
    }[];
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ state: 'quotation', description: deal.reference, total_amount: '79.50' });
    expect(get("SELECT status, erp_ref FROM outbox WHERE kind = 'sale_order'")).toEqual({ status: 'done', erp_ref: sales[0]!.number });

    // the deal goes back: the cancellation is queued, then lands in Tryton
    await call('pipeline.moveStage', { opportunityId: deal.id, toStageId: nego.id });
    expect(await pushCycle(adapter(), call)).toMatchObject({ pushed: 1 });
    const [after] = (await erp.call('model.sale.sale.search_read', [[['reference', '=', uuid]], 0, 1, null, ['state'], {}])) as { state: string }[];
    expect(after!.state).toBe('cancelled');
  }, 60_000);

  it('creates purchase requests once per shortage, and stops an item Tryton refuses with its message', async () => {
    const put = (uuid: string, payload: unknown) =>
      core.db.$client
        .prepare(
          "INSERT INTO outbox (uuid, kind, subject, payload, status, created_at) VALUES (?, 'purchase_request', 'supplier:1', ?, 'pending', ?)",
        )
        .run(uuid, JSON.stringify(payload), clock.now());
    put('pr-1', {
      lines: [
        { shortageId: 11, productCode: 'CIM-01', warehouseCode: 'WH', qty: 50_000, neededBy: '2026-12-18' },
        { shortageId: 12, productCode: 'CIM-02', warehouseCode: 'WH', qty: 20_000, neededBy: null },
      ],
    });
    put('pr-2', { lines: [{ shortageId: 13, productCode: 'NOPE-99', warehouseCode: 'WH', qty: 1_000, neededBy: null }] });
    const report = await pushCycle(adapter(), call);
    expect(report).toMatchObject({ pushed: 1, stopped: 1 });
    expect(report.errors.join()).toMatch(/Tryton has no product NOPE-99/);
    // pushed again (as after a lost acknowledgement): nothing new in Tryton
    const found = () =>
      erp.call('model.purchase.request.search_read', [
        [['description', 'like', 'Comptoir pr-1%']],
        0,
        null,
        null,
        ['quantity', 'supply_date'],
        {},
      ]) as Promise<{ quantity: number }[]>;
    const first = await found();
    expect(first.map((r) => r.quantity).sort()).toEqual([20, 50]);
    await adapter().push!({
      id: 0,
      uuid: 'pr-1',
      kind: 'purchase_request',
      attempts: 2,
      payload: {
        lines: [
          { shortageId: 11, productCode: 'CIM-01', warehouseCode: 'WH', qty: 50_000, neededBy: '2026-12-18' },
          { shortageId: 12, productCode: 'CIM-02', warehouseCode: 'WH', qty: 20_000, neededBy: null },
        ],
      },
    });
    expect(await found()).toHaveLength(2);
    expect(get("SELECT status, last_error FROM outbox WHERE uuid = 'pr-2'")).toMatchObject({ status: 'failed' });
  }, 60_000);

  it('sends a reviewed purchase to a known supplier as a Tryton quotation, once, and brings back its number', async () => {
    const [party] = (await erp.call('model.party.party.create', [
      [{ name: 'Negoce Bois Ouest', code: 'F0099', addresses: [['create', [{}]]] }],
      {},
    ])) as number[];
    const payload = {
      supplierCode: 'F0099',
      supplierErpId: String(party),
      lines: [
        { shortageId: 31, productCode: 'CIM-01', warehouseCode: 'WH', qty: 75_000, neededBy: '2026-12-18', unitPrice: 81_250 },
        { shortageId: 32, productCode: 'CIM-02', warehouseCode: 'WH', qty: 10_000, neededBy: null, unitPrice: 90_000 },
      ],
    };
    core.db.$client
      .prepare(
        "INSERT INTO outbox (uuid, kind, subject, payload, status, created_at) VALUES ('po-1', 'purchase_request', 'supplier:1', ?, 'pending', ?)",
      )
      .run(JSON.stringify(payload), clock.now());
    expect(await pushCycle(adapter(), call)).toMatchObject({ pushed: 1, stopped: 0 });
    const done = get("SELECT status, erp_ref AS ref FROM outbox WHERE uuid = 'po-1'") as { status: string; ref: string };
    expect(done.status).toBe('done');
    const made = (await erp.call('model.purchase.purchase.search_read', [
      [['reference', '=', 'po-1:WH']],
      0,
      null,
      null,
      ['number', 'state', 'party'],
      {},
    ])) as {
      id: number;
      number: string;
      state: string;
      party: number;
    }[];
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ state: 'quotation', party });
    // the ERP's number, not our UUID, is what the buyer sees
    expect(done.ref).toBe(made[0]!.number);
    expect(done.ref).not.toContain('po-1');
    const lines = (await erp.call('model.purchase.line.search_read', [
      [['purchase', '=', made[0]!.id]],
      0,
      null,
      null,
      ['quantity', 'unit_price'],
      {},
    ])) as {
      quantity: number;
      unit_price: { decimal: string } | string;
    }[];
    expect(lines.map((l) => l.quantity).sort((a, b) => a - b)).toEqual([10, 75]);
    // pushed again (a lost acknowledgement): the same purchase, nothing new in Tryton
    expect(await adapter().push!({ id: 0, uuid: 'po-1', kind: 'purchase_request', attempts: 2, payload })).toBe(made[0]!.number);
    expect(await erp.call('model.purchase.purchase.search', [[['reference', '=', 'po-1:WH']], 0, null, null, {}])).toHaveLength(1);
  }, 60_000);

  it('pulls suppliers with their price tiers and lead time, and the receipts on their way; a cancelled receipt goes inactive', async () => {
    const ctx = (await erp.call('model.res.user.get_preferences', [true, {}])) as Record<string, unknown>;
    const [lafarge] = (await erp.call('model.party.party.create', [[{ name: 'Lafarge Ciments', code: 'F0001' }], {}])) as number[];
    const [tpl] = (await erp.call('model.product.product.read', [
      [Number((get("SELECT erp_id FROM products WHERE code = 'CIM-01'") as { erp_id: string }).erp_id)],
      ['template'],
      {},
    ])) as { template: number }[];
    await erp.call('model.purchase.product_supplier.create', [
      [
        {
          template: tpl!.template,
          party: lafarge,
          lead_time: { __class__: 'timedelta', seconds: 5 * 86_400 },
          prices: [
            [
              'create',
              [
                { quantity: 0, unit_price: D('4.90') },
                { quantity: 100, unit_price: D('4.50') },
              ],
            ],
          ],
        },
      ],
      ctx,
    ]);
    const [warehouse] = (await erp.call('model.stock.location.search', [[['type', '=', 'warehouse']], 0, 1, null, {}])) as number[];
    const [input] = (await erp.call('model.stock.location.search', [
      [
        ['type', '=', 'storage'],
        ['code', '=', 'IN'],
      ],
      0,
      1,
      null,
      {},
    ])) as number[];
    const [supplierLocation] = (await erp.call('model.stock.location.search', [[['type', '=', 'supplier']], 0, 1, null, {}])) as number[];
    const product = Number((get("SELECT erp_id FROM products WHERE code = 'CIM-01'") as { erp_id: string }).erp_id);
    const [shipment] = (await erp.call('model.stock.shipment.in.create', [
      [
        {
          supplier: lafarge,
          company: ctx.company,
          warehouse,
          reference: 'PO-0042',
          incoming_moves: [
            [
              'create',
              [
                {
                  product,
                  quantity: 120,
                  uom: 1,
                  from_location: supplierLocation,
                  to_location: input,
                  planned_date: { __class__: 'date', year: 2026, month: 12, day: 10 },
                  company: ctx.company,
                  currency: 1,
                  unit_price: D('4.50'),
                },
              ],
            ],
          ],
        },
      ],
      ctx,
    ])) as number[];

    const report = await cycle(['suppliers', 'supplierPrices', 'receipts']);
    expect(report.filter((r) => r.error)).toEqual([]);
    expect(get("SELECT name FROM suppliers WHERE code = 'F0001'")).toEqual({ name: 'Lafarge Ciments' });
    const tiers = core.db.$client
      .prepare(
        "SELECT sp.min_qty, sp.unit_price, sp.lead_time_days FROM supplier_prices sp JOIN products p ON p.id = sp.product_id WHERE p.code = 'CIM-01' ORDER BY sp.min_qty",
      )
      .all();
    expect(tiers).toEqual([
      { min_qty: 0, unit_price: 49_000, lead_time_days: 5 },
      { min_qty: 100_000, unit_price: 45_000, lead_time_days: 5 },
    ]);
    expect(
      get('SELECT r.qty, r.expected_date, r.purchase_ref, w.code, r.active FROM incoming_receipts r JOIN warehouses w ON w.id = r.warehouse_id'),
    ).toEqual({
      qty: 120_000,
      expected_date: '2026-12-10',
      purchase_ref: 'PO-0042',
      code: 'WH',
      active: 1,
    });

    await erp.call('model.stock.shipment.in.cancel', [[shipment], ctx]);
    await cycle(['receipts']);
    expect(get('SELECT active FROM incoming_receipts')).toEqual({ active: 0 });
  }, 60_000);

  it('sends a transfer between two warehouses as a waiting internal shipment, once, and brings back its number', async () => {
    const ctx = (await erp.call('model.res.user.get_preferences', [true, {}])) as Record<string, unknown>;
    const [wh] = (await erp.call('model.stock.location.search_read', [
      [
        ['type', '=', 'warehouse'],
        ['code', '=', 'WH'],
      ],
      0,
      1,
      null,
      ['storage_location'],
      {},
    ])) as {
      storage_location: number;
    }[];
    // a second warehouse as a Tryton user makes one: its three zones, the warehouse, the zones moved under it
    const zones = (await erp.call('model.stock.location.create', [
      ['Entrée 2', 'Sortie 2', 'Stock 2'].map((name) => ({ name, type: 'storage' })),
      ctx,
    ])) as number[];
    const [input2, output2, storage2] = zones as [number, number, number];
    const [wh2] = (await erp.call('model.stock.location.create', [
      [{ name: 'Dépôt 2', code: 'WH2', type: 'warehouse', input_location: input2, output_location: output2, storage_location: storage2 }],
      ctx,
    ])) as number[];
    await erp.call('model.stock.location.write', [zones, { parent: wh2 }, ctx]);
    const payload = {
      reference: 'OPP-000044',
      productCode: 'CIM-01',
      fromWarehouseCode: 'WH',
      toWarehouseCode: 'WH2',
      qty: 4_000,
      neededBy: '2026-12-09',
    };
    core.db.$client
      .prepare("INSERT INTO outbox (uuid, kind, subject, payload, status, created_at) VALUES ('tr-1', 'transfer', 'opportunity:1', ?, 'pending', ?)")
      .run(JSON.stringify(payload), clock.now());
    const report = await pushCycle(adapter(), call);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ pushed: 1, stopped: 0 });
    const made = (await erp.call('model.stock.shipment.internal.search_read', [
      [['reference', '=', 'tr-1']],
      0,
      null,
      null,
      ['number', 'state', 'from_location', 'to_location'],
      {},
    ])) as {
      number: string;
      state: string;
      from_location: number;
      to_location: number;
    }[];
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ state: 'waiting', from_location: wh!.storage_location, to_location: storage2 });
    expect(get("SELECT status, erp_ref AS ref FROM outbox WHERE uuid = 'tr-1'")).toEqual({ status: 'done', ref: made[0]!.number });
    expect(await adapter().push!({ id: 0, uuid: 'tr-1', kind: 'transfer', attempts: 2, payload })).toBe(made[0]!.number);
    expect(await erp.call('model.stock.shipment.internal.search', [[['reference', '=', 'tr-1']], 0, null, null, {}])).toHaveLength(1);
  }, 60_000);

  it('keeps the outbox while Tryton is down (retried with backoff) and lands each item once when it is back', async () => {
    core.db.$client
      .prepare(
        "INSERT INTO outbox (uuid, kind, subject, payload, status, created_at) VALUES ('pr-down', 'purchase_request', 'supplier:1', ?, 'pending', ?)",
      )
      .run(JSON.stringify({ lines: [{ shortageId: 21, productCode: 'CIM-01', warehouseCode: 'WH', qty: 5_000, neededBy: null }] }), clock.now());
    await tryton.stop();
    const down = await pushCycle(adapter(), call);
    expect(down).toMatchObject({ pushed: 0, retried: 1, stopped: 0 });
    expect(down.errors.join()).toMatch(/cannot be reached/);
    const waiting = get("SELECT status, next_try_at AS next FROM outbox WHERE uuid = 'pr-down'") as { status: string; next: string };
    expect(waiting.status).toBe('pending');
    // the app goes on meanwhile: a deal is read from the local database
    expect(await call('pipeline.board', {})).toBeTruthy();
    await tryton.start();
    // nothing is retried before its time, then it lands once
    expect(await pushCycle(adapter(), call)).toMatchObject({ pushed: 0, retried: 0 });
    clock.set(new Date(Date.parse(waiting.next) + 1_000).toISOString());
    expect(await pushCycle(adapter(), call)).toMatchObject({ pushed: 1 });
    expect(await pushCycle(adapter(), call)).toMatchObject({ pushed: 0 });
    const made = (await erp.call('model.purchase.request.search', [[['description', 'like', 'Comptoir pr-down%']], 0, null, null, {}])) as number[];
    expect(made).toHaveLength(1);
    expect(get("SELECT status FROM outbox WHERE uuid = 'pr-down'")).toEqual({ status: 'done' });
  }, 60_000);
});

describe('a cycle where little or nothing changed in Tryton', () => {
  /** every request the adapter makes, and the records Tryton answered */
  const counted = () => {
    const seen = { requests: 0, rows: 0 };
    const base = trytonTransport({ url: tryton.url, database: tryton.database, login: 'admin', secret: tryton.password });
    const transport: TrytonTransport = {
      ...base,
      call: async (method, params) => {
        const answer = await base.call(method, params);
        seen.requests++;
        if (Array.isArray(answer)) seen.rows += answer.length;
        return answer;
      },
    };
    return { seen, transport };
  };
  const byEntity = (reports: Awaited<ReturnType<typeof pullCycle>>) => Object.fromEntries(reports.map((r) => [r.entity, r]));
  const onHand = (code: string, warehouse: string) =>
    (
      get(
        'SELECT s.on_hand AS n FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN warehouses w ON w.id = s.warehouse_id WHERE p.code = ? AND w.code = ?',
        code,
        warehouse,
      ) as { n: number }
    ).n;

  it('reads only what moved — stock from its moves, supplier prices and receipts from their stamps — and everything again every 6 hours', async () => {
    const { seen, transport } = counted();
    const adapter = trytonAdapter(transport, clock.now);
    const run = async () => {
      [seen.requests, seen.rows] = [0, 0];
      // no overlap: what was written minutes ago in this test would come again in every cycle
      const reports = await pullCycle(adapter, call, { pageSize: 500, now: clock.now, overlapSeconds: 0 });
      expect(reports.filter((r) => r.error)).toEqual([]);
      return byEntity(reports);
    };
    const first = await run();
    expect([first.stock!.whole, first.suppliers!.whole, first.supplierPrices!.whole, first.receipts!.whole]).toEqual([true, true, true, true]);

    // Tryton's clock goes by the second: what was written in the second the cursor stands on comes once more, then no more
    await new Promise((r) => setTimeout(r, 1_100));
    await run();
    // nothing changed: a few requests, not one record
    const idle = await run();
    expect([idle.stock!.whole, idle.suppliers!.whole, idle.supplierPrices!.whole, idle.receipts!.whole]).toEqual([false, false, false, false]);
    expect(Object.values(idle).map((r) => r.pulled)).toEqual(Object.values(idle).map(() => 0));
    expect(seen.rows).toBe(0);
    expect(seen.requests).toBeLessThanOrEqual(16);

    // 7 units received into WH: that product's stock comes, in every warehouse, and only it
    const ctx = (await erp.call('model.res.user.get_preferences', [true, {}])) as Record<string, unknown>;
    const [supplierLocation] = (await erp.call('model.stock.location.search', [[['type', '=', 'supplier']], 0, 1, null, {}])) as number[];
    const [wh] = (await erp.call('model.stock.location.search_read', [
      [
        ['type', '=', 'warehouse'],
        ['code', '=', 'WH'],
      ],
      0,
      1,
      null,
      ['storage_location', 'input_location'],
      {},
    ])) as { storage_location: number; input_location: number }[];
    const product = Number((get("SELECT erp_id FROM products WHERE code = 'CIM-01'") as { erp_id: string }).erp_id);
    const warehouses = (get('SELECT count(*) AS n FROM warehouses') as { n: number }).n;
    const move = (to: number, quantity: number, planned?: { __class__: string; year: number; month: number; day: number }) => ({
      product,
      quantity,
      uom: 1,
      from_location: supplierLocation,
      to_location: to,
      company: ctx.company,
      currency: 1,
      unit_price: D('4.50'),
      ...(planned ? { planned_date: planned } : {}),
    });
    const before = onHand('CIM-01', 'WH');
    const received = (await erp.call('model.stock.move.create', [[move(wh!.storage_location, 7)], ctx])) as number[];
    await confirmingWarnings(erp, () => erp.call('model.stock.move.do', [received, ctx]));
    // a receipt planned, to be cancelled below; a supplier tier repriced
    const [planned] = (await erp.call('model.stock.move.create', [
      [move(wh!.input_location, 30, { __class__: 'date', year: 2026, month: 12, day: 20 })],
      ctx,
    ])) as number[];
    const [tier] = (await erp.call('model.purchase.product_supplier.price.search', [[['quantity', '=', 100]], 0, 1, null, {}])) as number[];
    await erp.call('model.purchase.product_supplier.price.write', [[tier], { unit_price: D('4.40') }, ctx]);
    const moved = await run();
    expect(moved.stock).toMatchObject({ whole: false, pulled: warehouses });
    expect(onHand('CIM-01', 'WH')).toBe(before + 7_000);
    expect(moved.supplierPrices).toMatchObject({ whole: false, pulled: 1 });
    expect(get('SELECT unit_price FROM supplier_prices WHERE erp_id = ?', String(tier))).toEqual({ unit_price: 44_000 });
    expect(moved.receipts).toMatchObject({ whole: false, pulled: 1 });
    expect(get('SELECT qty, active FROM incoming_receipts WHERE erp_id = ?', String(planned))).toEqual({ qty: 30_000, active: 1 });

    // the receipt cancelled goes inactive from its stamp; a tier deleted is only seen by the whole read, 6 hours on
    await erp.call('model.stock.move.cancel', [[planned], ctx]);
    await erp.call('model.purchase.product_supplier.price.delete', [[tier], ctx]);
    const after = await run();
    expect(after.receipts).toMatchObject({ whole: false, pulled: 1 });
    expect(get('SELECT active FROM incoming_receipts WHERE erp_id = ?', String(planned))).toEqual({ active: 0 });
    expect(get('SELECT active FROM supplier_prices WHERE erp_id = ?', String(tier))).toEqual({ active: 1 });
    clock.set(new Date(Date.parse(clock.now()) + 6 * 3_600_000).toISOString());
    const swept = await run();
    expect([swept.stock!.whole, swept.suppliers!.whole, swept.supplierPrices!.whole, swept.receipts!.whole]).toEqual([true, true, true, true]);
    expect(get('SELECT active FROM supplier_prices WHERE erp_id = ?', String(tier))).toEqual({ active: 0 });
    expect(onHand('CIM-01', 'WH')).toBe(before + 7_000);
  }, 120_000);
});

describe('margin at risk after a cost pulled from Tryton', () => {
  it('a cost rise in Tryton puts an open deal below its minimum: listed with its margin before and after, its owner told and given a follow-up, once', async () => {
    const raw = core.db.$client;
    const owner = Number(
      raw.prepare(`INSERT INTO users (login, name, initials, role, roles) VALUES ('c.martin', 'Claire Martin', 'CM', 'trader', '["trader"]')`).run()
        .lastInsertRowid,
    );
    await call('settings.set', { key: 'currentUserId', value: owner });
    const alerts: unknown[] = [];
    core.bus.source((event, payload) => event === 'alert.raised' && alerts.push(payload));
    // a new cement (Tryton lets a cost price be written while no stock move uses the product)
    const [cement] = (await erp.call('model.product.category.search', [[['name', '=', 'Ciments']], 0, 1, null, {}])) as number[];
    const created = await product('CIM-04', 'Ciment CEM I 35 kg', 1, '9.40', '6.10', cement!);
    expect((await cycle(['products'])).filter((r) => r.error)).toEqual([]);
    const cim = get("SELECT id, list_price AS price, cost_price AS cost FROM products WHERE code = 'CIM-04'") as {
      id: number;
      price: number;
      cost: number;
    };
    const customer = (get("SELECT id FROM customers WHERE code = 'C0002'") as { id: number }).id;
    const deal = await call('opportunity.create', { customerId: customer, title: 'Dalle entrepôt' });
    await call('opportunity.addLine', { opportunityId: deal.id, productId: cim.id, qty: 100_000, unitPrice: cim.price });
    expect((await call('opportunity.get', { id: deal.id })).guard.state).toBe('ok');

    // the cement's cost goes up in Tryton: 92 % of the price, under the 12 % minimum margin
    const newCost = Math.round((cim.price * 0.92) / 100) / 100;
    await erp.call('model.product.product.write', [[created.id], { cost_price: D(String(newCost)) }, {}]);
    const report = await cycle(['products']);
    expect(report.filter((r) => r.error)).toEqual([]);

    const risk = await call('dashboard.marginRisk', {});
    expect(risk).toEqual([
      expect.objectContaining({
        opportunityId: deal.id,
        ownerName: 'Claire Martin',
        cause: 'products',
        guardBefore: 'ok',
        guardAfter: 'below_minimum',
        costBefore: cim.cost * 100,
        costAfter: Math.round(newCost * 10_000) * 100,
      }),
    ]);
    expect(alerts).toEqual([expect.objectContaining({ level: 'warning', opportunityId: deal.id, userId: owner })]);
    const followUps = () =>
      raw.prepare("SELECT owner_id AS ownerId, title FROM activities WHERE source = 'margin' AND opportunity_id = ?").all(deal.id);
    expect(followUps()).toEqual([{ ownerId: owner, title: expect.stringContaining('sous le minimum') }]);

    // the next cycle, nothing new: no second alert, no second follow-up
    await cycle(['products']);
    expect(await call('dashboard.marginRisk', {})).toHaveLength(1);
    expect(followUps()).toHaveLength(1);
    expect(alerts).toHaveLength(1);
  }, 60_000);
});
