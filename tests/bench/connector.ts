import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErpAdapter } from '../../electron/connector/adapter';
import { pullCycle } from '../../electron/connector/cycle';
import { trytonAdapter } from '../../electron/connector/tryton/adapter';
import { writeDemoToTryton } from '../../electron/connector/tryton/demo-writer';
import { confirmingWarnings } from '../../electron/connector/tryton/warnings';
import { trytonDecimal as D, trytonTransport, type TrytonTransport } from '../../electron/connector/tryton/transport';
import { startCore, type Core } from '../../electron/core/core';
import type { Input, Method, Output } from '../../electron/shared/contract';
import { describeCompany } from '../../electron/shared/demo';
import { connect, portPair } from '../../electron/shared/rpc';
import { prepareTryton, runTrytond } from '../../scripts/tryton-local';
import { freePort } from '../integration/fixtures/tryton-server';
import { sideBySide, stats, type Row } from './stats';

/** A local Tryton with the small demo company, kept in .bench-cache between runs (writing it takes minutes). */
export async function benchTryton(log: (m: string) => void) {
  const dir = join(process.cwd(), '.bench-cache', 'tryton');
  const written = join(dir, '.demo-written');
  if (existsSync(dir) && !existsSync(written)) rmSync(dir, { recursive: true, force: true });
  const local = await prepareTryton(dir, await freePort(), 'admin');
  const server = await runTrytond(local);
  const transport = (timeoutMs?: number) => trytonTransport({ url: local.url, database: local.database, login: 'admin', secret: 'admin', timeoutMs });
  if (!existsSync(written)) {
    log('  writing the small demo company into Tryton (once; kept in .bench-cache/tryton)…');
    await writeDemoToTryton(
      trytonTransport({ url: local.url, database: local.database, login: 'admin', secret: 'admin', timeoutMs: 600_000 }),
      describeCompany({ preset: 'small', today: new Date().toISOString().slice(0, 10) }),
      (m) => log(`    ${m}`),
    );
    writeFileSync(written, new Date().toISOString());
  }
  return { transport, stop: () => server.kill('SIGTERM') };
}

type Call = <M extends Method>(method: M, input: Input<M>) => Promise<Output<M>>;

