import type { Pool } from 'pg';
import type { HubMethod, HubOutput, HubParsed } from '../shared/contract/hub';
import { changePassword, logIn, logOut, revokeSessions, type Session } from './auth';
import { inTransaction, readMeta, type Clock } from './db';
import { companySettingId, fourEyesOf, writeHubRow } from './hub-rows';
import { pull } from './pull';
import { push } from './push';
import { leaseReferences } from './references';
import { getDocument, putDocument } from './documents';
import { createUser, listUsers, resetPassword, updateUser, userById } from './users';

/** `changed`: the feed moved (the instance pokes the others, coalesced). */
export type HubContext = { pool: Pool; now: Clock; changed: () => void };
type Handler<M extends HubMethod> = (input: HubParsed<M>, session: Session | null) => Promise<HubOutput<M>>;
export type HubHandlers = { [M in HubMethod]: Handler<M> };

/** Every method of the hub's contract; the server has checked the input, the session and the admin role. */
export function hubHandlers(ctx: HubContext): HubHandlers {
  const { pool, now, changed } = ctx;
  const me = (s: Session | null): Session => s!;
  return {
    'hub.login': async (input) => ({ ...(await logIn(pool, input, now)), epoch: await readMeta(pool, 'epoch') }),
    'hub.logout': async (_, s) => {
      await logOut(pool, me(s), now);
      return { ok: true };
    },
    'hub.me': async (_, s) => ({
      user: await userById(pool, me(s).userId),
      deskId: me(s).deskId,
      epoch: await readMeta(pool, 'epoch'),
      fourEyes: await fourEyesOf(pool),
      rows: (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM team_rows WHERE NOT deleted')).rows[0]!.n,
    }),
    'hub.changePassword': async ({ current, next }, s) => {
      await changePassword(pool, me(s), current, next, now);
      return { ok: true };
    },
    'users.list': () => listUsers(pool),
    'users.create': (input) => createUser(pool, input, now),
    'users.update': (input) => updateUser(pool, input, now),
    'users.resetPassword': ({ id }) => resetPassword(pool, id, now),
    'sessions.revoke': async ({ userId }) => ({ revoked: await revokeSessions(pool, userId, now) }),
    // the company setting every desk holds, as a manager's desk would write it
    'settings.fourEyes': async ({ on }, s) => {
      const at = now();
      await inTransaction(pool, (c) =>
        writeHubRow(c, {
          table: 'company_settings',
          id: companySettingId('approvals.fourEyes'),
          data: { key: 'approvals.fourEyes', value: on, updatedBy: me(s).userId, updatedAt: at.toISOString() },
          by: me(s).userId,
          at,
        }),
      );
      changed();
      return { fourEyes: on };
    },
    'hub.push': ({ mutations }, s) => push(pool, me(s), mutations, now, changed),
    'hub.pull': (input, s) => pull(pool, me(s), input),
    'references.lease': (input, s) => leaseReferences(pool, me(s), input, now),
    'documents.put': (input, s) => putDocument(pool, me(s), input, now),
    'documents.get': ({ hash }) => getDocument(pool, hash),
  };
}
