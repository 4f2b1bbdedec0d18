import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { Input, Method, Output } from '../../electron/shared/contract';
import { connect, portPair } from '../../electron/shared/rpc';
import { inProcessConnector, smallCore, until } from './helpers';

/** A port nothing listens on: an ERP that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}
let core: Core;
let cleanup: () => void;
let url: string;
const call = <M extends Method>(method: M, input: Input<M>) => core.call(method, input) as Promise<Output<M>>;
const config = () => ({ type: 'tryton' as const, url, database: 'comptoir', login: 'admin', secretEnv: 'COMPTOIR_TEST_SECRET', intervalMinutes: 5 });

const connector = () => inProcessConnector(core);

beforeEach(async () => {
  ({ core, cleanup } = smallCore());
  url = `http://127.0.0.1:${await closedPort()}`;
});
afterEach(() => cleanup());

describe('core and the connector process', () => {
  it('keeps the secret out of everything it shows, stores and audits; refuses a bad connection field by name', async () => {
    expect((await call('sync.status', {})).connector).toBe('not_configured');
    await expect(call('erp.saveConnection', { config: { ...config(), url: 'not a url' } })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { issues: [expect.objectContaining({ path: 'config.url' })] },
    });
    await expect(call('erp.saveConnection', { config: { ...config(), intervalMinutes: 0 } })).rejects.toThrow(/at least every minute/);
    expect((await call('erp.connection', {})).config).toBeNull();
    const view = await call('erp.saveConnection', { config: config(), secret: 'Sup3r-S3cret' });
    expect(view).toMatchObject({ config: { url, login: 'admin' }, secret: 'session', canStoreSecret: false });
    const everything = JSON.stringify([
      view,
      await call('sync.status', {}),
      core.db.$client.prepare('SELECT * FROM settings').all(),
      core.db.$client.prepare('SELECT * FROM audit_log').all(),
    ]);
    expect(everything).not.toContain('Sup3r-S3cret');
    expect(core.db.$client.prepare("SELECT count(*) FROM audit_log WHERE entity = 'erp_connection'").pluck().get()).toBe(1);
  });

  it('refuses the connector’s methods on a renderer’s port', async () => {
    const [corePort, rendererPort] = portPair();
    core.serve(corePort);
    const renderer = connect(rendererPort);
    await expect(renderer.call('connector.next', { state: 'idle' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(renderer.call('outbox.lease', {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(renderer.call('sync.status', {})).resolves.toMatchObject({ connector: 'not_configured' });
  });

  it('runs at start, says the ERP is down with its message, retries sooner, and keeps the outbox; the app goes on', async () => {
    await call('erp.saveConnection', { config: config(), secret: 'x' });
    await expect(call('sync.runNow', {})).rejects.toMatchObject({ code: 'unavailable' });
    const outboxBefore = core.db.$client.prepare("SELECT id, status FROM outbox WHERE status = 'pending'").all();
    expect(outboxBefore.length).toBeGreaterThan(0);
    const c = connector();
    await until(async () => (await call('sync.status', {})).runs.some((r) => r.status === 'failed'));
    const status = await call('sync.status', {});
    expect(status.runs[0]).toMatchObject({ trigger: 'start', status: 'failed', error: expect.stringContaining('cannot be reached') });
    await until(async () => (await call('sync.status', {})).connector === 'down');
    const down = await call('sync.status', {});
    expect(down.connectorError).toMatch(/Tryton at http:\/\/127\.0\.0\.1:\d+\/comptoir\/ cannot be reached/);
    // retried within the first backoff step (60 s here), not after the 5-minute interval
    expect(Date.parse(down.nextRunAt!) - Date.now()).toBeLessThanOrEqual(60_000);
    expect(core.db.$client.prepare("SELECT id, status FROM outbox WHERE status = 'pending'").all()).toEqual(outboxBefore);
    // the app is not held up
    expect((await call('opportunities.list', { limit: 5 })).rows.length).toBe(5);
    // on demand: a second run, by the user
    await call('sync.runNow', {});
    await until(async () => (await call('sync.status', {})).runs.filter((r) => r.status === 'failed').length === 2);
    expect((await call('sync.status', {})).runs[0]!.trigger).toBe('manual');
    c.kill();
  });

  it('tests a connection with a precise answer, through the connector', async () => {
    await call('erp.saveConnection', { config: config() });
    const c = connector();
    await until(async () => (await call('sync.status', {})).connector !== 'stopped');
    const noSecret = await call('erp.testConnection', { config: config() });
    expect(noSecret).toEqual({ ok: false, message: expect.stringContaining('$COMPTOIR_TEST_SECRET') });
    const down = await call('erp.testConnection', { config: config(), secret: 'x' });
    expect(down.ok).toBe(false);
    expect(down.message).toMatch(/cannot be reached/);
    c.kill();
  });

  it('counts a connector whose port closed as stopped, and closes the run it left open when a new one starts', async () => {
    await call('erp.saveConnection', { config: config(), secret: 'x' });
    const first = connector();
    await until(async () => (await call('sync.status', {})).runs.length > 0);
    const { runId } = await call('sync.runStart', { trigger: 'manual' });
    first.kill();
    await until(async () => (await call('sync.status', {})).connector === 'stopped');
    const second = connector();
    await until(async () => (await call('sync.status', {})).runs.find((r) => r.id === runId)?.status === 'failed');
    expect((await call('sync.status', {})).runs.find((r) => r.id === runId)!.error).toMatch(/connector stopped/);
    second.kill();
  });

  it('sends a stopped outbox item again or cancels it, audited; refuses what is in flight or unknown', async () => {
    const id = core.db.$client.prepare("SELECT id FROM outbox WHERE status = 'pending' ORDER BY id LIMIT 1").pluck().get() as number;
    core.db.$client
      .prepare("UPDATE outbox SET status = 'failed', attempts = 3, last_error = 'Tryton refused: party has no address' WHERE id = ?")
      .run(id);
    const failed = (await call('sync.status', {})).outbox.find((o) => o.id === id)!;
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringContaining('no address') });
    const retried = await call('outbox.retry', { id });
    expect(retried.outbox.find((o) => o.id === id)).toMatchObject({ status: 'pending', attempts: 3, nextTryAt: null });
    await call('outbox.cancel', { id });
    expect(core.db.$client.prepare('SELECT status FROM outbox WHERE id = ?').pluck().get(id)).toBe('cancelled');
    expect((await call('sync.status', {})).outbox.some((o) => o.id === id)).toBe(false);
    const audit = core.db.$client.prepare("SELECT new_value FROM audit_log WHERE entity = 'outbox' AND entity_id = ? ORDER BY id").pluck().all(id);
    expect(audit).toEqual(['"pending"', '"cancelled"']);
    await expect(call('outbox.retry', { id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(call('outbox.cancel', { id: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
    // an item the connector holds right now (a purchase request queued for the test)
    const leased = Number(
      core.db.$client
        .prepare(
          "INSERT INTO outbox (uuid, kind, payload, subject, status, created_at) VALUES ('lease-test', 'purchase_request', '{}', 'supplier:1', 'pending', ?)",
        )
        .run(new Date().toISOString()).lastInsertRowid,
    );
    core.db.$client.prepare("UPDATE outbox SET status = 'leased' WHERE id = ?").run(leased);
    await expect(call('outbox.cancel', { id: leased })).rejects.toThrow(/only a stopped or waiting item/);
  });
});

describe('conflicts', () => {
  it('lists a product the ERP archived while open deals quote it, once, and revalues those deals when costs change', async () => {
    const p = core.db.$client
      .prepare(
        `SELECT p.id, p.code, p.name, p.unit, p.list_price AS listPrice, p.cost_price AS costPrice, count(DISTINCT o.id) AS deals FROM products p
         JOIN opportunity_lines l ON l.product_id = p.id JOIN opportunities o ON o.id = l.opportunity_id JOIN stages s ON s.id = o.stage_id
         WHERE s.kind = 'open' GROUP BY p.id ORDER BY deals DESC LIMIT 1`,
      )
      .get() as { id: number; code: string; name: string; unit: 'kg'; listPrice: number; costPrice: number; deals: number };
    core.db.$client.prepare("UPDATE products SET erp_id = 'P-ARCH' WHERE id = ?").run(p.id);
    const row = (o: object) => ({
      erpId: 'P-ARCH',
      code: p.code,
      name: p.name,
      categoryErpId: null,
      unit: p.unit,
      listPrice: p.listPrice,
      costPrice: p.costPrice,
      ...o,
    });
    const pulledAt = '2026-11-30T10:00:00.000Z';
    const [corePort, connectorPort] = portPair();
    core.serveConnector(corePort);
    const erp = connect(connectorPort);
    // a cost up by half: the deals quoting it are valued again in the same transaction
    const costlier = await erp.call('sync.applyPage', {
      entity: 'products',
      rows: [row({ costPrice: Math.round(p.costPrice * 1.5) })],
      cursor: null,
      pulledAt,
    });
    expect(costlier).toMatchObject({ applied: 1, conflicts: 0, revalued: p.deals });
    const archived = await erp.call('sync.applyPage', { entity: 'products', rows: [row({ active: false })], cursor: null, pulledAt });
    expect(archived).toMatchObject({ conflicts: 1 });
    const conflicts = (await call('sync.status', {})).conflicts;
    expect(conflicts).toEqual([
      expect.objectContaining({
        entity: 'products',
        erpId: 'P-ARCH',
        field: 'active',
        erpValue: false,
        localValue: expect.objectContaining({ code: p.code }),
      }),
    ]);
    // the ERP won: the product is archived here too
    expect(core.db.$client.prepare('SELECT active FROM products WHERE id = ?').pluck().get(p.id)).toBe(0);
    await expect(call('conflicts.resolve', { id: conflicts[0]!.id, resolution: '' })).rejects.toMatchObject({ code: 'invalid_input' });
    const after = await call('conflicts.resolve', { id: conflicts[0]!.id, resolution: 'replaced by its successor on the open deals' });
    expect(after.conflicts).toEqual([]);
    await expect(call('conflicts.resolve', { id: conflicts[0]!.id, resolution: 'again' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('first sync into a database that already holds records', () => {
  it('links a local record without ERP id to the ERP record of the same code, and refuses a second ERP record under that code', async () => {
    const before = core.db.$client.prepare("SELECT id, name FROM warehouses WHERE code = 'LYO'").get() as { id: number; name: string };
    const count = core.db.$client.prepare('SELECT count(*) FROM warehouses').pluck().get();
    const [corePort, connectorPort] = portPair();
    core.serveConnector(corePort);
    const erp = connect(connectorPort);
    const pulledAt = '2026-11-30T10:00:00.000Z';
    await erp.call('sync.applyPage', { entity: 'warehouses', rows: [{ erpId: '1', code: 'LYO', name: 'Lyon (ERP)' }], cursor: null, pulledAt });
    expect(core.db.$client.prepare("SELECT id, erp_id AS erpId, name FROM warehouses WHERE code = 'LYO'").get()).toEqual({
      id: before.id,
      erpId: '1',
      name: 'Lyon (ERP)',
    });
    expect(core.db.$client.prepare('SELECT count(*) FROM warehouses').pluck().get()).toBe(count);
    await expect(
      erp.call('sync.applyPage', {
        entity: 'warehouses',
        rows: [
          { erpId: '7', code: 'REN', name: 'Rennes' },
          { erpId: '2', code: 'LYO', name: 'Lyon bis' },
        ],
        cursor: null,
        pulledAt,
      }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/row 1: .*already used by another record: warehouses\.code/) });
    // nothing of that page: Rennes was not linked either
    expect(core.db.$client.prepare("SELECT erp_id FROM warehouses WHERE code = 'REN'").pluck().get()).toBeNull();
  });
});
