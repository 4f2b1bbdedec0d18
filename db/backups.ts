import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../electron/shared/errors';

/**
 * The desk's backups (DESIGN.md §6, §10): copies of the database file in `backups/` beside it,
 * daily, before migrations and before a restore; the newest 14 kept. A restore is staged beside
 * the file and swapped in when core next opens it; a file found damaged at open is replaced by
 * the newest backup that passes `integrity_check`.
 */
export type BackupKind = 'daily' | 'before-migration' | 'before-restore' | 'manual';
export type BackupFile = { name: string; kind: BackupKind; at: string; bytes: number };
/** What the last swap put in place of the database file, kept until the user has read it. */
export type RestoreNotice = { reason: 'restore' | 'damaged'; from: string; backupAt: string | null; at: string; damage: string[] };

export const KEEP_BACKUPS = 14;

const NAME = /^(daily|before-migration|before-restore|manual)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.sqlite$/;

export const backupFolder = (dbPath: string) => join(dirname(dbPath), 'backups');
const stagedOf = (dbPath: string) => `${dbPath}.restore`;
const noticeOf = (dbPath: string) => join(backupFolder(dbPath), 'restored.json');
const flagOf = (dbPath: string) => join(backupFolder(dbPath), 'damage-found.json');

/** An instant as it can stand in a file name on every OS: `2026-12-02T14-10-00-000Z`. */
export function fileStamp(at: string): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

export function backupName(kind: BackupKind, at: string): string {
  return `${kind}-${fileStamp(at)}.sqlite`;
}

/** The instant a backup's name says it was made (null: not one of ours). */
function atOf(name: string): string | null {
  const m = NAME.exec(name);
  return m ? `${m[2]}T${m[3]}:${m[4]}:${m[5]}.${m[6]}Z` : null;
}

/** The backups in a folder, newest first (files of other names are not ours and left alone). */
export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  const out: BackupFile[] = [];
  for (const name of readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m) continue;
    out.push({ name, kind: m[1] as BackupKind, at: atOf(name)!, bytes: statSync(join(dir, name)).size });
  }
  return out.sort((a, b) => (a.at === b.at ? b.name.localeCompare(a.name) : b.at.localeCompare(a.at)));
}

/** Deletes all but the newest `keep` backups; returns the names deleted. */
export function pruneBackups(dir: string, keep = KEEP_BACKUPS): string[] {
  const gone = listBackups(dir).slice(keep);
  for (const b of gone) rmSync(join(dir, b.name), { force: true });
  return gone.map((b) => b.name);
}

/** A new file appears whole or not at all: written under a temporary name, then renamed. */
function landed(dir: string, kind: BackupKind, at: string, write: (tmp: string) => Promise<unknown>): Promise<BackupFile>;
function landed(dir: string, kind: BackupKind, at: string, write: (tmp: string) => void): BackupFile;
function landed(dir: string, kind: BackupKind, at: string, write: (tmp: string) => unknown): BackupFile | Promise<BackupFile> {
  mkdirSync(dir, { recursive: true });
  const name = backupName(kind, at);
  const tmp = join(dir, `${name}.partial`);
  rmSync(tmp, { force: true });
  const finish = () => {
    renameSync(tmp, join(dir, name));
    pruneBackups(dir);
    return { name, kind, at: new Date(at).toISOString(), bytes: statSync(join(dir, name)).size };
  };
  const fail = (err: unknown): never => {
    rmSync(tmp, { force: true });
    throw new AppError('unavailable', `Cannot write the backup ${name}: ${(err as Error).message}`, { reason: 'backupFailed' });
  };
  try {
    const r = write(tmp);
    if (r instanceof Promise) return r.then(finish, fail);
    return finish();
  } catch (err) {
    return fail(err);
  }
}

/** A consistent, compact copy now (VACUUM INTO): blocks its connection while it runs (before migrations, before a restore). */
export function writeBackup(raw: Database.Database, dir: string, kind: BackupKind, at: string): BackupFile {
  return landed(dir, kind, at, (tmp) => raw.prepare('VACUUM INTO ?').run(tmp));
}

/** The same through SQLite's online backup, a few pages at a time, so core keeps answering meanwhile (the daily one). */
export function writeBackupOnline(raw: Database.Database, dir: string, kind: BackupKind, at: string): Promise<BackupFile> {
  return landed(dir, kind, at, (tmp) => raw.backup(tmp));
}

/** `integrity_check` of a file opened read-only: null when sound, else what SQLite reports. */
export function checkFile(path: string, nativeBinding?: string): string[] | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const rows = (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (rows.length !== 1 || rows[0] !== 'ok') return rows;
    const ours = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    return ours ? null : ['not a Comptoir database'];
  } catch (err) {
    return [(err as Error).message];
  } finally {
    db?.close();
  }
}

