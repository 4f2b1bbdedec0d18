import { userRoles } from '../../db/queries/catalog';
import { readAllSettings, writeCompanySetting, writeSetting } from '../../db/queries/settings';
import type { Db } from '../../db/client';
import {
  COMPANY_SETTINGS,
  DEFAULT_LOST_REASONS,
  role,
  settingsShape,
  type Role,
  type SettingKey,
  type Settings,
  type StoredSettings,
} from '../shared/contract';
import { AppError } from '../shared/errors';
import { may } from '../shared/domain/authority';
import type { Actor } from './context';
import { requireRef } from './editing';
import { DEFAULT_THRESHOLDS } from '../shared/domain/forecast';

export const DEFAULT_SETTINGS: StoredSettings = {
  locale: 'fr',
  role: 'trader',
  currentUserId: null,
  costBasis: 'erp',
  'approvals.fourEyes': true,
  'pipeline.lostReasons': DEFAULT_LOST_REASONS,
  'forecast.thresholds': DEFAULT_THRESHOLDS,
  'grid.opportunities': null,
  'grid.lines': null,
};

/** Every role there is: what the person of a team of one holds. */
export const ALL_ROLES: Role[] = [...role.options];

/**
 * The user's settings: stored values that still pass their schema, defaults for the rest. The roles
 * are the desk user's record (what authority is checked against, DESIGN.md §2.11; a person of the
 * team holds the roles the hub gives them); a desk without a user is a team of one: its person holds
 * every role, and opens on the `role` setting.
 */
export function getSettings(db: Db): Settings {
  const stored = readAllSettings(db);
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as SettingKey[]) {
    if (!stored.has(key)) continue;
    const parsed = settingsShape.shape[key].safeParse(stored.get(key));
    if (parsed.success) out[key] = parsed.data;
  }
  const settings = out as StoredSettings;
  const user = settings.currentUserId === null ? undefined : userRoles(db, settings.currentUserId);
  return user ? { ...settings, ...user } : { ...settings, roles: ALL_ROLES };
}

/** A setting of the desk's own, or of the whole company: those a manager changes, for every desk of the team. */
export function setSetting(db: Db, key: SettingKey, value: unknown, a: Actor): Settings {
  const parsed = settingsShape.shape[key].parse(value);
  // the desk's user must exist: an unknown id would make every later write fail on its foreign key
  if (key === 'currentUserId') requireRef(db, 'users', parsed as number | null, 'value');
  if (!COMPANY_SETTINGS.includes(key)) writeSetting(db, key, parsed, a.at);
  else {
    const who = getSettings(db);
    if (!may(who.roles, 'settings.company'))
      throw new AppError('forbidden', `The company's settings are changed by a manager, not by the ${who.role} role`, {
        reason: 'settings.company',
        role: who.role,
      });
    writeCompanySetting(db, key, parsed, a.userId, a.at);
  }
  return getSettings(db);
}
