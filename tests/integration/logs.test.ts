import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/core';
import { LOG_FILES_KEPT, openLogFile, type LogFile } from '../../electron/main/log-file';
import { createLogger } from '../../electron/shared/log';
import { NOW, tempDir, until } from './helpers';

/** A secret the tests hand to every path that could log it: it must never be found in a log file or a diagnostic. */
const SECRET = 'Kn0wn-S3cret-7f3a9c';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

const lines = (dir: string) =>
  (existsSync(dir) ? readdirSync(dir) : [])
    .filter((f) => f.endsWith('.log'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const logText = (dir: string) =>
  readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');

async function logFile(level: 'debug' | 'info' = 'info', size?: string) {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const logs = await openLogFile(join(dir, 'logs'), level, size);
  return { dir, logsDir: join(dir, 'logs'), logs };
}

/** Core as the desktop app runs it: its JSON lines on its output, piped by main into the log file. */
function coreLoggingTo(logs: LogFile, dir: string, logsDir: string): Core {
  const out = new PassThrough();
  logs.pipe('core', out);
  const log = createLogger('core', (l) => out.write(`${l}\n`));
  const core = startCore({ dbPath: join(dir, 'comptoir.sqlite'), demo: 'small', now: () => NOW, reminderEveryMs: 0, log, logsDir });
  cleanups.push(() => core.close());
  return core;
}

describe('the log files', () => {
  it('keep each entry with its level and its process, and drop what is below the level set', async () => {
    const { logsDir, logs } = await logFile('info');
    const main = logs.logger('main');
    main.debug('not kept at info');
    main.info('window opened', { width: 1440 });
    main.warn('core exited', { code: 1 });
    const child = new PassThrough();
    logs.pipe('connector', child);
    child.write('{"t":"2026-12-01T10:00:00Z","level":"error","name":"connector","message":"pull failed","entity":"products"}\n');
    child.write('a plain line from a crash\n');
    await until(() => lines(logsDir).length >= 4, 5_000);
    logs.flush();
    const got = lines(logsDir).map((l) => [l.level, l.name, l.message]);
    expect(got).toEqual([
      [30, 'main', 'window opened'],
      [40, 'main', 'core exited'],
      [50, 'connector', 'pull failed'],
      [30, 'connector', 'a plain line from a crash'],
    ]);
    expect(lines(logsDir)[2]).toMatchObject({ entity: 'products' });
  });

  it('roll over by size and keep only the newest files', async () => {
    const { logsDir, logs } = await logFile('info', '1k');
    const main = logs.logger('main');
    for (let i = 0; i < 300; i++) {
      main.info(`entry ${i}`, { filler: 'x'.repeat(100) });
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    logs.flush();
    await new Promise((r) => setTimeout(r, 200));
    const files = readdirSync(logsDir).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(LOG_FILES_KEPT + 1);
    expect(logText(logsDir)).toContain('entry 299');
    expect(logText(logsDir)).not.toContain('"entry 0"');
  });

  it('never hold a secret: not a field that names one, not one inside a text, not one core or the connector were handed', async () => {
    const { dir, logsDir, logs } = await logFile('debug');
    const main = logs.logger('main');
    main.info('connection saved', { config: { url: 'https://erp.example.com', login: 'admin', password: SECRET }, apiKey: SECRET });
    main.error(`request to https://admin:${SECRET}@erp.example.com/ failed with Bearer ${SECRET}`, { header: `Authorization: Bearer ${SECRET}` });
    main.warn('retry', { query: `db=x&password=${SECRET}`, nested: { deeper: { erpSecret: SECRET, token: SECRET } } });
    const core = coreLoggingTo(logs, dir, logsDir);
    const config = { type: 'tryton' as const, url: 'http://127.0.0.1:9', database: 'demo', login: 'admin' };
    await core.call('erp.saveConnection', { config, secret: SECRET });
    await core.call('erp.testConnection', { config, secret: SECRET }).catch(() => undefined);
    await core.call('team.login', { url: 'http://127.0.0.1:9', login: 'jeanne', password: SECRET }).catch(() => undefined);
    await core.call('erp.saveConnection', { config: { ...config, url: `not a url ${SECRET}` }, secret: SECRET }).catch(() => undefined);
    await until(() => lines(logsDir).length >= 4, 5_000);
    logs.flush();
    const text = logText(logsDir);
    expect(text).toContain('connection saved');
    expect(text).toContain('[secret]');
    expect(text).not.toContain(SECRET);
  });
});

describe('« Exporter un diagnostic »', () => {
  it('writes a zip with the logs, the versions and the database statistics — no secret and no business data', async () => {
    const { dir, logsDir, logs } = await logFile('info');
    const core = coreLoggingTo(logs, dir, logsDir);
    logs.logger('main').info('started', { password: SECRET });
    await core.call('backups.create', {});
    await until(() => existsSync(logsDir) && lines(logsDir).length > 0, 5_000);
    logs.flush();
    const made = await core.call('diagnostic.export', {});
    expect(made.path.startsWith(join(dir, 'diagnostics'))).toBe(true);
    const zip = unzipSync(readFileSync(made.path));
    expect(Object.keys(zip).sort()).toEqual(made.files.sort());
    expect(made.files).toEqual(expect.arrayContaining(['versions.json', 'database.json']));
    expect(made.files.some((f) => /^logs\/comptoir\.\d+\.log$/.test(f))).toBe(true);
    const versions = JSON.parse(strFromU8(zip['versions.json']!)) as Record<string, unknown>;
    expect(versions).toMatchObject({ comptoir: '0.1.0', node: process.versions.node, generatedAt: NOW });
    const db = JSON.parse(strFromU8(zip['database.json']!)) as { rows: Record<string, number>; backups: unknown[]; schemaVersion: number };
    expect(db.rows.opportunities).toBe(200);
    expect(db.rows.customers).toBe(60);
    expect(db.backups).toHaveLength(1);
    expect(db.schemaVersion).toBeGreaterThan(20);
    // what the desk's data says is nowhere in it: the names, titles and references of its records
    const all = Object.values(zip)
      .map((b) => strFromU8(b))
      .join('\n');
    const raw = core.db.$client;
    const words = [
      ...(raw.prepare('SELECT name FROM customers LIMIT 20').pluck().all() as string[]),
      ...(raw.prepare('SELECT title FROM opportunities LIMIT 20').pluck().all() as string[]),
      ...(raw.prepare('SELECT reference FROM opportunities LIMIT 20').pluck().all() as string[]),
      ...(raw.prepare('SELECT name FROM products LIMIT 20').pluck().all() as string[]),
    ];
    expect(words.length).toBe(80);
    for (const w of words) expect(all).not.toContain(w);
    expect(all).not.toContain(SECRET);
  });
});
