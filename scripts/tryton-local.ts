/** A local Tryton 6.0 (Debian's trytond) on a SQLite file: config, database activation, server process. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The modules of DESIGN.md §8, with what they depend on. */
export const TRYTON_MODULES = [
  'sale_opportunity',
  'sale',
  'stock',
  'purchase',
  'purchase_request',
  'stock_supply',
  'sale_credit_limit',
  'product_cost_warehouse',
];

export type LocalTryton = { url: string; conf: string; database: string; created: boolean };

/** Writes the config and, when the database file is new or empty, creates it with the modules activated (about 30 s). */
/** `env` is added to trytond's environment (a test gives it its clock). */
export async function prepareTryton(
  dir: string,
  port: number,
  password: string,
  database = 'comptoir',
  env: Record<string, string> = {},
): Promise<LocalTryton> {
  mkdirSync(dir, { recursive: true });
  const conf = join(dir, 'trytond.conf');
  writeFileSync(conf, `[database]\nuri = sqlite://\npath = ${dir}\n[web]\nlisten = 127.0.0.1:${port}\n`);
  const file = join(dir, `${database}.sqlite`);
  const created = !existsSync(file) || statSync(file).size === 0;
  if (created) {
    writeFileSync(file, '');
    const passFile = join(dir, '.admin-password');
    writeFileSync(passFile, password, { mode: 0o600 });
    await promisify(execFile)(
      'trytond-admin',
      ['-c', conf, '-d', database, '--all', '-u', ...TRYTON_MODULES, '--activate-dependencies', '--email', 'admin@example.com'],
      {
        env: { ...process.env, ...env, TRYTONPASSFILE: passFile },
        timeout: 600_000,
      },
    );
  }
  return { url: `http://127.0.0.1:${port}`, conf, database, created };
}

/** Starts trytond and resolves once it answers on its port. */
export async function runTrytond(t: LocalTryton, stdio: 'ignore' | 'inherit' = 'ignore', env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn('trytond', ['-c', t.conf], { stdio, env: { ...process.env, ...env } });
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`trytond exited with ${child.exitCode}`);
    const up = await fetch(`${t.url}/`).then(
      () => true,
      () => false,
    );
    if (up) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`trytond did not answer on ${t.url}`);
}
