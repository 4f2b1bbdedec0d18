import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/core';
import type { Input, Method, Output } from '../../electron/shared/contract';
import { NOW, tempDir } from './helpers';

let core: Core;
let done: () => void;
let clock = NOW;
beforeAll(() => {
  const { dir, cleanup } = tempDir();
  core = startCore({ dbPath: join(dir, 'erp.sqlite'), demo: 'none', validateOutput: true, now: () => clock });
  done = () => (core.close(), cleanup());
});
afterAll(() => done());

const call = <M extends Method>(method: M, input: Input<M>) => core.call(method, input) as Promise<Output<M>>;
const count = (table: string) => core.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const page = (entity: Input<'sync.applyPage'>['entity'], rows: unknown[], cursor: { time: string; id: string } | null = null) =>
  call('sync.applyPage', { entity, rows, cursor, pulledAt: clock });
const cursorOf = (entity: string) =>
  core.db.$client.prepare('SELECT cursor_time AS time, cursor_id AS id FROM sync_cursors WHERE entity = ?').get(entity);

const warehouses = [
  { erpId: 'W1', code: 'LYO', name: 'Lyon', city: 'Lyon' },
  { erpId: 'W2', code: 'REN', name: 'Rennes' },
];
const product = (erpId: string, code: string, extra: object = {}) => ({
  erpId,
  code,
  name: `Article ${code}`,
  categoryErpId: 'C1',
  unit: 'pal',
  listPrice: 2_500_000,
  costPrice: 1_800_000,
  costs: [{ warehouseErpId: 'W2', costPrice: 1_750_000 }],
  ...extra,
});

