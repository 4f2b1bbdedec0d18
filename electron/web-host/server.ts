import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Core } from '../core/core';
import type { Logger } from '../shared/log';
import { serveStatic } from './static';
import { wsPort } from './ws-port';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // AG Grid sets inline styles on cells
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The largest message a client may send: a 25 MB document as base64, with its call around it. */
const MAX_MESSAGE = 40 * 1024 * 1024;

export type WebHost = {
  url: string;
  port: number;
  token: string;
  /** core started again (a restore): the pages' connections are closed, they reconnect to this one */
  useCore(core: Core): void;
  close(): Promise<void>;
};

export type WebHostOptions = { core: Core; port: number; rendererDir: string; log: Logger; token?: string };

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Splits `/<token>/rest` and checks the token; null when it is missing or wrong. */
function authorize(url: string | undefined, token: string): string | null {
  const path = (url ?? '/').split('?')[0]!;
  const match = /^\/([^/]+)(\/.*)?$/.exec(path);
  if (!match || !sameToken(match[1]!, token)) return null;
  return match[2] ?? '';
}

function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function refuse(socket: Duplex, status: string) {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * A stored document (only one core knows, by its hash): PDFs and images shown in the browser,
 * anything else downloaded under its name; never run as a page of the app (its own sandboxed origin).
 */
function serveDocument(file: { path: string; name: string; mime: string } | null, res: ServerResponse) {
  if (!file) return void res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('404 Not found\n');
  const shown = file.mime === 'application/pdf' || file.mime.startsWith('image/');
  res.writeHead(200, {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy':
      file.mime === 'application/pdf' ? "default-src 'none'; img-src 'self'; object-src 'self'" : "sandbox; default-src 'none'; img-src 'self'",
    'Content-Type': file.mime,
    'Content-Disposition': `${shown ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'Cache-Control': 'private, max-age=31536000, immutable',
  });
  createReadStream(file.path).pipe(res);
}

/**
 * The app without Electron: serves the renderer build and the contract over a WebSocket on
 * 127.0.0.1 only. Every request must carry the random token as its first path segment.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { rendererDir, log } = options;
  let core = options.core;
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = options.port;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });

  const server: Server = createServer((req, res) => {
    const rest = authorize(req.url, token);
    if (rest === null || !hostAllowed(req, port)) {
      res
        .writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
        .end('401 Unauthorized: this address needs its token\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    if (rest === '') {
      res.writeHead(301, { ...SECURITY_HEADERS, Location: `/${token}/` }).end();
      return;
    }
    const doc = /^\/documents\/([0-9a-f]{64})$/.exec(rest);
    if (doc) return void core.documentFile(doc[1]!).then((file) => serveDocument(file, res));
    const served = serveStatic(rendererDir, rest.slice(1), res, SECURITY_HEADERS);
    if (served === 'not found') res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('404 Not found\n');
    if (served === 'bad request') res.writeHead(400, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('400 Bad request\n');
  });

  server.on('upgrade', (req, socket, head) => {
    const rest = authorize(req.url, token);
    if (rest !== '/rpc' || !hostAllowed(req, port)) return refuse(socket, '401 Unauthorized');
    const origin = req.headers.origin;
    if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return refuse(socket, '403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => {
      // an oversized or broken frame closes this connection only (ws reports it as an error)
      ws.on('error', (err) => log.warn('client connection closed on error', { error: err.message }));
      const stop = core.serve(wsPort(ws, (reason) => log.warn('bad frame from client', { reason })));
      ws.on('close', stop);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address && typeof address === 'object') port = address.port;

  return {
    url: `http://127.0.0.1:${port}/${token}/`,
    port,
    token,
    useCore: (next) => {
      core = next;
      for (const client of wss.clients) client.close(1012, 'core restarted');
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
