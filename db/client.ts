import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../electron/shared/errors';
import { foldForSearch } from '../electron/shared/text';
import { acquireLock } from './lock';
import { applyStagedRestore, backupFolder, recoverFromBackup, readDamageFlag, writeBackup, type RestoreNotice } from './backups';
import { installCapture } from './team-capture';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export type OpenOptions = {
  path: string;
  migrationsFolder?: string;
  /** Path to an Electron build of better-sqlite3's addon (DESIGN.md §6). */
  nativeBinding?: string;
  /** Where backups go (default: beside the database, in `backups/`). */
  backupDir?: string;
  log?: (message: string) => void;
  /** What opens it (e.g. "web host"), named to another process that finds the file taken. */
  owner?: string;
  /** the instant backups and notices are stamped with (core's clock) */
  now?: () => string;
};

export type OpenResult = {
  db: Db;
  backupPath: string | null;
  appliedMigrations: number;
  recoveredFromUncleanExit: boolean;
  /** how long the integrity check at start took, ms */
  quickCheckMs: number;
  /** a backup put in the file's place at this open (a staged restore, or the file was damaged) */
  restored: RestoreNotice | null;
};

/** The lock of each open file, released when it is closed (or the process ends). */
const releases = new WeakMap<Database.Database, () => void>();

export const defaultMigrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

const markerOf = (path: string) => `${path}.open`;

function mkdirFor(path: string): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new AppError('unavailable', `Cannot create the database folder ${dir}: ${(err as Error).message}`);
  }
}

function openRaw(path: string, nativeBinding?: string): Database.Database {
  try {
    const raw = new Database(path, nativeBinding ? { nativeBinding } : {});
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('cache_size = -65536');
    raw.pragma('temp_store = MEMORY');
    raw.function('fold', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? foldForSearch(v) : v));
    return raw;
  } catch (err) {
    throw new AppError('unavailable', `Cannot open the database at ${path}: ${(err as Error).message}`);
  }
}

function pendingMigrations(raw: Database.Database, folder: string): number {
  const files = readMigrationFiles({ migrationsFolder: folder });
  const table = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) return files.length;
  const last = raw.prepare('SELECT max(created_at) AS t FROM __drizzle_migrations').get() as { t: number | null };
  return files.filter((f) => f.folderMillis > (last.t ?? 0)).length;
}

function hasUserTables(raw: Database.Database): boolean {
  return !!raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1").get();
}

/** The integrity check: `ok`, or what is wrong (the first rows SQLite reports). */
function quickCheck(raw: Database.Database): string[] | null {
  try {
    const rows = (raw.pragma('quick_check(20)') as { quick_check: string }[]).map((r) => r.quick_check);
    return rows.length === 1 && rows[0] === 'ok' ? null : rows;
  } catch (err) {
    // a page too damaged to walk: SQLite says so instead of listing
    return [(err as Error).message];
  }
}

/** SQLite's words for a file that is not (or no longer) a sound database. */
const DAMAGED = /file is not a database|malformed|corrupt/i;

/** Opens the file and runs its quick_check; a file too damaged to open counts as damaged (raw null). */
function openChecked(path: string, isFile: boolean, nativeBinding?: string): { raw: Database.Database | null; damage: string[] | null } {
  try {
    const raw = openRaw(path, nativeBinding);
    return { raw, damage: isFile ? quickCheck(raw) : null };
  } catch (err) {
    if (isFile && existsSync(path) && DAMAGED.test((err as Error).message)) return { raw: null, damage: [(err as Error).message] };
    throw err;
  }
}

/**
 * Opens the database (DESIGN.md §6): one owner per file (a lock held until it is closed), pragmas,
 * a quick_check at every start (a file damaged after a clean exit is found too), a backup before
 * pending migrations, then the migrations.
 */
export function openDatabase(options: OpenOptions): OpenResult {
  const { path, migrationsFolder = defaultMigrationsFolder, log = () => undefined } = options;
  const isFile = path !== ':memory:';
  if (isFile) mkdirFor(path);
  const release = isFile ? acquireLock(path, options.owner ?? 'Comptoir') : () => undefined;
  let raw: Database.Database | null = null;
  const now = options.now ?? (() => new Date().toISOString());
  try {
    let restored = isFile ? applyStagedRestore(path, now()) : null;
    if (restored) log(`backup ${restored.from} restored in place of the database`);
    const recovered = isFile && existsSync(markerOf(path));
    const t0 = performance.now();
    let damage: string[] | null;
    ({ raw, damage } = openChecked(path, isFile, options.nativeBinding));
    // what the last idle integrity_check found (quick_check does not read every index)
    damage = damage ?? (isFile ? readDamageFlag(path) : null);
    const quickCheckMs = performance.now() - t0;
    if (recovered) log(`database was not closed cleanly; quick_check: ${damage ? 'FAILED' : 'ok'}`);
    if (damage) {
      raw?.close();
      restored = recoverFromBackup(path, damage, now(), options.nativeBinding);
      if (!restored)
        throw new AppError('unavailable', `The database at ${path} is damaged (quick_check: ${damage.join('; ')}) and no backup is sound`, {
          reason: 'databaseDamaged',
          damage,
        });
      log(`database damaged (${damage.join('; ')}): replaced by the backup ${restored.from}`);
      ({ raw, damage } = openChecked(path, isFile, options.nativeBinding));
      if (damage || !raw) throw new AppError('unavailable', `The backup put in place of ${path} is damaged too (${String(damage)})`, { damage });
    }
    if (!raw) throw new AppError('internal', `The database at ${path} did not open`);
    const pending = pendingMigrations(raw, migrationsFolder);
    let backupPath: string | null = null;
    if (pending > 0 && isFile && hasUserTables(raw)) {
      const dir = options.backupDir ?? backupFolder(path);
      backupPath = join(dir, writeBackup(raw, dir, 'before-migration', now()).name);
      log(`backup written to ${backupPath} before ${pending} migration(s)`);
    }
    const db: Db = drizzle({ client: raw, schema, casing: 'snake_case' });
    if (pending > 0) migrate(db, { migrationsFolder });
    installCapture(raw);
    if (isFile) {
      try {
        writeFileSync(markerOf(path), String(process.pid));
      } catch (err) {
        throw new AppError('unavailable', `The database folder of ${path} is not writable: ${(err as Error).message}`);
      }
    }
    releases.set(raw, release);
    return { db, backupPath, appliedMigrations: pending, recoveredFromUncleanExit: recovered, quickCheckMs, restored };
  } catch (err) {
    raw?.close();
    release();
    throw err;
  }
}

/** Closes cleanly: checkpoint, optimize, and remove the unclean-exit marker. */
export function closeDatabase(db: Db): void {
  const raw = db.$client;
  if (!raw.open) return;
  const path = raw.name;
  raw.pragma('optimize');
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  // the marker and the lock are the owner's: removed by the process that holds the file, no other
  if (path !== ':memory:' && existsSync(markerOf(path))) rmSync(markerOf(path));
  releases.get(raw)?.();
  releases.delete(raw);
}

export function schemaVersion(db: Db): number {
  const row = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  return row.n;
}
