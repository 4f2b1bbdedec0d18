import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { fileStamp } from '../../db/backups';
import { schemaVersion, type Db } from '../../db/client';
import type { Output } from '../shared/contract';
import type { DeskCare } from './desk-care';

/** The archives kept in `diagnostics/` (the oldest go). */
const KEEP = 5;
/** Log files taken, newest first, up to this many bytes in all. */
const LOG_BYTES = 20 * 1024 * 1024;

export const diagnosticsFolder = (dbPath: string) => join(dirname(dbPath), 'diagnostics');

/** The shape of the database, never its content: sizes, pragmas, and how many rows each table holds. */
function databaseFacts(db: Db, dbPath: string, care: DeskCare) {
  const raw = db.$client;
  const tables = raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const rows = Object.fromEntries(
    tables.map((t) => [
      t,
      raw
        .prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  const status = care.status();
  return {
    schemaVersion: schemaVersion(db),
    sqlite: raw.prepare('SELECT sqlite_version()').pluck().get(),
    fileBytes: size(dbPath),
    walBytes: size(`${dbPath}-wal`),
    pageSize: raw.pragma('page_size', { simple: true }),
    pageCount: raw.pragma('page_count', { simple: true }),
    freelistCount: raw.pragma('freelist_count', { simple: true }),
    journalMode: raw.pragma('journal_mode', { simple: true }),
    rows,
    outbox: raw.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status ORDER BY status').all(),
    teamMutations: raw.prepare('SELECT status, count(*) AS n FROM team_mutations GROUP BY status ORDER BY status').all(),
    lastIntegrityCheck: status.lastCheck,
    backups: status.backups.map((b) => ({ name: b.name, bytes: b.bytes })),
  };
}

/**
 * « Exporter un diagnostic » (issue 15): a zip for support with the logs (secrets already blanked
 * as they were written), the versions, and the database's statistics — no business data: no
 * customer, product, deal or amount, only counts and sizes.
 */
export function exportDiagnostic(o: {
  db: Db;
  dbPath: string;
  care: DeskCare;
  logsDir: string | null;
  version: string;
  now: string;
}): Output<'diagnostic.export'> {
  const files: Record<string, Uint8Array> = {};
  const json = (v: unknown) => strToU8(`${JSON.stringify(v, null, 2)}\n`);
  files['versions.json'] = json({
    comptoir: o.version,
    generatedAt: o.now,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    chrome: process.versions.chrome ?? null,
    v8: process.versions.v8,
    platform: platform(),
    arch: arch(),
    osRelease: release(),
    memoryBytes: totalmem(),
  });
  files['database.json'] = json(databaseFacts(o.db, o.dbPath, o.care));
  let budget = LOG_BYTES;
  const logs = o.logsDir && existsSync(o.logsDir) ? readdirSync(o.logsDir).filter((f) => f.endsWith('.log')) : [];
  const byAge = logs.map((f) => ({ f, s: statSync(join(o.logsDir!, f)) })).sort((a, b) => b.s.mtimeMs - a.s.mtimeMs);
  for (const { f, s } of byAge) {
    if (s.size > budget) break;
    budget -= s.size;
    files[`logs/${f}`] = readFileSync(join(o.logsDir!, f));
  }
  const dir = diagnosticsFolder(o.dbPath);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `comptoir-diagnostic-${fileStamp(o.now)}.zip`);
  const zip = zipSync(files, { level: 6 });
  writeFileSync(path, zip);
  const old = readdirSync(dir)
    .filter((f) => f.startsWith('comptoir-diagnostic-') && f.endsWith('.zip'))
    .sort()
    .reverse()
    .slice(KEEP);
  for (const f of old) rmSync(join(dir, f), { force: true });
  return { path, bytes: zip.length, files: Object.keys(files) };
}
