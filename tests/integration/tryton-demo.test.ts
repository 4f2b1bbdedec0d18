import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullCycle } from '../../electron/connector/cycle';
import { trytonAdapter } from '../../electron/connector/tryton/adapter';
import { writeDemoToTryton } from '../../electron/connector/tryton/demo-writer';
import { trytonTransport } from '../../electron/connector/tryton/transport';
import { startCore, type Core } from '../../electron/core/core';
import type { Input, Method, Output } from '../../electron/shared/contract';
import { describeCompany } from '../../electron/shared/demo';
import { startTryton, type TrytonServer } from './fixtures/tryton-server';
import { NOW, TODAY, tempDir } from './helpers';

let tryton: TrytonServer;
let core: Core;
let cleanup: () => void;
const demo = describeCompany({ preset: 'small', today: TODAY });
const call = <M extends Method>(method: M, input: Input<M>) => core.call(method, input) as Promise<Output<M>>;
const all = <T>(sql: string) => core.db.$client.prepare(sql).all() as T[];

beforeAll(async () => {
  tryton = await startTryton();
  const t = tempDir();
  core = startCore({ dbPath: join(t.dir, 'from-tryton.sqlite'), demo: 'none', now: () => NOW });
  cleanup = t.cleanup;
}, 300_000);
afterAll(async () => {
  core.close();
  await tryton.stop();
  tryton.cleanup();
  cleanup();
});

describe('the demo company in a real Tryton, synced back', () => {
  it('gives the same warehouses, products, prices, stock, supplier tiers, receipts and credit limits as the generator', async () => {
    const erp = trytonTransport({ url: tryton.url, database: tryton.database, login: 'admin', secret: tryton.password });
    await writeDemoToTryton(erp, demo);
    const report = await pullCycle(
      trytonAdapter(erp, () => NOW),
      call,
      {
        entities: ['warehouses', 'categories', 'suppliers', 'products', 'supplierPrices', 'stock', 'receipts', 'customers'],
        pageSize: 200,
        now: () => NOW,
      },
    );
    expect(report.filter((r) => r.error)).toEqual([]);

    expect(all<{ code: string }>('SELECT code FROM warehouses WHERE active = 1 ORDER BY code').map((w) => w.code)).toEqual(
      demo.warehouses.map((w) => w.code).sort(),
    );
    const products = all<{ code: string; unit: string; list_price: number; cost_price: number }>(
      'SELECT code, unit, list_price, cost_price FROM products ORDER BY code',
    );
    expect(products).toEqual(
      demo.products
        .map((p) => ({ code: p.code, unit: p.unit, list_price: p.listPrice, cost_price: p.costPrice }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    );
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
    const credit = all<{ code: string; credit_limit: number }>("SELECT code, credit_limit FROM customers WHERE code LIKE 'C%' ORDER BY code");
    expect(credit).toEqual(demo.customers.map((k) => ({ code: k.code, credit_limit: k.creditLimit })).sort((a, b) => a.code.localeCompare(b.code)));
  }, 240_000);
});
