import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOdooFixture, type OdooFixture } from './fixtures/odoo-fixture';
import { tempDir } from './helpers';

let odoo: OdooFixture;
let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  odoo = await startOdooFixture(18, {
    'stock.warehouse': [{ id: 1, code: 'LYO', name: 'Lyon', active: true, write_date: '2026-11-01 08:00:00' }],
    'product.category': [{ id: 3, name: 'Ciments', parent_id: false, write_date: '2026-11-01 08:00:00' }],
    'product.product': [
      {
        id: 42,
        default_code: 'CIM-01',
        name: 'Ciment',
        categ_id: [3, 'Ciments'],
        uom_id: [1, 'Units'],
        list_price: 7.85,
        standard_price: 5.1,
        active: true,
        is_storable: true,
        write_date: '2026-11-03 10:00:00',
      },
    ],
    'res.partner': [{ id: 90, ref: 'F0001', name: 'Lafarge', city: 'Lyon', supplier_rank: 2, active: true, write_date: '2026-11-01 08:00:00' }],
  });
});
afterAll(async () => {
  await odoo.close();
  cleanup();
});

/** The headless command, as an administrator runs it (async: the stand-in ERP answers from this process). */
function sync(config: object, env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const file = join(dir, 'erp.json');
  writeFileSync(file, JSON.stringify(config));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sync.ts', '--once', '--config', file, '--db', join(dir, 'local.sqlite')], {
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

describe('npm run sync -- --once', () => {
  const config = () => ({ type: 'odoo-jsonrpc', url: odoo.url, database: 'acme', login: 'bot', secretEnv: 'COMPTOIR_ERP_SECRET', version: 18 });

  it('runs one cycle and prints what it pulled per entity; exits 1 when an entity failed', async () => {
    const r = await sync(config(), { COMPTOIR_ERP_SECRET: 'test-api-key' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/warehouses\s+1 pulled in 1 page/);
    expect(r.stdout).toMatch(/products\s+1 pulled/);
    expect(r.stdout).toMatch(/suppliers\s+1 pulled/);
    expect(r.stdout).toMatch(/outbox\s+0 pushed/);
    expect(r.stdout).not.toMatch(/FAILED/);
    expect(r.status).toBe(0);
    // a supplier without a name: that entity fails, reported by name and field, the others go on
    odoo.models['res.partner']!.push({
      id: 91,
      ref: 'F-BAD',
      name: false,
      city: false,
      supplier_rank: 1,
      active: true,
      write_date: '2026-11-05 10:00:00',
    });
    const bad = await sync(config(), { COMPTOIR_ERP_SECRET: 'test-api-key' });
    expect(bad.stdout).toMatch(/suppliers .*FAILED: Odoo res.partner row 1: name/);
    expect(bad.stdout).toMatch(/products\s+\d+ pulled/);
    expect(bad.status).toBe(1);
  });

  it('refuses a bad config, a missing secret and wrong credentials with a clear message', async () => {
    expect(await sync({ ...config(), url: 'not a url' }, { COMPTOIR_ERP_SECRET: 'x' })).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/url: the ERP address must be an http\(s\) URL/),
    });
    expect(await sync(config(), { COMPTOIR_ERP_SECRET: '' })).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/\$COMPTOIR_ERP_SECRET, which is not set/),
    });
    const wrong = await sync(config(), { COMPTOIR_ERP_SECRET: 'wrong' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/Odoo refused the login bot on database acme/);
    // the secret never appears in what the command prints
    expect(wrong.stdout + wrong.stderr).not.toContain('wrong');
  }, 30_000);
});
