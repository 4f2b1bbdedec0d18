import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, defaultMigrationsFolder, openDatabase } from '../../db/client';
import { keyedUid } from '../../electron/shared/team/keyed-uid';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateTo } from 'drizzle-orm/better-sqlite3/migrator';
import { tempDir } from './helpers';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});
function dir() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Another process that opens the file and holds it until it is killed. */
async function hold(path: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/fixtures/hold-db.ts', path], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('holding') && resolve());
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
  });
  return child;
}

describe('database client', () => {
  it('creates every table of the data model from empty, with the pragmas of DESIGN §6', () => {
    const path = join(dir(), 'new.sqlite');
    const { db, appliedMigrations, backupPath } = openDatabase({ path });
    expect(appliedMigrations).toBeGreaterThan(0);
    expect(backupPath).toBeNull();
    const tables = (db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of [
      'warehouses',
      'product_categories',
      'products',
      'product_costs',
      'supplier_prices',
      'stock_levels',
      'incoming_receipts',
      'customers',
      'sales_history',
      'stages',
      'opportunities',
      'opportunity_lines',
      'stage_history',
      'reservations',
      'shortages',
      'approvals',
      'activities',
      'timeline_entries',
      'documents',
      'activity_reminders',
      'rules',
      'settings',
      'sync_cursors',
      'outbox',
      'sync_runs',
      'sync_conflicts',
      'audit_log',
      'users',
    ]) {
      expect(tables).toContain(t);
    }
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
    closeDatabase(db);
  });

  it('backs up an existing database with VACUUM INTO before applying a pending migration', () => {
    const d = dir();
    const path = join(d, 'db.sqlite');
    const first = openDatabase({ path });
    first.db.$client.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '\"v\"', 'now')").run();
    closeDatabase(first.db);
    // a newer app version ships one more migration
    const migrations = join(d, 'migrations');
    cpSync(defaultMigrationsFolder, migrations, { recursive: true });
    const journalPath = join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
      entries: { idx: number; when: number; tag: string; breakpoints: boolean; version: string }[];
    };
    const last = journal.entries[journal.entries.length - 1]!;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_test' });
    writeFileSync(journalPath, JSON.stringify(journal));
    writeFileSync(join(migrations, '9999_test.sql'), 'ALTER TABLE settings ADD `note` text;');
    const second = openDatabase({ path, migrationsFolder: migrations });
    expect(second.appliedMigrations).toBe(1);
    expect(second.backupPath).not.toBeNull();
    const backup = new Database(second.backupPath!, { readonly: true });
    expect(backup.prepare('SELECT value FROM settings WHERE key = ?').get('k')).toEqual({ value: '"v"' });
    expect(backup.prepare("SELECT count(*) AS n FROM pragma_table_info('settings') WHERE name = 'note'").get()).toEqual({ n: 0 });
    backup.close();
    expect(second.db.$client.prepare("SELECT count(*) AS n FROM pragma_table_info('settings') WHERE name = 'note'").get()).toEqual({ n: 1 });
    closeDatabase(second.db);
    // opening again: nothing pending, no new backup
    const third = openDatabase({ path, migrationsFolder: migrations });
    expect(third.appliedMigrations).toBe(0);
    expect(third.backupPath).toBeNull();
    expect(readdirSync(join(d, 'backups'))).toHaveLength(1);
    closeDatabase(third.db);
  });

  it('moves the credit holds of a database from before the team onto their team rows, each with the uid every desk makes for that customer', () => {
    const d = dir();
    const path = join(d, 'db.sqlite');
    // the app as it was at migration 0010
    const older = join(d, 'migrations');
    cpSync(defaultMigrationsFolder, older, { recursive: true });
    const journalPath = join(older, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0011');
    writeFileSync(journalPath, JSON.stringify(journal));
    // its schema only (today's code installs capture for today's tables)
    const first = new Database(path);
    migrateTo(drizzle(first), { migrationsFolder: older });
    const add = first.prepare(
      "INSERT INTO customers (code, name, erp_id, credit_hold, hold_reason, hold_at, search_text, pulled_at) VALUES (?, ?, ?, ?, ?, ?, '', 'now')",
    );
    add.run('C1', 'Tenu', '501', 1, 'impayés', '2026-11-02T09:00:00.000Z');
    add.run('C2', 'Libre', '502', 0, '', null);
    first.close();

    const now = openDatabase({ path });
    const raw = now.db.$client;
    expect(
      raw.prepare('SELECT c.code, h.hold, h.reason, h.decided_at AS at, h.uid FROM credit_holds h JOIN customers c ON c.id = h.customer_id').all(),
    ).toEqual([{ code: 'C1', hold: 1, reason: 'impayés', at: '2026-11-02T09:00:00.000Z', uid: keyedUid('credit_holds', '501') }]);
    // the team row is what the customer shows: lifted there, lifted here
    raw.prepare('UPDATE credit_holds SET hold = 0, reason = ? WHERE uid = ?').run('', keyedUid('credit_holds', '501'));
    expect(raw.prepare("SELECT credit_hold, hold_reason FROM customers WHERE code = 'C1'").get()).toEqual({ credit_hold: 0, hold_reason: '' });
    closeDatabase(now.db);
  });

  it('runs quick_check after an unclean exit and reports a clean close', async () => {
    const path = join(dir(), 'db.sqlite');
    closeDatabase(openDatabase({ path }).db);
    const holder = await hold(path);
    holder.kill('SIGKILL'); // a crash: the marker and the lock stay
    await new Promise((r) => holder.once('exit', r));
    expect(existsSync(`${path}.open`)).toBe(true);
    const messages: string[] = [];
    const b = openDatabase({ path, log: (m) => messages.push(m) });
    expect(b.recoveredFromUncleanExit).toBe(true);
    expect(messages.join('\n')).toMatch(/quick_check: ok/);
    closeDatabase(b.db);
    expect(existsSync(`${path}.open`)).toBe(false);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('lets one process own a file: a second one is refused with who holds it, and leaves the owner’s marker alone', async () => {
    const path = join(dir(), 'db.sqlite');
    const holder = await hold(path);
    try {
      let refusal: unknown;
      try {
        openDatabase({ path, owner: 'second web host' });
      } catch (err) {
        refusal = err;
      }
      expect(refusal).toMatchObject({ code: 'conflict', details: { owner: { pid: holder.pid, what: 'test holder' } } });
      expect(String((refusal as Error).message)).toMatch(new RegExp(`already open in another Comptoir \\(test holder ${holder.pid} on `));
      // the refused one wrote nothing: the owner's marker and lock are still there, still its own
      expect(readFileSync(`${path}.open`, 'utf8')).toBe(String(holder.pid));
      expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8'))).toMatchObject({ pid: holder.pid });
      // in this process too: a second open of a file it already holds is refused
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    const mine = openDatabase({ path });
    expect(() => openDatabase({ path })).toThrow(/already open in another Comptoir/);
    closeDatabase(mine.db);
    closeDatabase(openDatabase({ path }).db);
  });

  it('finds a file damaged after a clean exit at the next start', () => {
    const path = join(dir(), 'db.sqlite');
    const first = openDatabase({ path });
    first.db.$client.prepare('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)').run();
    const insert = first.db.$client.prepare('INSERT INTO filler (body) VALUES (?)');
    for (let i = 0; i < 2_000; i++) insert.run('x'.repeat(200));
    closeDatabase(first.db);
    // a disk fault after the clean close: one page in the middle overwritten
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    // in the filler table, written last: its pages are at the end of the file
    const page = Math.floor((bytes.length / pageSize) * 0.9);
    bytes.fill(0xa5, page * pageSize, (page + 1) * pageSize);
    writeFileSync(path, bytes);
    expect(() => openDatabase({ path })).toThrow(/is damaged \(quick_check: [\s\S]+\) and no backup is sound/);
    // refused cleanly: no lock left behind
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('refuses a damaged database with a clear message', () => {
    const path = join(dir(), 'db.sqlite');
    writeFileSync(path, 'this is not a database at all, just text');
    expect(() => openDatabase({ path })).toThrow(/Cannot open the database at .*db\.sqlite|damaged/);
  });

  it('says so when the folder cannot be created', () => {
    // a file where the folder should be: fails for root too
    const blocker = join(dir(), 'blocker');
    writeFileSync(blocker, '');
    expect(() => openDatabase({ path: join(blocker, 'db.sqlite') })).toThrow(/Cannot create the database folder .*blocker/);
  });
});
