import { expect, test as base, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testClock } from '../clock';

type Host = { url: string; dbPath: string; now: string };

/** Starts the real web host (its CLI, as a user would) on a fresh database with the small demo company, its clock at `now`. */
/** `keep`: the database stays when the host stops (started again on it, as after a restart). */
export async function startHost(now: string, o: { dbPath?: string; keep?: boolean } = {}): Promise<{ host: Host; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-e2e-'));
  const dbPath = o.dbPath ?? join(dir, 'comptoir.sqlite');
  const child: ChildProcess = spawn(
    join('node_modules', '.bin', 'tsx'),
    ['electron/web-host/main.ts', '--port', '0', '--demo', 'small', '--db', dbPath, '--now', now],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/[\w-]+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)));
  });
  return {
    host: { url, dbPath, now },
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      if (!o.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Gathers the page's console errors and uncaught errors into `errors` (a test ends by expecting none). */
export function collectErrors(page: Page, errors: string[]) {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
}

/**
 * A fresh host and database for every test: no test sees what another one changed. The host, its
 * connector and the page share one clock (the test clock's instant, running on). Any console error
 * or page error fails the test.
 */
export const test = base.extend<{ host: Host; errors: string[] }>({
  errors: async ({}, use) => {
    await use([]);
  },
  host: async ({}, use) => {
    const { host, stop } = await startHost(testClock().now());
    await use(host);
    await stop();
  },
  page: async ({ page, host, errors }, use) => {
    await page.clock.install({ time: new Date(host.now) });
    await page.clock.resume();
    collectErrors(page, errors);
    await use(page);
    expect(errors, 'console and page errors').toEqual([]);
  },
});

export { expect };
