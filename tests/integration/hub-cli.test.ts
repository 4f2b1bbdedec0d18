import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hubClient } from '../../electron/connector/hub-client';
import { freePort } from './fixtures/postgres';
import { newId } from './fixtures/hub';

const dir = mkdtempSync(join(tmpdir(), 'comptoir-hub-local-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/hub/local.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => /one-time password \S+|with your login/.test(out) && resolve(out));
    child.on('exit', (code) => reject(new Error(`hub:local exited with ${code}: ${err}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, ready, exited };
}

describe('npm run hub:local', () => {
  it('makes a PostgreSQL of its own, the hub database and a first admin whose one-time password logs in; Ctrl+C stops both', async () => {
    const port = await freePort();
    const first = start(['--dir', dir, '--port', String(port)]);
    const out = await first.ready;
    expect(out).toContain(`Comptoir hub is ready: http://127.0.0.1:${port}`);
    const password = /one-time password (\S+)/.exec(out)![1]!;
    const session = await hubClient(`http://127.0.0.1:${port}`).call('hub.login', { login: 'admin', password, desk: { id: newId(), name: 'test' } });
    expect(session.user.roles).toContain('admin');
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dir, 'data', 'postmaster.pid'))).toBe(false);

    // started again on the same folder: same data, no second admin
    const second = start(['--dir', dir, '--port', String(port)]);
    expect(await second.ready).toContain('with your login');
    const again = await hubClient(`http://127.0.0.1:${port}`).call('hub.login', { login: 'admin', password, desk: { id: newId(), name: 'test' } });
    expect(again.user.login).toBe('admin');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });
});