describe('applying pulled pages', () => {
  it('upserts by ERP id with the cursor in the same transaction; the same page twice duplicates nothing', async () => {
    await page('warehouses', warehouses, { time: '2026-11-30 09:00:00', id: 'W2' });
    await page('categories', [{ erpId: 'C1', code: 'CIM', name: 'Ciments' }]);
    const first = await page('products', [product('P1', 'CIM-1'), product('P2', 'CIM-2')], { time: '2026-11-30 09:05:00', id: 'P2' });
    expect(first).toEqual({ entity: 'products', applied: 2, cursor: { time: '2026-11-30 09:05:00', id: 'P2' }, conflicts: 0, revalued: 0 });
    await page('products', [product('P1', 'CIM-1', { listPrice: 2_600_000 }), product('P2', 'CIM-2')], { time: '2026-11-30 09:06:00', id: 'P2' });
    expect(count('products')).toBe(2);
    expect(core.db.$client.prepare("SELECT list_price FROM products WHERE erp_id = 'P1'").pluck().get()).toBe(2_600_000);
    expect(
      core.db.$client.prepare("SELECT count(*) FROM product_costs c JOIN products p ON p.id = c.product_id WHERE p.erp_id = 'P1'").pluck().get(),
    ).toBe(1);
    expect(cursorOf('products')).toEqual({ time: '2026-11-30 09:06:00', id: 'P2' });
  });

  it('refuses a page with one malformed row, says which row and field, and applies nothing of it', async () => {
    const before = [count('products'), JSON.stringify(cursorOf('products'))];
    const bad: [unknown, string][] = [
      [{ ...product('P3', 'CIM-3'), listPrice: -1 }, 'rows.1.listPrice'],
      [{ ...product('P3', 'CIM-3'), unit: 'barrels' }, 'rows.1.unit'],
      [{ ...product('P3', 'CIM-3'), listPrice: '12.5' }, 'rows.1.listPrice'],
      [{ ...product('P3', 'CIM-3'), surprise: true }, 'rows.1'],
      [{ ...product('P3', 'CIM-3'), categoryErpId: 'C404' }, 'rows.1.categoryErpId'],
      [{ ...product('P3', 'CIM-3'), costs: [{ warehouseErpId: 'W9', costPrice: 1 }] }, 'rows.1.warehouseErpId'],
      [null, 'rows.1'],
    ];
    for (const [row, path] of bad) {
      const err = await page('products', [product('P4', 'CIM-4'), row], { time: '2026-12-01 00:00:00', id: 'P9' }).then(
        () => null,
        (e: unknown) => e as { code: string; details: { issues: { path: string }[] } },
      );
      expect(err?.code, JSON.stringify(row)).toBe('invalid_input');
      expect(err!.details.issues[0]!.path.startsWith(path), `${path} vs ${err!.details.issues[0]!.path}`).toBe(true);
    }
    expect([count('products'), JSON.stringify(cursorOf('products'))]).toEqual(before);
  });

  it('marks what the ERP no longer lists as inactive, never deletes it', async () => {
    const r = await call('sync.reconcile', { entity: 'products', erpIds: ['P1'], at: clock });
    expect(r.deactivated).toBe(1);
    expect(core.db.$client.prepare("SELECT active FROM products WHERE erp_id = 'P2'").pluck().get()).toBe(0);
    expect(count('products')).toBe(2);
    await expect(call('sync.reconcile', { entity: 'stock', erpIds: [], at: clock })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('the outbox as the connector sees it', () => {
  const add = (uuid: string) =>
    core.db.$client
      .prepare(
        "INSERT INTO outbox (uuid, kind, subject, payload, status, created_at) VALUES (?, 'purchase_request', 'supplier:1', '{\"lines\":[]}', 'pending', ?)",
      )
      .run(uuid, clock);

  it('leases due items once, acknowledges them once, and leases again what a dead connector held too long', async () => {
    add('u-1');
    add('u-2');
    const leased = await call('outbox.lease', { limit: 10, leaseSeconds: 60 });
    expect(leased.map((i) => i.uuid)).toEqual(['u-1', 'u-2']);
    expect(await call('outbox.lease', { limit: 10, leaseSeconds: 60 })).toEqual([]);
    await call('outbox.ack', { id: leased[0]!.id, erpRef: 'PR-0001' });
    expect(await call('outbox.ack', { id: leased[0]!.id, erpRef: 'PR-0001' })).toEqual({ status: 'done' });
    // the connector holding u-2 died: after its lease, u-2 is due again, attempt 2
    clock = '2026-11-30T10:02:00.000Z';
    const again = await call('outbox.lease', { limit: 10, leaseSeconds: 60 });
    expect(again.map((i) => [i.uuid, i.attempts])).toEqual([['u-2', 2]]);
  });

  it('retries a network failure later with backoff and stops an ERP refusal for a person to see', async () => {
    add('u-3');
    const [item] = await call('outbox.lease', { limit: 1, leaseSeconds: 60 });
    const r = await call('outbox.fail', { id: item!.id, error: 'ECONNREFUSED', retryable: true });
    expect(r.status).toBe('pending');
    expect(Date.parse(r.nextTryAt!) - Date.parse(clock)).toBeGreaterThanOrEqual(2_500);
    expect(await call('outbox.lease', { limit: 10, leaseSeconds: 60 })).toEqual([]);
    clock = new Date(Date.parse(r.nextTryAt!) + 1).toISOString();
    const [retry] = await call('outbox.lease', { limit: 10, leaseSeconds: 60 });
    expect(retry?.uuid).toBe('u-3');
    await call('outbox.fail', { id: retry!.id, error: 'UserError: the product is not purchasable', retryable: false });
    expect(core.db.$client.prepare('SELECT status, last_error FROM outbox WHERE id = ?').get(retry!.id)).toEqual({
      status: 'failed',
      last_error: 'UserError: the product is not purchasable',
    });
    clock = '2027-01-01T00:00:00.000Z';
    expect((await call('outbox.lease', { limit: 10, leaseSeconds: 60 })).map((i) => i.uuid)).not.toContain('u-3');
    await expect(call('outbox.ack', { id: 999_999, erpRef: 'x' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