/** The backup named, checked sound, copied beside the database; core swaps it in at its next open. */
export function stageRestore(dbPath: string, name: string, nativeBinding?: string): BackupFile {
  const dir = backupFolder(dbPath);
  const backup = listBackups(dir).find((b) => b.name === name);
  if (!backup) throw new AppError('not_found', `No backup named ${name}`, { reason: 'unknownBackup', name });
  const damage = checkFile(join(dir, name), nativeBinding);
  if (damage)
    throw new AppError('invalid_input', `The backup ${name} is damaged (${damage.join('; ')}): choose another one`, {
      reason: 'backupDamaged',
      name,
    });
  const tmp = `${stagedOf(dbPath)}.partial`;
  copyFileSync(join(dir, name), tmp);
  renameSync(tmp, stagedOf(dbPath));
  writeFileSync(`${stagedOf(dbPath)}.json`, JSON.stringify({ from: name }));
  return backup;
}

/** A staged restore taken back (the safety backup could not be written). */
export function unstageRestore(dbPath: string): void {
  rmSync(stagedOf(dbPath), { force: true });
  rmSync(`${stagedOf(dbPath)}.json`, { force: true });
}

/** The database file and its WAL and shared-memory files (stale beside another main file). */
function removeDatabaseFiles(dbPath: string) {
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
}

/** Before opening: a staged restore takes the database's place (its backup was written when it was staged). */
export function applyStagedRestore(dbPath: string, at: string): RestoreNotice | null {
  const staged = stagedOf(dbPath);
  if (!existsSync(staged)) return null;
  let from = 'backup';
  try {
    const named = (JSON.parse(readFileSync(`${staged}.json`, 'utf8')) as { from?: unknown }).from;
    if (typeof named === 'string') from = named;
  } catch {
    // the name is only for the user's notice
  }
  removeDatabaseFiles(dbPath);
  renameSync(staged, dbPath);
  rmSync(`${staged}.json`, { force: true });
  return keepNotice(dbPath, { reason: 'restore', from, backupAt: atOf(from), at, damage: [] });
}

/**
 * A damaged database: set aside as `backups/damaged-<stamp>.sqlite` (only the newest such file kept)
 * and replaced by the newest backup that passes `integrity_check`; null when none does (the file is left as it was).
 */
export function recoverFromBackup(dbPath: string, damage: string[], at: string, nativeBinding?: string): RestoreNotice | null {
  const dir = backupFolder(dbPath);
  const good = listBackups(dir).find((b) => checkFile(join(dir, b.name), nativeBinding) === null);
  if (!good) return null;
  for (const old of readdirSync(dir).filter((f) => f.startsWith('damaged-'))) rmSync(join(dir, old), { force: true });
  const aside = join(dir, `damaged-${fileStamp(at)}.sqlite`);
  copyFileSync(dbPath, aside);
  removeDatabaseFiles(dbPath);
  const tmp = `${dbPath}.recovering`;
  copyFileSync(join(dir, good.name), tmp);
  renameSync(tmp, dbPath);
  rmSync(flagOf(dbPath), { force: true });
  return keepNotice(dbPath, { reason: 'damaged', from: good.name, backupAt: good.at, at, damage: damage.slice(0, 5) });
}

function keepNotice(dbPath: string, notice: RestoreNotice): RestoreNotice {
  mkdirSync(backupFolder(dbPath), { recursive: true });
  writeFileSync(noticeOf(dbPath), JSON.stringify(notice));
  return notice;
}

/** The last swap, until the user has read it. */
export function readNotice(dbPath: string): RestoreNotice | null {
  try {
    return JSON.parse(readFileSync(noticeOf(dbPath), 'utf8')) as RestoreNotice;
  } catch {
    return null;
  }
}

export function dismissNotice(dbPath: string): void {
  rmSync(noticeOf(dbPath), { force: true });
}

/** What an idle check found wrong, until the next open replaces the file. */
export function flagDamage(dbPath: string, damage: string[]): void {
  mkdirSync(backupFolder(dbPath), { recursive: true });
  writeFileSync(flagOf(dbPath), JSON.stringify(damage.slice(0, 20)));
}

/** At open: the damage an idle check found (quick_check may miss it); kept until a backup has replaced the file. */
export function readDamageFlag(dbPath: string): string[] | null {
  try {
    const damage = JSON.parse(readFileSync(flagOf(dbPath), 'utf8')) as unknown;
    return Array.isArray(damage) && damage.length > 0 ? damage.map(String) : null;
  } catch {
    return null;
  }
}

/** The same `integrity_check` in a worker thread on its own read-only connection: the writer keeps working meanwhile. */
export function checkFileAside(path: string, nativeBinding?: string): Promise<string[] | null> {
  const code = `const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db = null;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  const rows = db.pragma('integrity_check(20)').map((r) => r.integrity_check);
  parentPort.postMessage(rows.length === 1 && rows[0] === 'ok' ? null : rows);
} catch (e) {
  parentPort.postMessage([String(e && e.message)]);
} finally {
  if (db) db.close();
}`;
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { module, path, nativeBinding } });
    w.once('message', (m: string[] | null) => resolve(m));
    w.once('error', reject);
    w.once('exit', (c) => c !== 0 && reject(new Error(`integrity check worker exited with ${c}`)));
  });
}
