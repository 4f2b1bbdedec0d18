import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Pool } from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import { HUB_ADMIN, HUB_PUBLIC, hubContract, isHubMethod } from '../shared/contract/hub';
import { AppError, type ErrorCode, type SerializedError } from '../shared/errors';
import { invalidInput } from '../shared/rpc';
import { sessionOf, type Session } from './auth';
import type { Clock } from './db';
import { feedNotifier } from './notify';
import { hubHandlers, type HubHandlers } from './handlers';

export const MAX_BODY = 8 * 1024 * 1024;
/** A document's content (25 MB) as base64, with its call around it. */
const MAX_DOCUMENT_BODY = 36 * 1024 * 1024;
const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_method: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

export type HubServer = { url: string; close: () => Promise<void>; server: Server };
export type HubOptions = { pool: Pool; now?: Clock; host?: string; port?: number; tls?: { cert: string; key: string }; log?: (m: string) => void };

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new AppError('invalid_input', `A request is limited to ${limit} bytes`, { reason: 'hub.tooLarge', maximum: limit }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const bearer = (req: IncomingMessage) => /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
const isLoopback = (host: string) => host === '127.0.0.1' || host === '::1' || host === 'localhost';

/** One call: method from the path, input checked by the contract, session and role checked before the handler runs. */
async function handle(handlers: HubHandlers, pool: Pool, now: Clock, method: string, req: IncomingMessage): Promise<unknown> {
  if (!isHubMethod(method)) throw new AppError('unknown_method', `Unknown method: ${method.slice(0, 60)}`, { method: method.slice(0, 60) });
  const raw = await readBody(req, method === 'documents.put' ? MAX_DOCUMENT_BODY : MAX_BODY);
  let body: unknown;
  try {
    body = raw === '' ? {} : JSON.parse(raw);
  } catch {
    throw new AppError('invalid_input', 'The body is not JSON', { reason: 'hub.notJson' });
  }
  const session: Session | null = HUB_PUBLIC.has(method) ? null : await sessionOf(pool, bearer(req), now);
  if (session && HUB_ADMIN.has(method) && !session.roles.includes('admin'))
    throw new AppError('forbidden', `${method} is for the team's admins`, { reason: 'hub.adminOnly', method });
  const parsed = hubContract[method].input.safeParse(body);
  if (!parsed.success) throw invalidInput(method, parsed.error);
  const handler = handlers[method] as (input: unknown, s: Session | null) => Promise<unknown>;
  return handler(parsed.data, session);
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Pokes (TEAM.md protocol 9): every instance LISTENs on PostgreSQL, so a change pushed through
 * any of them reaches the desks connected to each; a poke carries no data, only « pull now ». A
 * listening connection lost (PostgreSQL restarted) is opened again, and the desks are poked then:
 * what was committed meanwhile is pulled.
 */
function listen(pool: Pool, onChange: () => void): { stop: () => void } {
  let dropCurrent: (() => void) | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const open = async () => {
    try {
      const c = await pool.connect();
      let gone = false;
      const drop = (err?: Error) => {
        if (gone) return;
        gone = true;
        dropCurrent = null;
        c.release(err ?? true);
        if (!stopped) timer = setTimeout(() => void open(), 500);
      };
      c.on('notification', onChange);
      c.on('error', drop);
      await c.query('LISTEN comptoir_changes');
      if (stopped) return drop();
      dropCurrent = () => drop();
      onChange();
    } catch {
      if (!stopped) timer = setTimeout(() => void open(), 500);
    }
  };
  void open();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      dropCurrent?.();
    },
  };
}

/** Desks with a valid session keep a WebSocket open at /poke to hear « pull now ». */
function acceptPokes(server: Server, pool: Pool, now: Clock, sockets: Set<WebSocket>): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (url.pathname !== '/poke') return socket.destroy();
    sessionOf(pool, url.searchParams.get('token') ?? bearer(req), now).then(
      () =>
        wss.handleUpgrade(req, socket, head, (ws) => {
          sockets.add(ws);
          ws.on('close', () => sockets.delete(ws));
        }),
      () => {
        socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
        socket.destroy();
      },
    );
  });
  return wss;
}

/** The hub's HTTP(S) service: POST /rpc/<method>, GET /health, and the poke WebSocket at /poke. */
export async function startHub(options: HubOptions): Promise<HubServer> {
  const { pool } = options;
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  if (!options.tls && !isLoopback(host))
    throw new Error(`The hub serves ${host} only over TLS: give --tls-cert and --tls-key (plain HTTP is for loopback)`);
  const sockets = new Set<WebSocket>();
  let timer: NodeJS.Timeout | null = null;
  const pokeAll = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      for (const ws of sockets) ws.send(JSON.stringify({ type: 'poke' }));
    }, 10);
  };
  const listener = listen(pool, pokeAll);
  const notifier = feedNotifier(pool, 5, (err) => options.log?.(`hub notify failed: ${err.message}`));
  const handlers = hubHandlers({ pool, now, changed: () => notifier.changed() });
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { ok: true });
    const m = /^\/rpc\/([a-zA-Z.]+)$/.exec(url.pathname);
    if (req.method !== 'POST' || !m)
      return send(res, 404, { ok: false, error: { code: 'unknown_method', message: 'POST /rpc/<method>', details: undefined } });
    handle(handlers, pool, now, m[1]!, req).then(
      (value) => send(res, 200, { ok: true, value }),
      (err: unknown) => {
        const error: SerializedError =
          err instanceof AppError ? err.toJSON() : { code: 'internal', message: 'The hub failed: the change was not applied', details: undefined };
        if (!(err instanceof AppError)) options.log?.(`hub ${m[1]} failed: ${err instanceof Error ? err.stack : String(err)}`);
        send(res, STATUS[error.code], { ok: false, error });
      },
    );
  };
  const server = options.tls ? createHttps({ cert: options.tls.cert, key: options.tls.key }, onRequest) : createHttp(onRequest);
  const wss = acceptPokes(server, pool, now, sockets);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  const stopServing = async () => {
    for (const ws of sockets) ws.terminate();
    wss.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    notifier.stop();
    listener.stop();
  };
  return {
    url: `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    server,
    close: async () => {
      if (closing) return closing;
      closing = stopServing();
      return closing;
    },
  };
}
