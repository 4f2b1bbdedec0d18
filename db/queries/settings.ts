import type { Db } from '../client';

/** Reads a setting's JSON value, or the fallback when it is not set. */
export function readSetting<T>(db: Db, key: string, fallback: T): T {
  const row = db.$client.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return fallback;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return fallback;
  }
}

export function writeSetting(db: Db, key: string, value: unknown, now = new Date().toISOString()): void {
  db.$client
    .prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    )
    .run(key, JSON.stringify(value), now);
}

/** A company setting: its team row (captured, pushed to the hub); a trigger copies it onto `settings`. */
export function writeCompanySetting(db: Db, key: string, value: unknown, by: number | null, now: string): void {
  db.$client
    .prepare(
      `INSERT INTO company_settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    )
    .run(key, JSON.stringify(value), by, now);
}

export function readAllSettings(db: Db): Map<string, unknown> {
  const rows = db.$client.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const out = new Map<string, unknown>();
  for (const r of rows) {
    try {
      out.set(r.key, JSON.parse(r.value));
    } catch {
      /* a damaged value is ignored: its default applies */
    }
  }
  return out;
}

export type Costing = { basis: 'erp' | 'replacement'; landedRate: number };

export function readCosting(db: Db): Costing {
  const basis = readSetting<string>(db, 'costBasis', 'erp') === 'replacement' ? 'replacement' : 'erp';
  const landed = readSetting<number>(db, 'company.landedCostRate', 300);
  return { basis, landedRate: Number.isInteger(landed) ? landed : 300 };
}

/** The company's handling days: how soon a warehouse ships an order (2 unless set; a bad value is ignored). */
export function readHandlingDays(db: Db): number {
  const v = readSetting<number>(db, 'operations.handlingDays', 2);
  return Number.isInteger(v) && v >= 0 && v <= 60 ? v : 2;
}
