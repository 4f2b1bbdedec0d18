import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/client';
import { applyTeamPage, type Decision } from '../../db/queries/team-apply';
import { joinTeam } from '../../db/queries/team-join';
import { deskRole, upsertHubUser } from '../../db/queries/team-users';
import { addReferences, referencesWanted } from '../../db/queries/team-references';
import { leaseOutgoing, markPushed, teamCounts } from '../../db/queries/team-outgoing';
import { readTeamState, writeTeamState } from '../../db/queries/team-state';
import { writeSetting } from '../../db/queries/settings';
import type { HubMethod, HubOutput, HubUser } from '../shared/contract/hub';
import type { Output, ParsedInput } from '../shared/contract';
import type { TeamCommand, TeamStatus } from '../shared/contract/team';
import { AppError, type ErrorCode } from '../shared/errors';
import type { EventBus } from './event-bus';
import { createLongPoll } from './long-poll';

/** Where the hub session token lives: main keeps it encrypted with safeStorage (desktop); the web host holds it for its run. */
export type TokenStore = { initial?: string | null; persist?: (token: string | null) => void };

const CALL_TIMEOUT_MS = 30_000;
const CONNECTOR_WAIT_MS = 5_000;
/** A connector not heard from for this long (beyond its long poll) is taken as gone. */
const SILENCE_MS = 15_000;

type Pending = { resolve: (v: unknown) => void; reject: (e: AppError) => void; timer: ReturnType<typeof setTimeout> };
type TeamUser = NonNullable<TeamStatus['user']>;

/**
 * Core's end of the team link (TEAM.md): the desk's id, the hub it belongs to and its session,
 * the mutations going out and the pages coming in (applied by the desk's own database code), and
 * the calls a person makes to the hub through the connector (log in, users). Without a hub the
 * desk is a team of one and none of this runs.
 */
