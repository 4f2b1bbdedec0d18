import type { Db } from '../client';
import { prepareCached } from './statements';

export type HubPerson = { id: string; login: string; name: string; roles: string[]; active: boolean };

const DESK_ROLES = ['manager', 'finance', 'purchasing', 'trader'] as const;
/** The role this desk opens on for a person of several (its home screen): the strongest they hold. Core checks every role they hold. */
export const deskRole = (roles: readonly string[]): (typeof DESK_ROLES)[number] => DESK_ROLES.find((r) => roles.includes(r)) ?? 'trader';

/**
 * A person of the team as this desk's users table holds them: keyed by the hub's id (a desk user
 * of the same login, from before the desk joined, becomes them), with every role they hold and the
 * one the desk opens on. Returns the local id.
 */
export function upsertHubUser(db: Db, u: HubPerson): number {
  const role = deskRole(u.roles);
  const initials =
    u.name
      .split(/\s+/)
      .map((w) => w[0] ?? '')
      .join('')
      .slice(0, 3)
      .toUpperCase() || '?';
  const raw = db.$client;
  const local = prepareCached(raw, 'SELECT id FROM users WHERE uid = ? OR (uid IS NULL AND login = ?) ORDER BY uid IS NULL LIMIT 1')
    .pluck()
    .get(u.id, u.login) as number | undefined;
  // the desk's roles (admin is the hub's alone)
  const roles = JSON.stringify(DESK_ROLES.filter((r) => u.roles.includes(r)));
  const values = { uid: u.id, login: u.login, name: u.name, initials, role, roles, active: u.active ? 1 : 0 };
  if (local === undefined)
    return Number(
      prepareCached(
        raw,
        'INSERT INTO users (uid, login, name, initials, role, roles, active) VALUES (@uid, @login, @name, @initials, @role, @roles, @active)',
      ).run(values).lastInsertRowid,
    );
  prepareCached(
    raw,
    'UPDATE users SET uid = @uid, login = @login, name = @name, initials = @initials, role = @role, roles = @roles, active = @active WHERE id = @id',
  ).run({
    ...values,
    id: local,
  });
  return local;
}