/** A fresh core on a temp file, with the connector's port: the app as the connector process sees it. */
export function freshCore() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  const core = startCore({ dbPath: join(dir, 'sync.sqlite'), demo: 'none' });
  const [a, b] = portPair();
  core.serveConnector(a);
  const client = connect(b);
  const call: Call = (m, i) => client.call(m, i);
  return {
    core,
    call,
    close: () => {
      client.close();
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Records every call the adapter makes, to replay the same requests raw. */
function recording(t: TrytonTransport) {
  const calls: [string, unknown[]][] = [];
  return { calls, transport: { ...t, call: (method: string, params: unknown[]) => (calls.push([method, params]), t.call(method, params)) } };
}

const time = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

/**
 * Initial sync of the whole small company from Tryton into a fresh database (pull, map, validate,
 * apply, cursors) vs the same Tryton requests replayed raw (paged search_read of the same records
 * and fields, nothing done with the answers). Throughput ratio = raw time / app time.
 */
export async function benchInitialSync(t: () => TrytonTransport, rounds: number): Promise<{ row: Row; pages: Input<'sync.applyPage'>[] }> {
  const app: number[] = [];
  const raw: number[] = [];
  let pages: Input<'sync.applyPage'>[] = [];
  for (let i = 0; i < rounds; i++) {
    const rec = recording(t());
    await rec.transport.login();
    const c = freshCore();
    const captured: Input<'sync.applyPage'>[] = [];
    const call: Call = (m, input) => {
      if (m === 'sync.applyPage') captured.push(input as Input<'sync.applyPage'>);
      return c.call(m, input);
    };
    app.push(await time(() => pullCycle(trytonAdapter(rec.transport), call, { pageSize: 500 })));
    c.close();
    pages = captured;
    const replay = t();
    await replay.login();
    raw.push(
      await time(async () => {
        for (const [method, params] of rec.calls) await replay.call(method, params);
      }),
    );
  }
  const a = stats(app);
  const b = stats(raw);
  const rows = pages.reduce((n, p) => n + p.rows.length, 0);
  return {
    row: {
      benchmark: `initial sync from Tryton, ${rows} rows (throughput vs raw search_read)`,
      app: a,
      baseline: b,
      ratio: b.median / a.median,
      target: '≥ 0.8× raw',
      ok: b.median / a.median >= 0.8,
    },
    pages,
  };
}

export type { Core };

/** Hand-written prepared inserts of the same rows: no validation, no upsert, ids looked up in memory. */
export function rawInserter(core: Core) {
  const raw = core.db.$client;
  const ids: Record<string, Map<string, number>> = { w: new Map(), c: new Map(), s: new Map(), p: new Map(), k: new Map() };
  const put = (sql: string) => raw.prepare(sql);
  const st = {
    warehouses: put('INSERT INTO warehouses (erp_id, code, name, city, active, pulled_at) VALUES (?, ?, ?, ?, ?, ?)'),
    categories: put('INSERT INTO product_categories (erp_id, code, name, parent_id, active, pulled_at) VALUES (?, ?, ?, ?, ?, ?)'),
    suppliers: put('INSERT INTO suppliers (erp_id, code, name, city, active, pulled_at) VALUES (?, ?, ?, ?, ?, ?)'),
    products: put(
      'INSERT INTO products (erp_id, code, name, category_id, unit, list_price, cost_price, cost_as_of, search_text, active, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    costs: put('INSERT INTO product_costs (product_id, warehouse_id, cost_price, as_of, pulled_at) VALUES (?, ?, ?, ?, ?)'),
    supplierPrices: put(
      'INSERT INTO supplier_prices (erp_id, product_id, supplier_id, min_qty, unit_price, lead_time_days, valid_from, valid_to, active, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    stock: put('INSERT INTO stock_levels (product_id, warehouse_id, on_hand, reserved_erp, as_of, pulled_at) VALUES (?, ?, ?, ?, ?, ?)'),
    receipts: put(
      'INSERT INTO incoming_receipts (erp_id, product_id, warehouse_id, supplier_id, qty, expected_date, purchase_ref, active, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    customers: put(
      `INSERT INTO customers (erp_id, code, name, city, postal_code, credit_limit, outstanding, overdue, open_orders, on_hold, avg_days_late,
       preferred_warehouse_id, credit_as_of, search_text, active, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    salesHistory: put(
      'INSERT INTO sales_history (erp_id, customer_id, product_id, warehouse_id, order_ref, order_date, qty, unit_price, amount, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
  const id = (m: Map<string, number>, erpId: string | null | undefined) => (erpId ? (m.get(erpId) ?? null) : null);
  const at = new Date().toISOString();
  // the rows are the contract's records; the baseline hands their fields to SQLite as they are
  type R = { erpId: string } & Record<string, string>;
  const insert: Record<string, (r: R) => void> = {
    warehouses: (r) => ids.w!.set(r.erpId, Number(st.warehouses.run(r.erpId, r.code, r.name, r.city ?? '', 1, at).lastInsertRowid)),
    categories: (r) => ids.c!.set(r.erpId, Number(st.categories.run(r.erpId, r.code, r.name, id(ids.c!, r.parentErpId), 1, at).lastInsertRowid)),
    suppliers: (r) => ids.s!.set(r.erpId, Number(st.suppliers.run(r.erpId, r.code, r.name, r.city ?? '', 1, at).lastInsertRowid)),
    products: (r) => {
      const p = Number(
        st.products.run(r.erpId, r.code, r.name, id(ids.c!, r.categoryErpId), r.unit, r.listPrice, r.costPrice, at, `${r.code} ${r.name}`, 1, at)
          .lastInsertRowid,
      );
      ids.p!.set(r.erpId, p);
      for (const c of (r as unknown as { costs?: { warehouseErpId: string; costPrice: number }[] }).costs ?? [])
        st.costs.run(p, id(ids.w!, c.warehouseErpId), c.costPrice, at, at);
    },
    supplierPrices: (r) =>
      st.supplierPrices.run(
        r.erpId,
        id(ids.p!, r.productErpId),
        id(ids.s!, r.supplierErpId),
        r.minQty,
        r.unitPrice,
        r.leadTimeDays,
        r.validFrom ?? null,
        r.validTo ?? null,
        1,
        at,
      ),
    stock: (r) => st.stock.run(id(ids.p!, r.productErpId), id(ids.w!, r.warehouseErpId), r.onHand, r.reservedErp, r.asOf, at),
    receipts: (r) =>
      st.receipts.run(
        r.erpId,
        id(ids.p!, r.productErpId),
        id(ids.w!, r.warehouseErpId),
        id(ids.s!, r.supplierErpId),
        r.qty,
        r.expectedDate,
        r.purchaseRef,
        1,
        at,
      ),
    customers: (r) =>
      ids.k!.set(
        r.erpId,
        Number(
          st.customers.run(
            r.erpId,
            r.code,
            r.name,
            r.city ?? '',
            r.postalCode ?? '',
            r.creditLimit,
            r.outstanding,
            r.overdue,
            r.openOrders,
            0,
            r.avgDaysLate ?? 0,
            id(ids.w!, r.preferredWarehouseErpId),
            r.creditAsOf,
            `${r.code} ${r.name}`,
            1,
            at,
          ).lastInsertRowid,
        ),
      ),
    salesHistory: (r) =>
      st.salesHistory.run(
        r.erpId,
        id(ids.k!, r.customerErpId),
        id(ids.p!, r.productErpId),
        id(ids.w!, r.warehouseErpId),
        r.orderRef,
        r.orderDate,
        r.qty,
        r.unitPrice,
        r.amount,
        at,
      ),
  };
  return (page: Input<'sync.applyPage'>) => raw.transaction(() => page.rows.forEach((r) => insert[page.entity]!(r as R)))();
}

/**
 * Applying the pulled pages into SQLite through core's contract (input validation, every row checked,
 * upsert by ERP id, conflicts, cursor, one transaction per page) vs raw prepared inserts. The hop
 * between processes is the initial sync's to pay, not this one's.
 */
/** The pulled company `times` over, each copy with its own ERP ids and codes: a larger company's initial sync. */
function replicate(pages: Input<'sync.applyPage'>[], times: number): Input<'sync.applyPage'>[] {
  const copy = (k: number) => (row: unknown) =>
    Object.fromEntries(
      Object.entries(row as Record<string, unknown>).map(([f, v]) => [
        f,
        typeof v === 'string' && (f === 'code' || f === 'orderRef' || /erpId$/i.test(f))
          ? `${v}~${k}`
          : f === 'costs'
            ? (v as { warehouseErpId: string }[]).map((c) => ({ ...c, warehouseErpId: `${c.warehouseErpId}~${k}` }))
            : v,
      ]),
    );
  return Array.from({ length: times }, (_, k) => pages.map((p) => ({ ...p, rows: p.rows.map(copy(k)) }))).flat();
}

export async function benchApply(pulled: Input<'sync.applyPage'>[], rounds: number): Promise<Row> {
  const pages = replicate(pulled, 5);
  const app: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const a = freshCore();
    app.push(
      await time(async () => {
        for (const p of pages) await a.core.call('sync.applyPage', p);
      }),
    );
    a.close();
    const b = freshCore();
    const insert = rawInserter(b.core);
    raw.push(await time(() => Promise.resolve(pages.forEach(insert))));
    b.close();
  }
  const a = stats(app);
  const b = stats(raw);
  const rows = pages.reduce((n, p) => n + p.rows.length, 0);
  return {
    benchmark: `apply ${rows} pulled rows into SQLite (vs raw inserts)`,
    app: a,
    baseline: b,
    ratio: b.median / a.median,
    target: '≥ 0.4× raw',
    ok: b.median / a.median >= 0.4,
  };
}

/** Enough goods for 1 000 distinct stock lines (the small company has 120 × 6): 60 more products, written once into the cached Tryton. */
async function ensureStockLines(t: TrytonTransport, needed: number) {
  const warehouses = (await t.call('model.stock.location.search_read', [
    [['type', '=', 'warehouse']],
    0,
    null,
    [['id', 'ASC']],
    ['storage_location'],
    {},
  ])) as {
    id: number;
    storage_location: number;
  }[];
  const goodsOf = async (domain: unknown[]) =>
    (await t.call('model.product.product.search_read', [[['type', '=', 'goods'], ...domain], 0, null, [['id', 'ASC']], ['default_uom'], {}])) as {
      id: number;
      default_uom: number;
    }[];
  const goods = await goodsOf([]);
  const missing = Math.ceil(needed / warehouses.length) - goods.length;
  if (missing > 0) {
    const templates = (await t.call('model.product.template.create', [
      Array.from({ length: missing }, (_, i) => ({
        name: `Article de banc ${i + 1}`,
        code: `BENCH-${String(i + 1).padStart(3, '0')}`,
        type: 'goods',
        default_uom: 1,
        purchase_uom: 1,
        sale_uom: 1,
        list_price: D(10),
        products: [['create', [{}]]],
      })),
      // with costs per warehouse, a new product's cost belongs to a warehouse
      { warehouse: warehouses[0]!.id },
    ])) as number[];
    goods.push(...(await goodsOf([['template', 'in', templates]])));
  }
  return { warehouses, goods };
}

/**
 * One incremental cycle (every entity, from the cursors of the previous one) after 1 000 stock lines
 * changed in Tryton by done moves; the baseline is the same stock requests replayed raw.
 */
export async function benchIncrementalStock(t: (timeoutMs?: number) => TrytonTransport, rounds: number): Promise<Row> {
  // setting the stock in place takes Tryton a while: a patient transport for it
  const erp = t(600_000);
  const { warehouses, goods } = await ensureStockLines(erp, 1_000);
  const [supplier] = (await erp.call('model.stock.location.search', [[['type', '=', 'supplier']], 0, 1, null, {}])) as number[];
  const pairs = goods.flatMap((p) => warehouses.map((w) => ({ p, w }))).slice(0, 1_000);
  const c = freshCore();
  // the connector keeps its adapter (and its Tryton session) from one cycle to the next
  const rec = recording(t());
  const adapter = trytonAdapter(rec.transport);
  await pullCycle(adapter, c.call, { pageSize: 500 });
  const app: number[] = [];
  const raw: number[] = [];
  let changed = 0;
  for (let i = 0; i < rounds; i++) {
    const ids = (await erp.call('model.stock.move.create', [
      pairs.map(({ p, w }) => ({
        product: p.id,
        uom: p.default_uom,
        quantity: 1,
        from_location: supplier,
        to_location: w.storage_location,
        unit_price: D(6),
        cost_price: D(6),
        currency: 1,
      })),
      {},
    ])) as number[];
    await confirmingWarnings(erp, () => erp.call('model.stock.move.do', [ids, {}]));
    const before = c.core.db.$client.prepare('SELECT sum(on_hand) FROM stock_levels').pluck().get() as number;
    rec.calls.length = 0;
    app.push(await time(() => pullCycle(adapter, c.call, { pageSize: 500 })));
    changed = ((c.core.db.$client.prepare('SELECT sum(on_hand) FROM stock_levels').pluck().get() as number) - before) / 1_000;
    const stockCalls = rec.calls.filter(([m, p]) => m === 'model.product.product.read' && JSON.stringify(p).includes('locations'));
    const replay = t();
    await replay.login();
    raw.push(
      await time(async () => {
        for (const [method, params] of stockCalls) await replay.call(method, params);
      }),
    );
  }
  c.close();
  if (changed !== 1_000) throw new Error(`the incremental cycle brought ${changed} changed units of stock, not 1 000`);
  const a = stats(app);
  return {
    benchmark: 'incremental cycle after 1 000 changed stock lines (vs raw stock reads)',
    app: a,
    baseline: stats(raw),
    ratio: a.median / stats(raw).median,
    target: 'under 2 s',
    ok: a.p95 < 2_000,
  };
}

/**
 * The 360° view of one deal (10 lines) from the local database, as the app shows it, vs the same
 * figures fetched from Tryton: the customer's credit, the products' prices and costs (per
 * warehouse), stock per warehouse, supplier tiers, receipts on their way, the customer's sales.
 */
export async function benchViewVsTryton(t: () => TrytonTransport, rounds: number): Promise<Row> {
  const c = freshCore();
  await pullCycle(trytonAdapter(t()), c.call, { pageSize: 500 });
  const raw = c.core.db.$client;
  const customer = raw.prepare('SELECT id, erp_id AS erpId FROM customers ORDER BY id LIMIT 1').get() as { id: number; erpId: string };
  const products = raw.prepare('SELECT id, erp_id AS erpId FROM products ORDER BY id LIMIT 10').all() as { id: number; erpId: string }[];
  const deal = await c.call('opportunity.create', { customerId: customer.id, title: 'Banc 360°' });
  for (const p of products) await c.call('opportunity.addLine', { opportunityId: deal.id, productId: p.id, qty: 5_000 });
  const erp = t();
  await erp.login();
  const ids = products.map((p) => Number(p.erpId));
  const party = Number(customer.erpId);
  const fromTryton = async () => {
    const read = (model: string, params: unknown[]) => erp.call(`model.${model}`, params);
    await read('party.party.read', [[party], ['name', 'credit_limit_amount', 'credit_amount', 'receivable', 'receivable_today'], {}]);
    const goods = (await read('product.product.read', [ids, ['code', 'name', 'template', 'list_price', 'cost_price', 'default_uom.symbol'], {}])) as {
      template: number;
    }[];
    const warehouses = (await read('stock.location.search', [[['type', '=', 'warehouse']], 0, null, null, {}])) as number[];
    for (const w of warehouses) {
      await read('product.product.read', [ids, ['quantity', 'forecast_quantity'], { locations: [w] }]);
      await read('product.product.read', [ids, ['cost_price'], { warehouse: w }]);
    }
    const suppliers = (await read('purchase.product_supplier.search_read', [
      [['template', 'in', goods.map((g) => g.template)]],
      0,
      null,
      null,
      ['party.name', 'lead_time', 'template'],
      {},
    ])) as { id: number }[];
    await read('purchase.product_supplier.price.search_read', [
      [['product_supplier', 'in', suppliers.map((s) => s.id)]],
      0,
      null,
      null,
      ['quantity', 'unit_price'],
      {},
    ]);
    await read('stock.move.search_read', [
      [
        ['product', 'in', ids],
        ['from_location.type', '=', 'supplier'],
        ['state', 'in', ['draft', 'assigned']],
      ],
      0,
      null,
      null,
      ['product', 'quantity', 'planned_date', 'shipment'],
      {},
    ]);
    await read('sale.line.search_read', [
      [
        ['sale.party', '=', party],
        ['sale.state', 'in', ['processing', 'done']],
      ],
      0,
      null,
      null,
      ['product', 'quantity', 'amount'],
      {},
    ]);
  };
  const r = await sideBySide(() => c.call('opportunity.get', { id: deal.id }), fromTryton, rounds, 3);
  c.close();
  return {
    benchmark: '360° view of a 10-line deal: local vs fetched from Tryton',
    app: r.a,
    baseline: r.b,
    ratio: r.b.median / r.a.median,
    target: '≥ 50× faster',
    ok: r.b.median / r.a.median >= 50,
  };
}

/** Every request a transport makes and the records Tryton answered. */
function counting(t: TrytonTransport) {
  const seen = { requests: 0, rows: 0 };
  return {
    seen,
    transport: {
      ...t,
      call: async (method: string, params: unknown[]) => {
        const answer = await t.call(method, params);
        seen.requests++;
        if (Array.isArray(answer)) seen.rows += answer.length;
        return answer;
      },
    },
  };
}

/**
 * One desk's idle cycle (nothing changed in Tryton since the last one), as the connector runs it
 * with the adapter it keeps, vs the same cycle reading stock and the supply entities whole (what
 * each cycle did before, and what the periodic safety sweep still does): requests, records read,
 * and the share of the rows the desk holds. No overlap, so the cycle before's writes are not read again.
 */
export async function benchIdleCycle(t: () => TrytonTransport, rounds: number): Promise<Row> {
  const c = freshCore();
  const kept = counting(t());
  const adapter = trytonAdapter(kept.transport);
  const cycle = (a: ErpAdapter) => pullCycle(a, c.call, { pageSize: 500, overlapSeconds: 0 });
  await cycle(adapter);
  // Tryton's stamps go by the second: one more cycle past the second the cursor stands on
  await new Promise((r) => setTimeout(r, 1_100));
  await cycle(adapter);
  const held = c.core.db.$client
    .prepare(
      `SELECT (SELECT count(*) FROM warehouses) + (SELECT count(*) FROM product_categories) + (SELECT count(*) FROM suppliers)
       + (SELECT count(*) FROM products) + (SELECT count(*) FROM product_costs) + (SELECT count(*) FROM supplier_prices)
       + (SELECT count(*) FROM stock_levels) + (SELECT count(*) FROM incoming_receipts) + (SELECT count(*) FROM customers)
       + (SELECT count(*) FROM sales_history)`,
    )
    .pluck()
    .get() as number;
  const idle = { ms: [] as number[], requests: 0, rows: 0 };
  const whole = { ms: [] as number[], requests: 0, rows: 0 };
  for (let i = 0; i < rounds; i++) {
    [kept.seen.requests, kept.seen.rows] = [0, 0];
    idle.ms.push(await time(() => cycle(adapter)));
    [idle.requests, idle.rows] = [kept.seen.requests, kept.seen.rows];
    // a fresh adapter reads stock and the supply entities whole, as every cycle did before
    const fresh = counting(t());
    await fresh.transport.login();
    whole.ms.push(await time(() => cycle(trytonAdapter(fresh.transport))));
    [whole.requests, whole.rows] = [fresh.seen.requests, fresh.seen.rows];
  }
  c.close();
  const share = idle.rows / held;
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  return {
    benchmark:
      `idle cycle: ${idle.requests} requests, ${idle.rows} records read = ${pct(share)} of the ${held} rows held ` +
      `(whole: ${whole.requests} requests, ${whole.rows} records = ${pct(whole.rows / held)})`,
    app: stats(idle.ms),
    baseline: stats(whole.ms),
    ratio: stats(idle.ms).median / stats(whole.ms).median,
    target: '< 1 % of the rows held',
    ok: share < 0.01,
  };
}
