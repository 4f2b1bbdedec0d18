import type { ConnectionConfig, ConnectorCommand, Input, Method, Output, SyncStatus } from '../shared/contract';
import type { ErpAdapter } from './adapter';
import { adapterFor as realAdapterFor } from './config';
import { scrubSecret } from '../shared/text';
import { pullCycle, pushCycle, unreachable, type EntityReport } from './cycle';

type CoreCall = <M extends Method>(method: M, input: Input<M>) => Promise<Output<M>>;
type Trigger = 'schedule' | 'manual' | 'start';

export type RunnerOptions = {
  call: CoreCall;
  adapterFor?: (config: ConnectionConfig, secret: string, now?: () => string) => ErpAdapter;
  /** the connector's clock (tests inject theirs); the machine's by default */
  now?: () => string;
  log?: (message: string) => void;
  /** longest long poll, ms */
  maxWaitMs?: number;
  /** first retry after a failed cycle, ms (doubles up to the interval) */
  retryMs?: number;
};

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The connector's loop (DESIGN.md §5, §8): long-polls core for commands (configure, run now, test a
 * connection), runs a cycle at start, every `intervalMinutes` and on demand — pull in dependency
 * order, then push the outbox — and reports progress and the outcome to core. A failed cycle is
 * retried sooner, with backoff, never faster than `retryMs`. It never opens the database.
 */
export function startRunner(o: RunnerOptions) {
  const adapterFor = o.adapterFor ?? realAdapterFor;
  const maxWait = o.maxWaitMs ?? 25_000;
  const retryMs = o.retryMs ?? 15_000;
  let config: ConnectionConfig | null = null;
  let secret: string | null = null;
  let adapter: ErpAdapter | null = null;
  let state: SyncStatus['connector'] = 'not_configured';
  let error: string | null = null;
  let nextRunAt: number | null = null;
  let nextTrigger: Trigger = 'start';
  let failures = 0;
  let stopped = false;
  let hello = true;
  /** the connection test in flight: dropped when core says its caller gave up */
  let testing: number | null = null;
  /** nothing leaves the connector (to core, to its log) with the secret in it */
  const clean = (text: string) => scrubSecret(text, secret, config?.login);
  const log = (m: string) => o.log?.(clean(m));

  const configure = (c: Extract<ConnectorCommand, { kind: 'configure' }>) => {
    const first = config === null;
    config = c.config;
    secret = c.secret;
    adapter = null;
    failures = 0;
    if (!config) {
      [state, error, nextRunAt] = ['not_configured', null, null];
    } else if (!secret) {
      [state, error, nextRunAt] = ['idle', `No password or API key: type it in the connection screen, or set $${config.secretEnv}`, null];
    } else {
      [state, error, nextRunAt, nextTrigger] = ['idle', null, Date.now(), first ? 'start' : 'manual'];
    }
  };

  const cycle = async (trigger: Trigger) => {
    if (!config || !secret) return;
    const c = config;
    state = 'running';
    const { runId } = await o.call('sync.runStart', { trigger });
    let reports: EntityReport[] = [];
    let pushed = 0;
    let failure: string | null = null;
    let down = false;
    try {
      adapter ??= adapterFor(c, secret, o.now);
      await adapter.login();
      reports = await pullCycle(adapter, o.call, {
        pageSize: c.pageSize,
        overlapSeconds: c.overlapSeconds,
        now: o.now,
        onPage: (entity, done) => o.call('sync.runProgress', { runId, entity, done, total: null }),
      });
      const push = await pushCycle(adapter, o.call);
      pushed = push.pushed;
      if (push.errors.length > 0) log(`outbox: ${push.errors.join('; ')}`);
    } catch (err) {
      failure = clean(message(err));
      down = unreachable(err);
    }
    const entityError = reports.find((r) => r.error)?.error ?? null;
    await o.call('sync.runFinish', {
      runId,
      entities: reports.map(({ unreachable: _, ...r }) => ({ ...r, error: r.error === undefined ? undefined : clean(r.error).slice(0, 2_000) })),
      pushed,
      error: failure?.slice(0, 2_000) ?? null,
    });
    error = failure ?? entityError;
    state = down || reports.some((r) => r.unreachable) ? 'down' : 'idle';
    failures = error ? failures + 1 : 0;
    const interval = c.intervalMinutes * 60_000;
    nextRunAt = Date.now() + (failures > 0 ? Math.min(interval, retryMs * 2 ** (failures - 1)) : interval);
    nextTrigger = 'schedule';
  };

  /** Runs beside the loop (a slow ERP does not hold the sync up); its answer is dropped once cancelled. */
  const test = async (cmd: Extract<ConnectorCommand, { kind: 'test' }>) => {
    testing = cmd.requestId;
    let answer: { ok: boolean; message: string };
    if (!cmd.secret) answer = { ok: false, message: 'No password or API key' };
    else
      try {
        await adapterFor(cmd.config, cmd.secret, o.now).login();
        answer = { ok: true, message: `Connected to ${cmd.config.url} (${cmd.config.database}) as ${cmd.config.login}` };
      } catch (err) {
        answer = { ok: false, message: scrubSecret(message(err), cmd.secret, cmd.config.login) };
      }
    if (testing !== cmd.requestId) return;
    testing = null;
    await o.call('connector.answer', { requestId: cmd.requestId, ...answer });
  };

  const loop = async () => {
    while (!stopped) {
      const waitMs = nextRunAt === null ? maxWait : Math.max(0, Math.min(maxWait, nextRunAt - Date.now()));
      const cmd = await o.call('connector.next', {
        state,
        hello,
        error: error === null ? null : clean(error),
        nextRunAt: nextRunAt === null ? null : new Date(nextRunAt).toISOString(),
        waitMs,
      });
      hello = false;
      if (cmd.kind === 'configure') configure(cmd);
      else if (cmd.kind === 'test') void test(cmd).catch((err: unknown) => log(`connection test: ${message(err)}`));
      else if (cmd.kind === 'cancel_test' && testing === cmd.requestId) testing = null;
      else if (cmd.kind === 'run') await cycle(cmd.trigger);
      if (nextRunAt !== null && Date.now() >= nextRunAt) await cycle(nextTrigger);
    }
  };

  const done = loop();
  return {
    /** resolves when the loop ends (stopped, or core went away) */
    done,
    stop: () => {
      stopped = true;
    },
  };
}
