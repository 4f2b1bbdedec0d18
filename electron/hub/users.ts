import type { Pool, PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { HubRole, HubUser } from '../shared/contract/hub';
import { AppError, notFound } from '../shared/errors';
import { inTransaction, type Clock } from './db';
import { userOf, type UserRow } from './auth';
import { hashPassword, oneTimePassword } from './passwords';

/** Desks learn the team's people from the change feed like any other row (never their password). */
async function userChange(c: Pool | PoolClient, u: HubUser, at: Date): Promise<void> {
  await c.query(`INSERT INTO changes (row_table, row_id, version, data, deleted, at) VALUES ('users', $1, 1, $2, false, $3)`, [
    u.id,
    { login: u.login, name: u.name, roles: u.roles, active: u.active },
    at,
  ]);
}

export async function listUsers(pool: Pool): Promise<HubUser[]> {
  const r = await pool.query<UserRow>('SELECT * FROM users ORDER BY name, login');
  return r.rows.map(userOf);
}

export async function userById(pool: Pool, id: string): Promise<HubUser> {
  const r = await pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  if (!r.rows[0]) throw notFound('User', id);
  return userOf(r.rows[0]);
}

/** A new user with a one-time password they change at first login. */
export async function createUser(pool: Pool, input: { login: string; name: string; roles: HubRole[] }, now: Clock) {
  const secret = oneTimePassword();
  const id = uuidv7();
  try {
    const hash = await hashPassword(secret);
    const user = await inTransaction(pool, async (c) => {
      const r = await c.query<UserRow>(
        `INSERT INTO users (id, login, name, roles, password_hash, must_change_password, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, true, $6, $6) RETURNING *`,
        [id, input.login, input.name.trim(), [...new Set(input.roles)], hash, now()],
      );
      const u = userOf(r.rows[0]!);
      await userChange(c, u, now());
      return u;
    });
    return { user, oneTimePassword: secret };
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw new AppError('conflict', `The login ${input.login} is taken`, { reason: 'hub.loginTaken', login: input.login });
    throw err;
  }
}

/** Changes a user's name, roles or activity; the team always keeps one active admin. */
export async function updateUser(
  pool: Pool,
  input: { id: string; name?: string; roles?: HubRole[]; active?: boolean },
  now: Clock,
): Promise<HubUser> {
  return inTransaction(pool, async (c) => {
    await c.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
    const r = await c.query<UserRow>(
      `UPDATE users SET name = COALESCE($2, name), roles = COALESCE($3, roles), active = COALESCE($4, active), updated_at = $5 WHERE id = $1 RETURNING *`,
      [input.id, input.name?.trim() ?? null, input.roles ? [...new Set(input.roles)] : null, input.active ?? null, now()],
    );
    if (!r.rows[0]) throw notFound('User', input.id);
    const admins = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE active AND 'admin' = ANY (roles)`);
    if (admins.rows[0]!.n === 0) throw new AppError('conflict', 'The team must keep one active admin', { reason: 'hub.lastAdmin' });
    if (input.active === false) await c.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [input.id, now()]);
    const u = userOf(r.rows[0]);
    await userChange(c, u, now());
    return u;
  });
}

export async function resetPassword(pool: Pool, id: string, now: Clock): Promise<{ oneTimePassword: string }> {
  const secret = oneTimePassword();
  const r = await pool.query('UPDATE users SET password_hash = $2, must_change_password = true, updated_at = $3 WHERE id = $1', [
    id,
    await hashPassword(secret),
    now(),
  ]);
  if (r.rowCount === 0) throw notFound('User', id);
  await pool.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [id, now()]);
  return { oneTimePassword: secret };
}

/** The first admin of an empty hub (hub:local, or `npm run hub -- --admin LOGIN`); none when users exist. */
export async function firstAdmin(pool: Pool, login: string, now: Clock): Promise<{ login: string; oneTimePassword: string } | null> {
  const n = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (n.rows[0]!.n > 0) return null;
  const { oneTimePassword: secret } = await createUser(
    pool,
    { login, name: 'Administrateur', roles: ['admin', 'manager', 'trader', 'purchasing', 'finance'] },
    now,
  );
  return { login, oneTimePassword: secret };
}
