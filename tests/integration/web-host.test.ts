import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { tempDir } from './helpers';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const entry = join(process.cwd(), 'electron', 'web-host', 'main.ts');

function startHost(args: string[]): { child: ChildProcess; url: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(tsx, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/[\w-]+\//.exec(stdout);
      if (m) resolve(m[0]);
    });
    child.on('exit', () => reject(new Error(`host exited: ${stderr}`)));
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  url.catch(() => undefined);
  return { child, url, exit };
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function rpc(wsUrl: string, message: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl);
    ws.on('open', () => ws.send(JSON.stringify(message)));
    ws.on('message', (d: Buffer) => {
      resolve(JSON.parse(d.toString()));
      ws.close();
    });
    ws.on('error', reject);
  });
}

describe('web host', () => {
  const t = tempDir();
  const renderer = join(t.dir, 'renderer');
  const dbPath = join(t.dir, 'db', 'comptoir.sqlite');
  let host: ReturnType<typeof startHost>;
  let url: string;

  beforeAll(async () => {
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Comptoir</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    host = startHost(['--port', '0', '--demo', 'small', '--db', dbPath, '--renderer', renderer]);
    url = await host.url;
  }, 60_000);
  afterAll(() => {
    host.child.kill('SIGKILL');
    t.cleanup();
  });

  it('binds 127.0.0.1 and serves the app only under its random token', async () => {
    const u = new URL(url);
    expect(u.hostname).toBe('127.0.0.1');
    expect(u.pathname).toMatch(/^\/[\w-]{20,}\/$/);
    const ok = await get(url);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<title>Comptoir</title>');
    expect(String(ok.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(ok.headers['referrer-policy']).toBe('no-referrer');
    expect((await get(`${url}assets/app.js`)).status).toBe(200);
    expect((await get(`${url}missing.js`)).status).toBe(404);
  });

  it('answers 400 to a malformed path and keeps serving (it used to die on a URIError)', async () => {
    expect((await get(`${url}%E0%A4%A`)).status).toBe(400);
    expect((await get(`${url}assets/%ZZ.js`)).status).toBe(400);
    expect((await get(`${url}..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await get(url)).status).toBe(200);
  });

  it('refuses every request without the right token with 401', async () => {
    const base = new URL(url).origin;
    expect((await get(`${base}/`)).status).toBe(401);
    expect((await get(`${base}/index.html`)).status).toBe(401);
    expect((await get(`${base}/not-the-token/`)).status).toBe(401);
    expect((await get(`${base}/not-the-token/assets/app.js`)).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get(url, { Host: 'evil.example:80' })).status).toBe(401);
  });

  it('carries the contract over a WebSocket under the token, and nowhere else', async () => {
    const wsUrl = url.replace('http:', 'ws:') + 'rpc';
    const answer = (await rpc(wsUrl, { id: 1, method: 'app.health', input: {} })) as { ok: boolean; value: { counts: { opportunities: number } } };
    expect(answer.ok).toBe(true);
    expect(answer.value.counts.opportunities).toBe(200);
    const bad = (await rpc(wsUrl, { id: 2, method: 'opportunity.get', input: { id: 'x' } })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(bad.error.message).toContain('id');
    const base = new URL(url).origin.replace('http:', 'ws:');
    await expect(rpc(`${base}/wrong-token/rpc`, {})).rejects.toThrow(/401/);
    await expect(
      new Promise((resolve, reject) => {
        const ws = new WebSocket(wsUrl, { origin: 'https://evil.example' });
        ws.on('open', resolve);
        ws.on('error', reject);
      }),
    ).rejects.toThrow(/403/);
  });

  it('ignores a frame that is not JSON and keeps serving the connection', async () => {
    const ws = new WebSocket(url.replace('http:', 'ws:') + 'rpc');
    await new Promise((r) => ws.on('open', r));
    const answer = new Promise<unknown>((r) => ws.once('message', (d: Buffer) => r(JSON.parse(d.toString()))));
    ws.send('{not json');
    ws.send(JSON.stringify({ id: 9, method: 'stages.list', input: {} }));
    expect(await answer).toMatchObject({ id: 9, ok: true });
    ws.close();
  });

  it('takes a document over its WebSocket and serves it back by its hash only: PDFs shown, other files downloaded, never as a page of the app', async () => {
    const ws = new WebSocket(url.replace('http:', 'ws:') + 'rpc');
    await new Promise((r) => ws.on('open', r));
    const call = (id: number, method: string, input: unknown) =>
      new Promise<{ ok: boolean; value: { hash: string } }>((resolve) => {
        const on = (d: Buffer) => {
          const m = JSON.parse(d.toString()) as { id?: number; ok: boolean; value: { hash: string } };
          if (m.id !== id) return;
          ws.off('message', on);
          resolve(m);
        };
        ws.on('message', on);
        ws.send(JSON.stringify({ id, method, input }));
      });
    const pdf = readFileSync(join(__dirname, 'fixtures', 'fiche-technique.pdf'));
    const shown = await call(1, 'documents.attach', { opportunityId: 1, name: 'fiche.pdf', content: pdf.toString('base64') });
    expect(shown.ok).toBe(true);
    const served = await get(`${url}documents/${shown.value.hash}`);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['content-disposition']).toBe("inline; filename*=UTF-8''fiche.pdf");
    expect(served.body).toBe(pdf.toString());
    const csv = await call(2, 'documents.attach', { opportunityId: 1, name: 'prix été.csv', content: Buffer.from('code;prix\n').toString('base64') });
    const downloaded = await get(`${url}documents/${csv.value.hash}`);
    expect(downloaded.headers['content-disposition']).toBe("attachment; filename*=UTF-8''prix%20%C3%A9t%C3%A9.csv");
    expect(String(downloaded.headers['content-security-policy'])).toContain('sandbox');
    expect((await get(`${url}documents/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await get(`${url}documents/..%2f..%2fcomptoir.sqlite`)).status).toBe(404);
    ws.close();
  });

  it('closes a connection that sends an oversized message, and answers nothing to it', async () => {
    const ws = new WebSocket(url.replace('http:', 'ws:') + 'rpc');
    await new Promise((r) => ws.on('open', r));
    const answers: unknown[] = [];
    ws.on('message', (d: Buffer) => answers.push(d.toString()));
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.send(JSON.stringify({ id: 1, method: 'customers.search', input: { query: 'x'.repeat(41 * 1024 * 1024) } }));
    expect(await closed).toBe(1009); // message too big
    expect(answers).toEqual([]);
  });

  it('refuses a second host on the same database file, naming the first; the first keeps its marker and goes on', async () => {
    const second = startHost(['--port', '0', '--db', dbPath, '--renderer', renderer]);
    const { code, stderr } = await second.exit;
    expect(code).toBe(1);
    expect(stderr).toMatch(/comptoir: The database at .*comptoir\.sqlite is already open in another Comptoir \(web host \d+ on /);
    expect(existsSync(`${dbPath}.open`)).toBe(true);
    expect((await get(url)).status).toBe(200);
  });

  it('stops cleanly on SIGTERM and leaves the database closed', async () => {
    host.child.kill('SIGTERM');
    const { code } = await host.exit;
    expect(code).toBe(0);
    expect(existsSync(`${dbPath}.open`)).toBe(false);
    expect(existsSync(`${dbPath}.lock`)).toBe(false);
  });
});

describe('web host failures', () => {
  it('ends with a clear message and a non-zero exit when the database path cannot be written', async () => {
    const t = tempDir();
    const blocker = join(t.dir, 'file');
    writeFileSync(blocker, '');
    writeFileSync(join(t.dir, 'index.html'), '');
    const { exit } = startHost(['--port', '0', '--db', join(blocker, 'db.sqlite'), '--renderer', t.dir]);
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expect(stderr).toMatch(/comptoir: Cannot create the database folder .*file/);
    t.cleanup();
  });

  it('rejects unknown options with the list of valid ones', async () => {
    const { exit } = startHost(['--listen', '0.0.0.0']);
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expect(stderr).toContain('unknown option --listen');
  });
});
