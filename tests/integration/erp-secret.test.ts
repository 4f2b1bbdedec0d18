import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/core';
import type { Input, Method, Output } from '../../electron/shared/contract';
import { inProcessConnector, NOW, tempDir, until } from './helpers';

type Seen = { path: string; body: string; authorization: string | undefined };
/** An ERP behind a proxy that answers every request with an HTML page echoing it, password included. */
async function echoErp(): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', body, authorization: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<html><h1>Bad gateway</h1><pre>${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n${body}</pre></html>`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen, server };
}
/** An ERP that takes the request and never answers. */
async function silentErp(): Promise<{ url: string; server: Server; hits: () => number }> {
  let n = 0;
  const server = createServer(() => void n++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server, hits: () => n };
}

const SECRET = 'Tr3s-S3cret/42';
let core: Core;
let cleanup: () => void;
let env: Record<string, string | undefined>;
let persisted: string[];
const call = <M extends Method>(method: M, input: Input<M>) => core.call(method, input) as Promise<Output<M>>;
const servers: Server[] = [];
const config = (url: string, extra: Record<string, unknown> = {}) => ({
  type: 'tryton' as const,
  url,
  database: 'comptoir',
  login: 'admin',
  secretEnv: 'COMPTOIR_ERP_SECRET',
  ...extra,
});

beforeEach(() => {
  const dir = tempDir();
  env = { HOME: '/home/trader', AWS_SECRET_ACCESS_KEY: 'aws-key' };
  persisted = [];
  core = startCore({
    dbPath: join(dir.dir, 'c.sqlite'),
    demo: 'small',
    validateOutput: true,
    now: () => NOW,
    secrets: { canStore: true, env, persist: (s) => persisted.push(s) },
  });
  cleanup = () => {
    core.close();
    dir.cleanup();
  };
});
afterEach(() => {
  cleanup();
  for (const s of servers.splice(0)) s.close();
});

