import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { requestPathInside } from '../shared/text';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Serves a file of the renderer build, never one outside its folder: 'bad request' for a malformed path. */
export function serveStatic(
  root: string,
  relPath: string,
  res: ServerResponse,
  headers: Record<string, string>,
): 'served' | 'not found' | 'bad request' {
  const clean = requestPathInside(relPath);
  if (clean === null) return 'bad request';
  const file = join(root, clean);
  if (!existsSync(file) || !statSync(file).isFile()) return 'not found';
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const cache = clean.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': cache });
  createReadStream(file).pipe(res);
  return 'served';
}
