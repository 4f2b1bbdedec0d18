import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOdooFixture, type OdooFixture } from './fixtures/odoo-fixture';
import { tempDir } from './helpers';

let odoo: OdooFixture;
let dir: string;
let cleanup: () => void;
const PRODUCTS = 1_500;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  odoo = await startOdooFixture(18, {
    'stock.warehouse': [{ id: 1, code: 'LYO', name: 'Lyon', active: true, write_date: '2026-11-01 08:00:00' }],
    'product.category': [{ id: 3, name: 'Ciments', parent_id: false, write_date: '2026-11-01 08:00:00' }],
    'sale.order': [],
    'product.product': Array.from({ length: PRODUCTS }, (_, i) => ({
      id: 100 + i,
      default_code: `P-${i}`,
      name: `Article ${i}`,
      categ_id: [3, 'Ciments'],
      uom_id: [1, 'Units'],
      list_price: 10 + i / 100,
      standard_price: 5,
      active: true,
      is_storable: true,
      // several products share each second, as in a bulk import
      write_date: `2026-11-${String(2 + Math.floor(i / 500)).padStart(2, '0')} 10:${String(Math.floor((i % 500) / 10)).padStart(2, '0')}:00`,
    })),
  });
});
afterAll(async () => {
  await odoo.close();
  cleanup();
});

/** Runs the child, kills it (SIGKILL) `afterMs` after it said it was ready; resolves with its exit code and how long it pulled. */
function runAndKill(dbPath: string, afterMs: number | null, tag = 'timing', clockOffsetMs = 0): Promise<{ code: number | null; ms: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/fixtures/sync-child.ts', dbPath, odoo.url, '25', tag], {
    env: { ...process.env, COMPTOIR_TEST_CLOCK_OFFSET_MS: String(clockOffsetMs) },
  });
  let ready = 0;
  child.stdout.on('data', (d: Buffer) => {
    if (!d.toString().includes('ready')) return;
    ready = performance.now();
    if (afterMs !== null) setTimeout(() => child.kill('SIGKILL'), afterMs);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, ms: performance.now() - ready })));
}

/** A deterministic sequence of fractions in (0, 1) from a seed. */
function fractions(seed: number, n: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return 0.05 + ((x % 1000) / 1000) * 0.9;
  });
}

describe('crash safety of a full sync', () => {
  it('killed at random moments, the database is sound, no page is half applied, no cursor is ahead of its data, no outbox item is lost or pushed twice', async () => {
    // how long a full sync takes here, so the kills fall inside it
    const full = await runAndKill(join(dir, 'timing.sqlite'), null);
    expect(full.code).toBe(0);
    const keyOf = (r: { write_date: string; id: number }) => `${r.write_date}|${String(r.id).padStart(9, '0')}`;
    const erp = [...odoo.models['product.product']!].sort((a, b) => keyOf(a as never).localeCompare(keyOf(b as never)));
    const sizes: number[] = [];
    for (const [i, f] of fractions(20_261_130, 8).entries()) {
      // each run a full sync into a fresh database, killed part way
      const dbPath = join(dir, `crash-${i}.sqlite`);
      const wait = Math.round(full.ms * f);
      await runAndKill(dbPath, wait, `crash-${i}`);
      const db = new Database(dbPath, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = new Set((db.prepare('SELECT erp_id FROM products').pluck().all() as string[]).map(Number));
      const cursor = db.prepare("SELECT cursor_time AS time, cursor_id AS id FROM sync_cursors WHERE entity = 'products'").get() as
        { time: string; id: string } | undefined;
      db.close();
      sizes.push(ids.size);
      // pages of 25 rows are applied whole: the count moves by whole pages (the overlap re-reads, it never adds)
      expect(ids.size % 25 === 0 || ids.size === PRODUCTS, `after ${wait} ms: ${ids.size} products`).toBe(true);
      if (cursor) {
        // every ERP row up to the cursor is here
        const upTo = erp.filter((r) => keyOf(r as never) <= `${cursor.time}|${cursor.id.padStart(9, '0')}`);
        expect(
          upTo.every((r) => ids.has(r.id)),
          `cursor ${cursor.time} ${cursor.id} ahead of its data`,
        ).toBe(true);
      } else expect(ids.size).toBe(0);
    }
    // the kills did land in the middle of the sync, not before or after it
    expect(
      sizes.some((n) => n > 0 && n < PRODUCTS),
      `products at each kill: ${sizes.join(', ')}`,
    ).toBe(true);
    // after a crash, one uninterrupted cycle on the same file (once the dead connector's leases ran out) brings everything, once
    for (const [i] of fractions(20_261_130, 8).entries()) {
      const file = join(dir, `crash-${i}.sqlite`);
      expect((await runAndKill(file, null, `crash-${i}`, 60_000)).code).toBe(0);
      const db = new Database(file, { readonly: true });
      expect(db.prepare('SELECT count(*) FROM products').pluck().get()).toBe(PRODUCTS);
      expect(db.prepare('SELECT count(DISTINCT erp_id) FROM products').pluck().get()).toBe(PRODUCTS);
      const outbox = db.prepare('SELECT uuid, status, erp_ref AS ref FROM outbox').all() as { uuid: string; status: string; ref: string }[];
      db.close();
      expect(outbox).toHaveLength(30);
      for (const item of outbox) {
        const orders = odoo.models['sale.order']!.filter((o) => o.client_order_ref === item.uuid);
        expect(orders, `${item.uuid} in Odoo`).toHaveLength(1);
        expect(item).toEqual({ uuid: item.uuid, status: 'done', ref: orders[0]!.name });
      }
    }
  }, 240_000);
});
