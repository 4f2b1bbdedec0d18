import { z } from 'zod';
import type { ErpAdapter } from './adapter';
import { odooAdapter } from './odoo/adapter';
import { json2Transport, jsonRpcTransport } from './odoo/transport';
import { trytonAdapter } from './tryton/adapter';
import { trytonTransport } from './tryton/transport';

/**
 * The ERP connection as a file holds it: never the secret itself, only the name of the
 * environment variable that carries it (the desktop app keeps it with Electron safeStorage).
 */
export const connectionConfig = z
  .object({
    type: z.enum(['tryton', 'odoo-jsonrpc', 'odoo-json2']),
    url: z.url('the ERP address must be a URL (http://host:port)'),
    database: z.string().min(1, 'the database name is required'),
    login: z.string().min(1, 'the login is required'),
    secretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'the name of an environment variable, e.g. COMPTOIR_ERP_SECRET'),
    /** Odoo only: 16–19, for the field names that changed between versions */
    version: z.number().int().min(16).max(30).optional(),
    pageSize: z.number().int().min(10).max(5_000).default(500),
    overlapSeconds: z.number().int().min(0).max(86_400).default(300),
    intervalMinutes: z.number().int().min(1).max(1_440).default(5),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.type !== 'tryton' && c.version === undefined)
      ctx.addIssue({ code: 'custom', path: ['version'], message: 'say which Odoo version (16–19)' });
    if (c.type === 'odoo-json2' && (c.version ?? 19) < 19) ctx.addIssue({ code: 'custom', path: ['version'], message: 'JSON-2 exists from Odoo 19' });
  });
export type ConnectionConfig = z.output<typeof connectionConfig>;

export function adapterFor(c: ConnectionConfig, secret: string, now?: () => string): ErpAdapter {
  const cfg = { url: c.url, database: c.database, login: c.login, secret };
  if (c.type === 'tryton') return trytonAdapter(trytonTransport(cfg), now);
  return odooAdapter(c.type === 'odoo-json2' ? json2Transport(cfg) : jsonRpcTransport(cfg), c.version!, now);
}
