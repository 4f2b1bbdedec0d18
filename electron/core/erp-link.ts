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
import {
  connectionConfig,
  type ConnectionConfig,
  type ConnectorCommand,
  type Output,
  type ParsedInput,
  type SyncStatus,
} from '../shared/contract';
import { AppError, notFound } from '../shared/errors';
import type { EventBus } from './event-bus';

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
/** A connector not heard from for this long (beyond its long poll) is taken as stopped. */
const SILENCE_MS = 15_000;

type Waiter = { resolve: (c: ConnectorCommand) => void; timer: ReturnType<typeof setTimeout> };

/**
 * Core's end of the connector (DESIGN.md §5): the connection settings, the commands the connector
 * long-polls for (configure, run, test), the bookkeeping of runs and their progress, and the sync
 * panel's status. Core keeps working whether a connector is there or not.
 */
export function createErpLink(db: Db, bus: EventBus, now: () => string, secrets: SecretStore = { canStore: false }) {
  let secret: string | null = secrets.initial ?? null;
  const queue: ConnectorCommand[] = [];
  let waiter: Waiter | null = null;
  const seen = { at: 0, polling: false, state: 'stopped' as SyncStatus['connector'], error: null as string | null, nextRunAt: null as string | null };
  let progress = new Map<string, { entity: string; done: number; total: number | null }>();
  let nextRequest = 1;
  const tests = new Map<number, (r: { ok: boolean; message: string }) => void>();

  const config = (): ConnectionConfig | null => {
    const parsed = connectionConfig.safeParse(readSetting<unknown>(db, CONNECTION_KEY, null));
    return parsed.success ? parsed.data : null;
  };
  const secretFor = (c: ConnectionConfig | null): string | null => secret ?? (c ? (secrets.env?.[c.secretEnv] ?? null) : null);
  const alive = () => seen.polling || Date.now() - seen.at < SILENCE_MS;

  const send = (command: ConnectorCommand) => {
    // one pending run is enough; a newer configure replaces an older one
    if (command.kind === 'run' && queue.some((c) => c.kind === 'run')) return;
    if (command.kind === 'configure') queue.splice(0, queue.length, ...queue.filter((c) => c.kind !== 'configure'));
    queue.push(command);
    if (waiter) {
      clearTimeout(waiter.timer);
      const w = waiter;
      waiter = null;
      w.resolve(queue.shift()!);
    }
  };
  const configureCommand = (): ConnectorCommand => {
    const c = config();
    return { kind: 'configure', config: c, secret: secretFor(c) };
  };
  const changed = (entities: string[]) => bus.emit('data.changed', { entities });
  const requireConnector = () => {
    if (!config()) throw new AppError('conflict', 'No ERP connection is set: fill in the connection first');
    if (!alive()) throw new AppError('unavailable', 'The connector is not running: it restarts by itself, try again in a moment');
  };

  const view = (): Output<'erp.connection'> => {
    const c = config();
    const source = secret ? (secrets.canStore ? 'stored' : 'session') : c && secrets.env?.[c.secretEnv] ? 'env' : 'missing';
    return { config: c, secret: source, canStoreSecret: secrets.canStore };
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

    /** The secret main decrypted at start (desktop app). */
    useSecret(s: string) {
      secret = s;
      send(configureCommand());
    },
    status,

    save({ config: c, secret: typed }: ParsedInput<'erp.saveConnection'>, by: number | null) {
      const before = config();
      writeSetting(db, CONNECTION_KEY, c, now());
      // the audit keeps what changed, never the secret
      writeAudit(db, { entity: 'erp_connection', entityId: 1, action: before ? 'update' : 'create', oldValue: before, newValue: c, by, at: now(), source: 'user' });
      if (typed) {
        secret = typed;
        secrets.persist?.(typed);
      }
      send(configureCommand());
      changed(['sync']);
      return view();
    },

    async test({ config: c, secret: typed }: ParsedInput<'erp.testConnection'>): Promise<Output<'erp.testConnection'>> {
      if (!alive()) throw new AppError('unavailable', 'The connector is not running: it restarts by itself, try again in a moment');
      const s = typed ?? secretFor(c);
      if (!s) return { ok: false, message: `No password or API key: type it, or set $${c.secretEnv} where Comptoir runs` };
      const requestId = nextRequest++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          tests.delete(requestId);
          resolve({ ok: false, message: 'The connector did not answer within 30 s' });
        }, 30_000);
        tests.set(requestId, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
        send({ kind: 'test', requestId, config: c, secret: s });
      });
    },

    runNow() {
      requireConnector();
      send({ kind: 'run', trigger: 'manual' });
      return status();
    },

    /** The connector's long poll: its state in, the next command out (or `none` after `waitMs`). */
    next(input: ParsedInput<'connector.next'>): Promise<ConnectorCommand> {
      const wasAlive = alive();
      Object.assign(seen, { at: Date.now(), state: input.state, error: input.error, nextRunAt: input.nextRunAt });
      if (input.hello) {
        // a fresh connector: a run left open by the one before it did not finish
        if (abandonRuns(db, 'the connector stopped during this run', now()) > 0) changed(['sync']);
        send(configureCommand());
      }
      if (!wasAlive) changed(['sync']);
      if (waiter) {
        clearTimeout(waiter.timer);
        waiter.resolve({ kind: 'none' });
        waiter = null;
      }
      if (queue.length > 0) return Promise.resolve(queue.shift()!);
      seen.polling = true;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiter = null;
          seen.polling = false;
          seen.at = Date.now();
          resolve({ kind: 'none' });
        }, input.waitMs);
        waiter = {
          resolve: (c) => {
            seen.polling = false;
            seen.at = Date.now();
            resolve(c);
          },
          timer,
        };
      });
    },

    /** The port to the connector closed: it is gone until the host restarts it. */
    disconnected() {
      if (waiter) {
        clearTimeout(waiter.timer);
        waiter = null;
      }
      seen.polling = false;
      seen.at = 0;
      changed(['sync']);
    },

    answer({ requestId, ok, message }: ParsedInput<'connector.answer'>) {
      tests.get(requestId)?.({ ok, message });
      tests.delete(requestId);
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
      if (!finishRun(db, runId, { entities, pushed }, error, now())) throw notFound('Running sync run', runId);
      progress = new Map();
      changed(['sync']);
      return {};
    },

    retry(id: number, by: number | null) {
      const row = outboxRow(db, id);
      if (!row) throw notFound('Outbox item', id);
      if (row.status !== 'failed' && row.status !== 'pending')
        throw new AppError('conflict', `Outbox item ${id} is ${row.status}: only a stopped or waiting item can be sent again`, { status: row.status });
      db.$client.transaction(() => {
        retryOutbox(db, id);
        writeAudit(db, { entity: 'outbox', entityId: id, action: 'update', field: 'status', oldValue: row.status, newValue: 'pending', by, at: now(), source: 'user' });
      })();
      changed(['outbox', 'sync']);
      if (alive() && config()) send({ kind: 'run', trigger: 'manual' });
      return status();
    },

    cancel(id: number, by: number | null) {
      const row = outboxRow(db, id);
      if (!row) throw notFound('Outbox item', id);
      if (row.status !== 'failed' && row.status !== 'pending')
        throw new AppError('conflict', `Outbox item ${id} is ${row.status}: only a stopped or waiting item can be cancelled`, { status: row.status });
      db.$client.transaction(() => {
        cancelOutbox(db, id, now());
        writeAudit(db, { entity: 'outbox', entityId: id, action: 'update', field: 'status', oldValue: row.status, newValue: 'cancelled', by, at: now(), source: 'user' });
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
