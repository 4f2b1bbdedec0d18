import { expect, test } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { collectErrors } from './web-host-fixture';

/**
 * The README's start command as a newcomer runs it: a checkout holding only the project's files
 * (what git tracks, no build output, no database), `npm start`, then the printed address in a
 * browser shows the demo company's opportunities. (node_modules is linked: `npm ci` is CI's step.)
 */
test('npm start on a clean checkout serves the app with the demo company', async ({ page }) => {
  test.setTimeout(180_000);
  const root = resolve(import.meta.dirname, '..', '..');
  const work = mkdtempSync(join(tmpdir(), 'comptoir-checkout-'));
  const checkout = join(work, 'comptoir');
  const userData = join(work, 'user-data');
  const files = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
  expect(files.status).toBe(0);
  for (const f of files.stdout.split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(checkout, f)), { recursive: true });
    cpSync(join(root, f), join(checkout, f), { errorOnExist: false, force: true, recursive: false });
  }
  symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'));

  const child = spawn('npm', ['start'], { cwd: checkout, env: { ...process.env, COMPTOIR_USER_DATA: userData }, detached: true });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address printed in 150 s:\n${out}`)), 150_000);
      child.stdout.on('data', () => {
        const m = /http:\/\/127\.0\.0\.1:\d+\/[\w-]+\//.exec(out);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[0]);
        }
      });
      child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
    });
    expect(out).toContain(join(userData, 'comptoir.sqlite'));

    const errors: string[] = [];
    collectErrors(page, errors);
    await page.goto(url);
    const rows = page.getByTestId('opportunities-grid').locator('.ag-row:not(.ag-row-pinned)');
    // more than a screenful's first block: the grid has loaded rows, not a placeholder
    await expect(rows.nth(10)).toBeVisible();
    await expect(rows.first().locator('[col-id="reference"]')).toHaveText(/^OPP-\d{4}-\d{6}$/);
    expect(errors).toEqual([]);
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
    rmSync(work, { recursive: true, force: true });
  }
});
