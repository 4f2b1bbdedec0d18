import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Host = { url: string; dbPath: string };

/** Starts the real web host (its CLI, as a user would) on a fresh database with the small demo company. */
async function startHost(): Promise<{ host: Host; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-e2e-'));
  const dbPath = join(dir, 'comptoir.sqlite');
  const child: ChildProcess = spawn(
    join('node_modules', '.bin', 'tsx'),
    ['electron/web-host/main.ts', '--port', '0', '--demo', 'small', '--db', dbPath],
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
    host: { url, dbPath },
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh host and database for every test: no test sees what another one changed. */
export const test = base.extend<{ host: Host }>({
  host: async ({}, use) => {
    const { host, stop } = await startHost();
    await use(host);
    await stop();
  },
});

export { expect } from '@playwright/test';
