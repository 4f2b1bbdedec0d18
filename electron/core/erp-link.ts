import type { Db } from '../../db/client';
import { readSetting, writeSetting } from '../../db/queries/settings';
import {
  abandonRuns,
  cancelOutbox,
  finishRun,
  lastSuccess,
  outboxRow,
  readFreshness,
  readOpenConflicts,
  readOutboxAttention,
  readRuns,
  resolveConflict,
  retryOutbox,
  startRun,
} from '../../db/queries/sync-status';
import { writeAudit } from '../../db/queries/audit';
import { connectionConfig, type ConnectionConfig, type ConnectorCommand, type Output, type ParsedInput, type SyncStatus } from '../shared/contract';
import { AppError, notFound } from '../shared/errors';
import { isPlainHttpRemote, scrubSecret } from '../shared/text';
import type { EventBus } from './event-bus';
import { createLongPoll } from './long-poll';

/**
 * Where the ERP secret lives (DESIGN.md §10): in the desktop app main encrypts it with safeStorage
 * (`canStore`, `persist`, `initial`); in the web host a typed secret lasts the session, else it is
 * read from the environment variable the connection names. Never in the database, never logged,
 * never sent back to a renderer.
 */
export type SecretStore = {
  canStore: boolean;
  initial?: string | null;
  persist?: (secret: string) => void;
  env?: Record<string, string | undefined>;
};

const CONNECTION_KEY = 'erp.connection';
const TEST_TIMEOUT_MS = 30_000;

/** A typed secret and the one place it may go: the address, database and login it was given for. */
type BoundSecret = { secret: string; for: string };
const targetOf = (c: ConnectionConfig) => JSON.stringify([c.url, c.database, c.login]);
/** What main keeps encrypted: the secret with its target (an older bare secret is bound to nothing and asked again). */
function readBound(stored: string | null | undefined): BoundSecret | null {
  if (!stored) return null;
  try {
    const v = JSON.parse(stored) as Partial<BoundSecret>;
    return typeof v.secret === 'string' && typeof v.for === 'string' ? { secret: v.secret, for: v.for } : null;
  } catch {
    return null;
  }
}
/** A connector not heard from for this long (beyond its long poll) is taken as stopped. */
const SILENCE_MS = 15_000;

/**
 * Core's end of the connector (DESIGN.md §5): the connection settings, the commands the connector
 * long-polls for (configure, run, test), the bookkeeping of runs and their progress, and the sync
 * panel's status. Core keeps working whether a connector is there or not.
 */
