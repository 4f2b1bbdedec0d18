import Database from 'better-sqlite3';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, defaultMigrationsFolder, openDatabase } from '../../db/client';
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
      'document_blobs',
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

  it('runs quick_check after an unclean exit and reports a clean close', () => {
    const path = join(dir(), 'db.sqlite');
    const a = openDatabase({ path });
    expect(a.recoveredFromUncleanExit).toBe(false);
    a.db.$client.close(); // crash: the marker stays
    expect(existsSync(`${path}.open`)).toBe(true);
    const messages: string[] = [];
    const b = openDatabase({ path, log: (m) => messages.push(m) });
    expect(b.recoveredFromUncleanExit).toBe(true);
    expect(messages.join('\n')).toMatch(/quick_check: ok/);
    closeDatabase(b.db);
    expect(existsSync(`${path}.open`)).toBe(false);
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
