import WebSocket from 'ws';
import type { Input, Method, Output } from '../shared/contract';
import type { HubMethod } from '../shared/contract/hub';
import type { TeamCommand } from '../shared/contract/team';
import { retryDelayMs } from '../shared/domain/backoff';
import { AppError } from '../shared/errors';
import { hubClient, type HubClient } from './hub-client';

type CoreCall = <M extends Method>(method: M, input: Input<M>) => Promise<Output<M>>;
type Hub = { url: string; token: string; deskId: string };
type State = Input<'team.next'>['state'];

export type TeamRunnerOptions = {
  call: CoreCall;
  log?: (message: string) => void;
  maxWaitMs?: number;
  /** pull on a timer too, beside the pokes (ms) */
  pullEveryMs?: number;
  /** first retry after a failed cycle, ms (doubles, with jitter) */
  retryMs?: number;
  /** mutations per push, changes per pull page */
  batch?: number;
};

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The desk's link to its team (TEAM.md), beside the ERP sync: long-polls core for the hub and its
 * session, pushes the desk's mutations in order, then pulls pages until the feed is drained —
 * after every local change, on every poke from the hub, on reconnect and on a timer. A failed
 * cycle is retried with backoff; a session the hub refuses stops it until someone logs in again.
 */
export function startTeamRunner(o: TeamRunnerOptions) {
  const maxWait = o.maxWaitMs ?? 25_000;
  const every = o.pullEveryMs ?? 30_000;
  const batch = o.batch ?? 200;
  let hub: Hub | null = null;
  let client: HubClient | null = null;
  let state: State = 'not_configured';
  let error: string | null = null;
  let failures = 0;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let socket: WebSocket | null = null;
  const log = (m: string) => o.log?.(`[team] ${m}`);

  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    if (!stopped && hub) timer = setTimeout(() => void cycle(), ms);
  };

  async function pushAll(c: HubClient) {
    for (;;) {
      const out = await o.call('team.outgoing', { limit: batch });
      if (out.length === 0) return;
      await o.call('team.pushed', await c.call('hub.push', { mutations: out }));
      if (out.length < batch) return;
    }
  }
  async function pullAll(c: HubClient) {
    for (;;) {
      const { cursor, since } = await o.call('team.cursor', {});
      const page = await c.call('hub.pull', { cursor, limit: batch * 5, since });
      await o.call('team.applyPage', page);
      if (!page.more) return;
    }
  }

  /** Push then pull; a cycle asked for while one runs runs once more right after. */
  function cycle(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    const c = client;
    if (!c) return Promise.resolve();
    running = (async () => {
      try {
        // a gap in this desk's numbers: the hub's database may be a restored one — the pull says so (a new epoch) and renumbers
        const gap = await pushAll(c).then(
          () => null,
          (err: unknown) => {
            if (err instanceof AppError && (err.details as { reason?: string } | undefined)?.reason === 'hub.gap') return err;
            throw err;
          },
        );
        await pullAll(c);
        if (gap) await pushAll(c);
        // references for new deals, leased while online so that they are final offline too
        for (const want of await o.call('team.refsWanted', {})) await o.call('team.addRefs', await c.call('references.lease', want));
        [state, error, failures] = ['online', null, 0];
        schedule(every);
      } catch (err) {
        const refused = err instanceof AppError && err.code === 'unauthorized';
        [state, error] = [refused ? 'signed_out' : 'offline', message(err)];
        failures++;
        log(`cycle failed: ${error}`);
        if (!refused) schedule(retryDelayMs(failures, Math.random(), o.retryMs ?? 2_000, every));
      } finally {
        running = null;
      }
      if (again) {
        again = false;
        await cycle();
      }
    })();
    return running;
  }

  /** The poke socket: a message means « pull now »; reopened after a drop, and a reopen pulls. */
  function listen(h: Hub) {
    socket?.removeAllListeners();
    socket?.terminate();
    const ws = new WebSocket(`${h.url.replace(/^http/, 'ws')}/poke?token=${encodeURIComponent(h.token)}`);
    socket = ws;
    ws.on('open', () => void cycle());
    ws.on('message', () => void cycle());
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (socket === ws && !stopped && hub === h)
        setTimeout(() => hub === h && !stopped && listen(h), Math.min(every, 2_000 * Math.max(1, failures)));
    });
  }

  function configure(c: Extract<TeamCommand, { kind: 'configure' }>) {
    hub = c.hub;
    client = hub ? hubClient(hub.url, hub.token) : null;
    socket?.removeAllListeners();
    socket?.terminate();
    socket = null;
    if (!hub) {
      [state, error] = ['not_configured', null];
      return;
    }
    state = 'offline';
    listen(hub);
    void cycle();
  }

  /** A person's call to the hub (log in, users): answered to core with the hub's value or its typed error. */
  async function relay(c: Extract<TeamCommand, { kind: 'call' }>) {
    try {
      const value = await hubClient(c.url, c.token).call(c.method as HubMethod, c.input as never);
      await o.call('team.answer', { requestId: c.requestId, ok: true, value });
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('unavailable', message(err));
      await o.call('team.answer', { requestId: c.requestId, ok: false, error: { code: e.code, message: e.message, details: e.details } });
    }
  }

  const done = (async () => {
    let hello = true;
    while (!stopped) {
      const command = await o.call('team.next', { state, hello, error, waitMs: maxWait });
      hello = false;
      if (command.kind === 'configure') configure(command);
      else if (command.kind === 'sync') void cycle();
      else if (command.kind === 'call') void relay(command).catch((err: unknown) => log(`answer lost: ${message(err)}`));
    }
  })();

  return {
    done,
    /** for tests: one push and pull now */
    cycle,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.removeAllListeners();
      socket?.terminate();
    },
  };
}