export function createErpLink(db: Db, bus: EventBus, now: () => string, secrets: SecretStore = { canStore: false }) {
  let bound: BoundSecret | null = readBound(secrets.initial);
  // one pending run is enough; a newer configure replaces an older one
  const commands = createLongPoll<ConnectorCommand>({ kind: 'none' }, (q, c) =>
    c.kind === 'run' && q.some((x) => x.kind === 'run') ? q : c.kind === 'configure' ? [...q.filter((x) => x.kind !== 'configure'), c] : [...q, c],
  );
  const seen = { at: 0, state: 'stopped' as SyncStatus['connector'], error: null as string | null, nextRunAt: null as string | null };
  let progress = new Map<string, { entity: string; done: number; total: number | null }>();
  let nextRequest = 1;
  /** the one connection test in flight, if any */
  let testing: { requestId: number; secret: string; login: string; end: (r: { ok: boolean; message: string }) => void } | null = null;

  const config = (): ConnectionConfig | null => {
    const parsed = connectionConfig.safeParse(readSetting<unknown>(db, CONNECTION_KEY, null));
    return parsed.success ? parsed.data : null;
  };
  /** The stored secret only for the target it was given for; else the environment's (the operator's choice). */
  const storedFor = (c: ConnectionConfig | null): string | null => (c && bound?.for === targetOf(c) ? bound.secret : null);
  const secretFor = (c: ConnectionConfig | null): string | null => storedFor(c) ?? (c ? (secrets.env?.[c.secretEnv] ?? null) : null);
  /** Every text from the connector is cleaned of every secret it may hold before it is stored, shown or logged. */
  const scrub = (text: string): string => {
    const c = config();
    let out = scrubSecret(text, bound?.secret, c?.login);
    if (c) out = scrubSecret(out, secrets.env?.[c.secretEnv], c.login);
    return testing ? scrubSecret(out, testing.secret, testing.login) : out;
  };
  const scrubNull = (text: string | null): string | null => (text === null ? null : scrub(text));
  const alive = () => commands.polling || Date.now() - seen.at < SILENCE_MS;
  const send = (command: ConnectorCommand) => commands.send(command);
  const configureCommand = (): ConnectorCommand => {
    const c = config();
    return { kind: 'configure', config: c, secret: secretFor(c) };
  };
  const changed = (entities: string[]) => bus.emit('data.changed', { entities });
  const requireConnector = () => {
    if (!config()) throw new AppError('conflict', 'No ERP connection is set: fill in the connection first', { reason: 'erp.notConfigured' });
    if (!alive())
      throw new AppError('unavailable', 'The connector is not running: it restarts by itself, try again in a moment', {
        reason: 'erp.connectorDown',
      });
  };

  /** An outbox item a person may act on: stopped (failed) or waiting (pending), not in flight nor done. */
  const stoppedItem = (id: number, what: string) => {
    const row = outboxRow(db, id);
    if (!row) throw notFound('Outbox item', id);
    if (row.status !== 'failed' && row.status !== 'pending')
      throw new AppError('conflict', `Outbox item ${id} is ${row.status}: only a stopped or waiting item can be ${what}`, {
        reason: 'outbox.notStopped',
        status: row.status,
      });
    return row;
  };
  const auditStatus = (id: number, oldValue: string, newValue: string, by: number | null) =>
    writeAudit(db, { entity: 'outbox', entityId: id, action: 'update', field: 'status', oldValue, newValue, by, at: now(), source: 'user' });

  const view = (): Output<'erp.connection'> => {
    const c = config();
    const source = storedFor(c) ? (secrets.canStore ? 'stored' : 'session') : c && secrets.env?.[c.secretEnv] ? 'env' : 'missing';
    return { config: c, secret: source, canStoreSecret: secrets.canStore, warning: c && isPlainHttpRemote(c.url) ? 'plain_http' : null };
  };

  const status = (): SyncStatus => {
    const runs = readRuns(db, 10);
    const running = runs.find((r) => r.status === 'running') ?? null;
    const c = config();
    const state: SyncStatus['connector'] = !c ? 'not_configured' : !alive() ? 'stopped' : running ? 'running' : seen.state;
    return {
      connector: state,
      connectorError: seen.error,
      nextRunAt: alive() ? seen.nextRunAt : null,
      lastSuccessAt: lastSuccess(db),
      current: running,
      progress: running ? [...progress.values()] : [],
      runs,
      freshness: readFreshness(db),
      outbox: readOutboxAttention(db, 200),
      conflicts: readOpenConflicts(db),
    };
  };

  return {
    connection: view,

    /** The secret main decrypted at start (desktop app), with the target it was saved for. */
    useSecret(s: string) {
      bound = readBound(s);
      send(configureCommand());
    },
    status,
    scrub,

    save({ config: c, secret: typed }: ParsedInput<'erp.saveConnection'>, by: number | null) {
      const before = config();
      // a new address, database or login does not inherit the secret given for another one
      if (!typed && bound && bound.for !== targetOf(c) && !secrets.env?.[c.secretEnv])
        throw new AppError(
          'invalid_input',
          'Invalid input for erp.saveConnection: secret: the address, database or login changed: type the password or API key again',
          {
            issues: [{ path: 'secret', message: 'type it again for this address, database and login', reason: 'secretAgain' }],
          },
        );
      writeSetting(db, CONNECTION_KEY, c, now());
      // the audit keeps what changed, never the secret
      writeAudit(db, {
        entity: 'erp_connection',
        entityId: 1,
        action: before ? 'update' : 'create',
        oldValue: before,
        newValue: c,
        by,
        at: now(),
        source: 'user',
      });
      if (typed) {
        bound = { secret: typed, for: targetOf(c) };
        secrets.persist?.(JSON.stringify(bound));
      }
      send(configureCommand());
      changed(['sync']);
      return view();
    },

    /** One test at a time; the stored secret goes only to the target it was given for. */
    async test({ config: c, secret: typed }: ParsedInput<'erp.testConnection'>): Promise<Output<'erp.testConnection'>> {
      if (!alive())
        throw new AppError('unavailable', 'The connector is not running: it restarts by itself, try again in a moment', {
          reason: 'erp.connectorDown',
        });
      if (testing)
        throw new AppError('conflict', 'A connection test is already running: wait for its answer or stop it', { reason: 'erp.testRunning' });
      const s = typed ?? secretFor(c);
      if (!s)
        return {
          ok: false,
          message: bound
            ? `The saved password or API key is for another address, database or login: type it, or set $${c.secretEnv} where Comptoir runs`
            : `No password or API key: type it, or set $${c.secretEnv} where Comptoir runs`,
        };
      const requestId = nextRequest++;
      return new Promise((resolve) => {
        const timer = setTimeout(
          () => finish({ ok: false, message: `The connector did not answer within ${TEST_TIMEOUT_MS / 1000} s` }),
          TEST_TIMEOUT_MS,
        );
        const finish = (r: { ok: boolean; message: string }) => {
          clearTimeout(timer);
          if (testing?.requestId !== requestId) return;
          const message = scrub(r.message);
          testing = null;
          resolve({ ok: r.ok, message });
        };
        testing = { requestId, secret: s, login: c.login, end: finish };
        send({ kind: 'test', requestId, config: c, secret: s });
      });
    },

    /** The caller gave up (stop, left the form): the test ends now, the connector drops it. */
    cancelTest() {
      if (!testing) return {};
      const { requestId, end } = testing;
      end({ ok: false, message: 'Connection test stopped' });
      send({ kind: 'cancel_test', requestId });
      return {};
    },

    runNow() {
      requireConnector();
      send({ kind: 'run', trigger: 'manual' });
      return status();
    },

    /** The connector's long poll: its state in, the next command out (or `none` after `waitMs`). */
    next(input: ParsedInput<'connector.next'>): Promise<ConnectorCommand> {
      const wasAlive = alive();
      const before = JSON.stringify([seen.state, seen.error]);
      Object.assign(seen, { at: Date.now(), state: input.state, error: scrubNull(input.error ?? null), nextRunAt: input.nextRunAt });
      // the panel follows the connector's own state (idle, down, its error) as it reports it
      const moved = before !== JSON.stringify([seen.state, seen.error]);
      if (input.hello) {
        // a fresh connector: a run left open by the one before it did not finish
        if (abandonRuns(db, 'the connector stopped during this run', now()) > 0) changed(['sync']);
        send(configureCommand());
      }
      if (!wasAlive || moved) changed(['sync']);
      return commands.next(input.waitMs).finally(() => (seen.at = Date.now()));
    },

    /** The port to the connector closed: it is gone until the host restarts it. */
    disconnected() {
      commands.drop();
      seen.at = 0;
      changed(['sync']);
    },

    answer({ requestId, ok, message }: ParsedInput<'connector.answer'>) {
      if (testing?.requestId === requestId) testing.end({ ok, message });
      return {};
    },

    runStart({ trigger }: ParsedInput<'sync.runStart'>) {
      abandonRuns(db, 'a newer run started', now());
      progress = new Map();
      const runId = startRun(db, trigger, now());
      changed(['sync']);
      return { runId };
    },

    runProgress({ runId, entity, done, total }: ParsedInput<'sync.runProgress'>) {
      progress.set(entity, { entity, done, total });
      bus.emit('sync.progress', { runId, entity, done, total });
      return {};
    },

    runFinish({ runId, entities, pushed, error }: ParsedInput<'sync.runFinish'>) {
      const clean = entities.map((e) => (e.error === undefined ? e : { ...e, error: scrub(e.error) }));
      if (!finishRun(db, runId, { entities: clean, pushed }, scrubNull(error), now())) throw notFound('Running sync run', runId);
      progress = new Map();
      changed(['sync']);
      return {};
    },

    retry(id: number, by: number | null) {
      const row = stoppedItem(id, 'sent again');
      db.$client.transaction(() => {
        retryOutbox(db, id);
        auditStatus(id, row.status, 'pending', by);
      })();
      changed(['outbox', 'sync']);
      if (alive() && config()) send({ kind: 'run', trigger: 'manual' });
      return status();
    },

    cancel(id: number, by: number | null) {
      const row = stoppedItem(id, 'cancelled');
      db.$client.transaction(() => {
        cancelOutbox(db, id, now());
        auditStatus(id, row.status, 'cancelled', by);
      })();
      changed(['outbox', 'sync']);
      return status();
    },

    resolveConflict(id: number, resolution: string) {
      if (!resolveConflict(db, id, resolution, now())) throw notFound('Open conflict', id);
      changed(['sync']);
      return status();
    },
  };
}
export type ErpLink = ReturnType<typeof createErpLink>;
