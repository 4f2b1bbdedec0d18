import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { HubRole, HubUser } from '../shared/contract/hub';
import { AppError } from '../shared/errors';
import { inTransaction, type Clock } from './db';
import { hashPassword, verifyPassword } from './passwords';

export type Session = { userId: string; login: string; name: string; roles: HubRole[]; deskId: string | null; tokenHash: string };

export const SESSION_DAYS = 30;
/** Failed logins allowed before each next attempt must wait, doubling from 1 s up to 15 min. */
export const FREE_FAILURES = 5;
const MAX_WAIT_S = 900;

export type UserRow = {
  id: string;
  login: string;
  name: string;
  roles: HubRole[];
  active: boolean;
  must_change_password: boolean;
  password_hash: string;
};
export const userOf = (r: UserRow): HubUser => ({
  id: r.id,
  login: r.login,
  name: r.name,
  roles: r.roles,
  active: r.active,
  mustChangePassword: r.must_change_password,
});

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export function waitAfter(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(2 ** (failures - FREE_FAILURES), MAX_WAIT_S);
}

const refused = () => new AppError('unauthorized', 'Unknown login or wrong password', { reason: 'hub.badCredentials' });

/**
 * Checks a login and opens a session for a desk. Too many failures for a login make the next
 * attempt wait (counted for unknown logins too, so the answer says nothing about who exists).
 */
export async function logIn(
  pool: Pool,
  input: { login: string; password: string; desk: { id: string; name: string } },
  now: Clock,
): Promise<{ token: string; expiresAt: string; user: HubUser }> {
  const at = now();
  const f = await pool.query<{ count: number; last_at: Date }>('SELECT count, last_at FROM login_failures WHERE login = $1', [input.login]);
  const failures = f.rows[0]?.count ?? 0;
  const wait = waitAfter(failures);
  if (wait > 0 && f.rows[0]) {
    const retryAfter = Math.ceil((f.rows[0].last_at.getTime() + wait * 1000 - at.getTime()) / 1000);
    if (retryAfter > 0)
      throw new AppError('unauthorized', `Too many failed logins: try again in ${retryAfter} s`, { reason: 'hub.tooManyAttempts', retryAfter });
  }
  const u = await pool.query<UserRow>('SELECT * FROM users WHERE login = $1', [input.login]);
  const row = u.rows[0];
  const ok = row ? await verifyPassword(input.password, row.password_hash) : await verifyPassword(input.password, DUMMY_HASH);
  if (!row || !ok || !row.active) {
    await pool.query(
      `INSERT INTO login_failures (login, count, last_at) VALUES ($1, 1, $2)
       ON CONFLICT (login) DO UPDATE SET count = login_failures.count + 1, last_at = $2`,
      [input.login, at],
    );
    throw row && ok ? new AppError('unauthorized', 'This account is disabled', { reason: 'hub.disabled' }) : refused();
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(at.getTime() + SESSION_DAYS * 86_400_000);
  await inTransaction(pool, async (c) => {
    await c.query('DELETE FROM login_failures WHERE login = $1', [input.login]);
    await c.query(`INSERT INTO desks (id, name, last_seen_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = $2, last_seen_at = $3`, [
      input.desk.id,
      input.desk.name,
      at,
    ]);
    await c.query('INSERT INTO sessions (token_hash, user_id, desk_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      sha256(token),
      row.id,
      input.desk.id,
      at,
      expiresAt,
    ]);
  });
  return { token, expiresAt: expiresAt.toISOString(), user: userOf(row) };
}
/** Verified against when the login is unknown, so a wrong login costs the same time as a wrong password. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(64).toString('base64');

/** The session a bearer token opens, or an `unauthorized` error: unknown, expired, revoked, or its user disabled. */
export async function sessionOf(pool: Pool, token: string | undefined, now: Clock): Promise<Session> {
  if (!token) throw new AppError('unauthorized', 'No session: log in first', { reason: 'hub.noSession' });
  const r = await pool.query<UserRow & { desk_id: string | null; expires_at: Date; revoked_at: Date | null }>(
    `SELECT u.*, s.desk_id, s.expires_at, s.revoked_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
    [sha256(token)],
  );
  const s = r.rows[0];
  if (!s) throw new AppError('unauthorized', 'Unknown session: log in again', { reason: 'hub.noSession' });
  if (s.revoked_at) throw new AppError('unauthorized', 'This session was revoked: log in again', { reason: 'hub.revoked' });
  if (s.expires_at.getTime() <= now().getTime())
    throw new AppError('unauthorized', 'This session has expired: log in again', { reason: 'hub.expired' });
  if (!s.active) throw new AppError('unauthorized', 'This account is disabled', { reason: 'hub.disabled' });
  return { userId: s.id, login: s.login, name: s.name, roles: s.roles, deskId: s.desk_id, tokenHash: sha256(token) };
}

export async function logOut(pool: Pool, s: Session, now: Clock): Promise<void> {
  await pool.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [s.tokenHash, now()]);
}

/** Every open session of a user ends at once (a lost laptop, someone who left). */
export async function revokeSessions(pool: Pool, userId: string, now: Clock): Promise<number> {
  const r = await pool.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [userId, now()]);
  return r.rowCount ?? 0;
}

export async function changePassword(pool: Pool, s: Session, current: string, next: string, now: Clock): Promise<void> {
  const u = await pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [s.userId]);
  if (!u.rows[0] || !(await verifyPassword(current, u.rows[0].password_hash))) throw refused();
  await pool.query('UPDATE users SET password_hash = $2, must_change_password = false, updated_at = $3 WHERE id = $1', [
    s.userId,
    await hashPassword(next),
    now(),
  ]);
}
