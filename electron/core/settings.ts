import { readAllSettings, writeSetting } from '../../db/queries/settings';
import type { Db } from '../../db/client';
import { settingsShape, type Role, type SettingKey, type Settings } from '../shared/contract';
import { AppError } from '../shared/errors';

export const DEFAULT_SETTINGS: Settings = {
  locale: 'fr',
  role: 'trader',
  currentUserId: null,
  costBasis: 'erp',
  'approvals.fourEyes': true,
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
  const parsed = settingsShape.shape[key].parse(value);
  // the desk's user must exist: an unknown id would make every later write fail on its foreign key
  if (key === 'currentUserId' && typeof parsed === 'number' && !db.$client.prepare('SELECT 1 FROM users WHERE id = ? AND active = 1').get(parsed))
    throw new AppError('not_found', `User ${parsed} does not exist`, { issues: [{ path: 'value', message: 'unknown user' }] });
  writeSetting(db, key, parsed);
  // the desk opens on the workspace of the user's role
  if (key === 'currentUserId' && parsed !== null) writeSetting(db, 'role', deskRole(db));
  return getSettings(db);
}

/**
 * The role that authority is checked against: the desk user's record (DESIGN.md §2.11; the hub's
 * users and logins come with the team store). A desk without a user is a team of one, on its setting.
 */
export function deskRole(db: Db): Role {
  const { currentUserId, role } = getSettings(db);
  if (currentUserId === null) return role;
  const user = db.$client.prepare('SELECT role FROM users WHERE id = ?').get(currentUserId) as { role: Role } | undefined;
  return user?.role ?? role;
}
