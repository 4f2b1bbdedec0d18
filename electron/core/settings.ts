import { userRole } from '../../db/queries/catalog';
import { readAllSettings, writeSetting } from '../../db/queries/settings';
import type { Db } from '../../db/client';
import { settingsShape, type SettingKey, type Settings } from '../shared/contract';
import { requireRef } from './editing';

export const DEFAULT_SETTINGS: Settings = {
  locale: 'fr',
  role: 'trader',
  currentUserId: null,
  costBasis: 'erp',
  'approvals.fourEyes': true,
  'pipeline.lostReasons': ['Prix', 'Délai de livraison', 'Disponibilité', 'Concurrent retenu', 'Projet abandonné', 'Crédit refusé'],
  'grid.opportunities': null,
  'grid.lines': null,
};

/**
 * The user's settings: stored values that still pass their schema, defaults for the rest. The role
 * is the desk user's record (what authority is checked against, DESIGN.md §2.11; logins come with
 * the team store); a desk without a user is a team of one, on its setting.
 */
export function getSettings(db: Db): Settings {
  const stored = readAllSettings(db);
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as SettingKey[]) {
    if (!stored.has(key)) continue;
    const parsed = settingsShape.shape[key].safeParse(stored.get(key));
    if (parsed.success) out[key] = parsed.data;
  }
  const settings = out as Settings;
  const role = settings.currentUserId === null ? undefined : userRole(db, settings.currentUserId);
  return role ? { ...settings, role } : settings;
}

export function setSetting(db: Db, key: SettingKey, value: unknown): Settings {
  const parsed = settingsShape.shape[key].parse(value);
  // the desk's user must exist: an unknown id would make every later write fail on its foreign key
  if (key === 'currentUserId') requireRef(db, 'users', parsed as number | null, 'value');
  writeSetting(db, key, parsed);
  return getSettings(db);
}