describe('the ERP secret goes only where it was given for', () => {
  it('does not send the stored secret to another address, database or login, and asks for it again when one changes', async () => {
    const home = await echoErp();
    const other = await echoErp();
    servers.push(home.server, other.server);
    await call('erp.saveConnection', { config: config(home.url), secret: SECRET });
    expect(persisted.at(-1)).toContain(home.url);
    const c = inProcessConnector(core);
    await until(async () => (await call('sync.status', {})).connector !== 'stopped');

    // a test to another place without typing the secret: nothing is sent there
    for (const target of [config(other.url), config(home.url, { database: 'autre' }), config(home.url, { login: 'intrus' })]) {
      const answer = await call('erp.testConnection', { config: target });
      expect(answer).toEqual({ ok: false, message: expect.stringContaining('for another address, database or login') });
    }
    expect(other.seen).toHaveLength(0);
    expect(home.seen.filter((s) => s.path.startsWith('/autre') || s.body.includes('intrus'))).toHaveLength(0);

    // saving a new address, database or login without the secret is refused and changes nothing
    const before = await call('erp.connection', {});
    for (const target of [config(other.url), config(home.url, { database: 'autre' }), config(home.url, { login: 'intrus' })])
      await expect(call('erp.saveConnection', { config: target })).rejects.toMatchObject({
        code: 'invalid_input',
        details: { issues: [{ path: 'secret' }] },
      });
    expect(await call('erp.connection', {})).toEqual(before);
    // the same target keeps it (a change of interval needs no retyping)
    expect((await call('erp.saveConnection', { config: config(home.url, { intervalMinutes: 10 }) })).secret).toBe('stored');
    // typed again for the new one: it goes there, and the old target's secret no longer applies
    expect((await call('erp.saveConnection', { config: config(other.url), secret: 'autre-secret' })).secret).toBe('stored');
    c.kill();
  });

  it('takes the secret only from a COMPTOIR_ variable and only over http(s), and warns for plain http to another machine', async () => {
    for (const secretEnv of ['HOME', 'AWS_SECRET_ACCESS_KEY', 'comptoir_x', 'COMPTOIR_'])
      await expect(call('erp.saveConnection', { config: config('http://127.0.0.1:1', { secretEnv }) })).rejects.toMatchObject({
        code: 'invalid_input',
        details: { issues: [expect.objectContaining({ path: 'config.secretEnv' })] },
      });
    for (const url of ['file:///etc/passwd', 'ftp://erp.example.com', 'javascript:alert(1)'])
      await expect(call('erp.saveConnection', { config: config(url) })).rejects.toMatchObject({
        code: 'invalid_input',
        details: { issues: [expect.objectContaining({ path: 'config.url' })] },
      });
    expect((await call('erp.connection', {})).config).toBeNull();
    env.COMPTOIR_ERP_TRYTON = 'from-env';
    const remote = await call('erp.saveConnection', { config: config('http://erp.example.com:8000', { secretEnv: 'COMPTOIR_ERP_TRYTON' }) });
    expect(remote).toMatchObject({ secret: 'env', warning: 'plain_http' });
    expect(
      (await call('erp.saveConnection', { config: config('https://erp.example.com', { secretEnv: 'COMPTOIR_ERP_TRYTON' }) })).warning,
    ).toBeNull();
    expect((await call('erp.saveConnection', { config: config('http://localhost:8000', { secretEnv: 'COMPTOIR_ERP_TRYTON' }) })).warning).toBeNull();
  });

  it('keeps the secret and the ERP’s page out of every error it stores, shows or answers', async () => {
    const erp = await echoErp();
    servers.push(erp.server);
    await call('erp.saveConnection', { config: config(erp.url), secret: SECRET });
    const c = inProcessConnector(core);
    await until(async () => (await call('sync.status', {})).runs.some((r) => r.status === 'failed'));
    // the page did echo the password: it reached the ERP side
    expect(erp.seen.some((s) => s.body.includes(SECRET))).toBe(true);
    const tested = await call('erp.testConnection', { config: config(erp.url) });
    expect(tested.ok).toBe(false);
    expect(tested.message).toMatch(/HTTP 200 with something that is not JSON \(text\/html, \d+ bytes\)/);
    const status = await call('sync.status', {});
    const everything = JSON.stringify([
      tested,
      status,
      core.db.$client.prepare('SELECT * FROM sync_runs').all(),
      core.db.$client.prepare('SELECT * FROM outbox').all(),
    ]);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('Bad gateway');
    expect(everything).not.toContain(Buffer.from(`admin:${SECRET}`).toString('base64'));
    c.kill();
  });

  it('cleans an error text the connector sends of the secret before storing it', async () => {
    await call('erp.saveConnection', { config: config('http://127.0.0.1:1'), secret: SECRET });
    const { runId } = await call('sync.runStart', { trigger: 'manual' });
    await core.call('sync.runFinish', {
      runId,
      entities: [{ entity: 'customers', pulled: 0, pages: 0, error: `login ${SECRET} refused` }],
      pushed: 0,
      error: `password=${encodeURIComponent(SECRET)}`,
    });
    const id = core.db.$client.prepare("SELECT id FROM outbox WHERE status = 'pending' ORDER BY id LIMIT 1").pluck().get() as number;
    await core.call('outbox.lease', { limit: 50, leaseSeconds: 60 });
    await core.call('outbox.fail', { id, error: `echo: {"password": "${SECRET}"}`, retryable: false });
    const stored = JSON.stringify([core.db.$client.prepare('SELECT * FROM sync_runs').all(), core.db.$client.prepare('SELECT * FROM outbox').all()]);
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain(encodeURIComponent(SECRET));
    expect(stored).toContain('login ••• refused');
  });
});

describe('connection tests', () => {
  it('runs one at a time, and stops when its caller gives up', async () => {
    const slow = await silentErp();
    servers.push(slow.server);
    await call('erp.saveConnection', { config: config(slow.url), secret: SECRET });
    const c = inProcessConnector(core);
    await until(async () => (await call('sync.status', {})).connector !== 'stopped');
    const first = call('erp.testConnection', { config: config(slow.url) });
    await until(() => slow.hits() > 0);
    await expect(call('erp.testConnection', { config: config(slow.url) })).rejects.toMatchObject({ code: 'conflict', message: /already running/ });
    await call('erp.cancelTest', {});
    await expect(first).resolves.toEqual({ ok: false, message: 'Connection test stopped' });
    // the next one may start at once
    const second = call('erp.testConnection', { config: config(slow.url) });
    await call('erp.cancelTest', {});
    await expect(second).resolves.toMatchObject({ ok: false });
    c.kill();
  });
});
