import { readAllSettings, writeSetting } from '../../db/queries/settings';
import type { Db } from '../../db/client';
import { settingsShape, type SettingKey, type Settings } from '../shared/contract';

export const DEFAULT_SETTINGS: Settings = {
  locale: 'fr',
  role: 'trader',
  currentUserId: null,
  costBasis: 'erp',
  'grid.opportunities': null,
};

/** The user's settings: stored values that still pass their schema, defaults for the rest. */
export function getSettings(db: Db): Settings {
  const stored = readAllSettings(db);
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as SettingKey[]) {
    if (!stored.has(key)) continue;
    const parsed = settingsShape.shape[key].safeParse(stored.get(key));
    if (parsed.success) out[key] = parsed.data;
  }
  return out as Settings;
}

export function setSetting(db: Db, key: SettingKey, value: unknown): Settings {
  writeSetting(db, key, settingsShape.shape[key].parse(value));
  return getSettings(db);
}