export function createTeamLink(db: Db, bus: EventBus, now: () => string, store: TokenStore = {}) {
  let token: string | null = store.initial ?? null;
  const seen = { at: 0, state: 'not_configured' as TeamStatus['state'], error: null as string | null };
  const commands = createLongPoll<TeamCommand>({ kind: 'none' }, (q, c) =>
    c.kind === 'sync' && q.some((x) => x.kind === 'sync') ? q : c.kind === 'configure' ? [...q.filter((x) => x.kind !== 'configure'), c] : [...q, c],
  );
  const calls = new Map<number, Pending>();
  let onDecisions: (d: Decision[]) => void = () => undefined;
  let nextRequest = 1;

  const deskId = (): string => {
    let id = readTeamState(db, 'deskId');
    if (!id) writeTeamState(db, 'deskId', (id = uuidv7()));
    return id;
  };
  const url = () => readTeamState(db, 'hubUrl');
  const user = (): TeamUser | null => {
    const u = readTeamState(db, 'user');
    return u ? (JSON.parse(u) as TeamUser) : null;
  };
  const alive = () => commands.polling || Date.now() - seen.at < SILENCE_MS;
  const configure = (): TeamCommand => {
    const u = url();
    return { kind: 'configure', hub: u && token ? { url: u, token, deskId: deskId() } : null };
  };
  const changed = () => bus.emit('data.changed', { entities: ['team'] });

  const status = (): TeamStatus => {
    const counts = teamCounts(db);
    const configured = url() !== null;
    // a connector that has not got its configuration yet reports not_configured: offline for this desk
    const reported = seen.state === 'not_configured' ? 'offline' : seen.state;
    const state: TeamStatus['state'] = !configured ? 'not_configured' : !token ? 'signed_out' : alive() ? reported : 'offline';
    return {
      configured,
      url: url(),
      deskId: deskId(),
      user: user(),
      state,
      error: seen.error,
      lastPullAt: readTeamState(db, 'lastPullAt'),
      pending: counts.pending,
      rejected: counts.rejected,
      parked: db.$client.prepare('SELECT count(*) FROM team_parked').pluck().get() as number,
    };
  };

  /** The connector's first poll, when a call comes before it (a desk just started): a few seconds, then a clear refusal. */
  const connector = async () => {
    for (let waited = 0; !alive(); waited += 50) {
      if (waited >= CONNECTOR_WAIT_MS)
        throw new AppError('unavailable', 'The connector is not running: it restarts by itself, try again in a moment', {
          reason: 'erp.connectorDown',
        });
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  /** One call to the hub through the connector; its refusal comes back as the hub's typed error. */
  async function callHub<M extends HubMethod>(method: M, input: unknown, via: { url: string; token: string | null }): Promise<HubOutput<M>> {
    await connector();
    const requestId = nextRequest++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        calls.delete(requestId);
        reject(new AppError('unavailable', `The hub did not answer within ${CALL_TIMEOUT_MS / 1000} s`, { reason: 'hub.unreachable' }));
      }, CALL_TIMEOUT_MS);
      calls.set(requestId, { resolve: resolve as (v: unknown) => void, reject, timer });
      commands.send({ kind: 'call', requestId, url: via.url, token: via.token, method, input });
    });
  }
  const signedIn = () => {
    const u = url();
    if (!u || !token) throw new AppError('unauthorized', 'This desk is not signed in to its team', { reason: 'hub.noSession' });
    return { url: u, token };
  };

  /** The hub's person becomes this desk's user (their row in users, from the hub's id). */
  const becomeUser = (u: HubUser) => {
    const id = upsertHubUser(db, u);
    writeSetting(db, 'currentUserId', id, now());
    writeSetting(db, 'role', deskRole(u.roles), now());
  };

  deskId();
  return {
    status,
    deskId,

    async login({ url: hub, login, password }: ParsedInput<'team.login'>): Promise<TeamStatus> {
      const base = hub.replace(/\/+$/, '');
      const s = await callHub(
        'hub.login',
        { login, password, desk: { id: deskId(), name: `Comptoir ${deskId().slice(-6)}` } },
        { url: base, token: null },
      );
      const joined = url();
      if (joined && joined !== base && readTeamState(db, 'cursor'))
        throw new AppError('conflict', `This desk belongs to the team at ${joined}: it cannot join another one`, {
          reason: 'team.otherHub',
          url: joined,
        });
      // a desk's first time in this team: the first desk of an empty hub uploads what it holds, the others take the team's
      const first = !joined || !readTeamState(db, 'cursor');
      const me = first ? await callHub('hub.me', {}, { url: base, token: s.token }) : null;
      token = s.token;
      store.persist?.(token);
      db.$client.transaction(() => {
        if (me) joinTeam(db, me.rows === 0 ? 'upload' : 'replace', now());
        writeTeamState(db, 'hubUrl', base);
        writeTeamState(db, 'user', JSON.stringify({ id: s.user.id, login: s.user.login, name: s.user.name, roles: s.user.roles }));
        becomeUser(s.user);
      })();
      commands.send(configure());
      bus.emit('data.changed', { entities: ['team', 'settings', 'users'] });
      return status();
    },

    async logout(): Promise<TeamStatus> {
      const via = signedIn();
      await callHub('hub.logout', {}, via).catch(() => undefined);
      token = null;
      store.persist?.(null);
      commands.send(configure());
      changed();
      return status();
    },

    /** An admin's (or anyone's own) call to the hub; the hub decides whether they may. */
    hub<M extends HubMethod>(method: M, input: unknown): Promise<HubOutput<M>> {
      return callHub(method, input, signedIn());
    },

    /** The session main decrypted at start (desktop app). */
    useToken(t: string) {
      token = t;
      commands.send(configure());
      changed();
    },

    /** Core wrote something: the connector pushes soon. */
    poke() {
      if (url() && token) commands.send({ kind: 'sync' });
    },

    next(input: ParsedInput<'team.next'>): Promise<TeamCommand> {
      const before = JSON.stringify([seen.state, seen.error]);
      Object.assign(seen, { at: Date.now(), state: input.state, error: input.error });
      if (input.hello) commands.send(configure());
      if (before !== JSON.stringify([seen.state, seen.error])) changed();
      return commands.next(input.waitMs).finally(() => (seen.at = Date.now()));
    },

    answer({ requestId, ok, value, error }: ParsedInput<'team.answer'>) {
      const p = calls.get(requestId);
      if (!p) return {};
      calls.delete(requestId);
      clearTimeout(p.timer);
      if (ok) p.resolve(value);
      else p.reject(new AppError((error?.code ?? 'unavailable') as ErrorCode, error?.message ?? 'The hub refused', error?.details));
      return {};
    },

    outgoing: ({ limit }: ParsedInput<'team.outgoing'>) => leaseOutgoing(db, limit),

    pushed(input: ParsedInput<'team.pushed'>) {
      markPushed(db, input.results);
      if (input.results.some((r) => r.status === 'rejected')) changed();
      return {};
    },

    cursor: () => ({ cursor: readTeamState(db, 'cursor'), since: Number(readTeamState(db, 'since') ?? 0) }),

    applyPage(page: ParsedInput<'team.applyPage'>): Output<'team.applyPage'> {
      const result = applyTeamPage(db, deskId(), page, now());
      if (result.applied > 0 || page.rejected.length > 0) bus.emit('data.changed', { entities: result.entities, ids: result.opportunityIds });
      // decisions made at another desk: this desk's waiting runs go on (their writes are this desk's own, captured)
      if (result.decisions.length > 0) onDecisions(result.decisions);
      // the trader whose reservation another desk's took first is told, on every desk of the team
      for (const l of result.lost)
        bus.emit('alert.raised', {
          level: 'warning',
          message: `${l.reference} : stock réservé entre-temps par un autre poste — le manque est passé aux achats`,
          role: 'trader',
          opportunityId: l.opportunityId,
        });
      return { applied: result.applied, parked: result.parked };
    },

    /** Who resumes this desk's runs when a pulled decision arrives (the automation, set by the handlers). */
    onDecisions(fn: (d: Decision[]) => void) {
      onDecisions = fn;
    },

    refsWanted: () => referencesWanted(db, 'OPP', now().slice(0, 10)),
    addRefs(lease: ParsedInput<'team.addRefs'>) {
      addReferences(db, lease);
      return {};
    },

    /** The connector's port closed. */
    disconnected() {
      commands.drop();
      seen.at = 0;
      changed();
    },
  };
}
export type TeamLink = ReturnType<typeof createTeamLink>;
