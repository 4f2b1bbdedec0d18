import { net, protocol } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { requestPathInside } from '../shared/text';
import { APP_SCHEME } from './security';
import { documentFile } from './documents';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Resolves a request path inside the renderer folder, or null for anything outside it. */
export function resolveInside(root: string, pathname: string): string | null {
  const rel = requestPathInside(pathname);
  return rel === null ? null : join(root, rel);
}

/** Serves the renderer build from app://comptoir/ with a strict CSP, instead of file://; a stored document under documents/<hash>. */
export function serveRenderer(rendererDir: string, documentsDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const doc = /^\/documents\/([0-9a-f]{64})$/.exec(url.pathname);
    if (doc) {
      const stored = documentFile(documentsDir, doc[1]!, url.searchParams.get('name') ?? '');
      if (!stored) return new Response('Not found', { status: 404 });
      const response = await net.fetch(pathToFileURL(stored.path).toString());
      return new Response(response.body, {
        status: 200,
        headers: {
          'Content-Type': stored.mime,
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'",
        },
      });
    }
    const file = resolveInside(rendererDir, url.pathname);
    if (!file) return new Response('Bad request', { status: 400 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
