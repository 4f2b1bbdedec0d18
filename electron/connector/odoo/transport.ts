import { z } from 'zod';
import { describeBody, ErpError } from '../adapter';

export type OdooConfig = { url: string; database: string; login: string; secret: string; timeoutMs?: number };
/** One call of a model method, the same for both protocols: positional args for JSON-RPC, named for JSON-2. */
export type OdooCall = { model: string; method: string; args: unknown[]; kwargs: Record<string, unknown> };

const RETRYABLE_NAMES = ['psycopg2.errors.SerializationFailure', 'psycopg2.extensions.TransactionRollbackError', 'odoo.exceptions.ConcurrencyError'];

async function post(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Comptoir connector', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const why =
      err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : err instanceof Error ? err.message : String(err);
    throw new ErpError(`Odoo at ${url} cannot be reached: ${why}`, 'network', true);
  }
}

async function json(res: Response, url: string): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ErpError(
      `Odoo at ${url} answered HTTP ${res.status} with something that is not JSON (${describeBody(res, text)})`,
      res.status >= 500 ? 'server' : 'malformed',
      res.status >= 500,
    );
  }
}

const rpcError = z.object({
  code: z.number(),
  message: z.string(),
  data: z.object({ name: z.string(), message: z.string() }).partial().optional(),
});
const rpcEnvelope = z.union([z.object({ jsonrpc: z.literal('2.0'), result: z.unknown() }), z.object({ jsonrpc: z.literal('2.0'), error: rpcError })]);

/** Odoo 16–18 (and 19 with the deprecated services on): `/jsonrpc`, `execute_kw`, uid + key, errors inside HTTP 200. */
export function jsonRpcTransport(cfg: OdooConfig) {
  const url = `${cfg.url.replace(/\/$/, '')}/jsonrpc`;
  const timeout = cfg.timeoutMs ?? 30_000;
  let uid: number | null = null;
  let id = 0;
  const call = async (service: string, method: string, args: unknown[]): Promise<unknown> => {
    const res = await post(url, { jsonrpc: '2.0', method: 'call', id: ++id, params: { service, method, args } }, {}, timeout);
    if (res.status === 404)
      throw new ErpError(`Odoo at ${url} has no JSON-RPC service (HTTP 404): use the JSON-2 adapter (Odoo 19+)`, 'refused', false);
    if (res.status >= 500) throw new ErpError(`Odoo at ${url} failed (HTTP ${res.status})`, 'server', true);
    const parsed = rpcEnvelope.safeParse(await json(res, url));
    if (!parsed.success) throw new ErpError(`Odoo at ${url} answered outside the JSON-RPC 2.0 envelope`, 'malformed', false);
    if ('error' in parsed.data) {
      const e = parsed.data.error;
      const name = e.data?.name ?? '';
      const message = `${name || e.message}: ${e.data?.message ?? e.message}`;
      if (e.code === 100) {
        uid = null;
        throw new ErpError(`Odoo session expired: ${message}`, 'auth', true);
      }
      if (name.endsWith('AccessDenied')) throw new ErpError(`Odoo refused the credentials: ${message}`, 'auth', false);
      throw new ErpError(message, RETRYABLE_NAMES.includes(name) ? 'server' : 'refused', RETRYABLE_NAMES.includes(name));
    }
    return parsed.data.result;
  };
  const login = async () => {
    const result = await call('common', 'authenticate', [cfg.database, cfg.login, cfg.secret, {}]);
    if (result === false) throw new ErpError(`Odoo refused the login ${cfg.login} on database ${cfg.database}`, 'auth', false);
    if (typeof result !== 'number') throw new ErpError('Odoo answered authenticate with something that is not a user id', 'malformed', false);
    uid = result;
  };
  return {
    login,
    async execute({ model, method, args, kwargs }: OdooCall): Promise<unknown> {
      if (uid === null) await login();
      return call('object', 'execute_kw', [cfg.database, uid, cfg.secret, model, method, args, kwargs]);
    },
  };
}

const json2Error = z.object({ name: z.string(), message: z.string() }).passthrough();

/** Odoo 19+: `/json/2/<model>/<method>`, bearer API key, named arguments, real HTTP errors. */
export function json2Transport(cfg: OdooConfig) {
  const base = `${cfg.url.replace(/\/$/, '')}/json/2`;
  const timeout = cfg.timeoutMs ?? 30_000;
  const headers = { Authorization: `bearer ${cfg.secret}`, 'X-Odoo-Database': cfg.database };
  const execute = async ({ model, method, args, kwargs }: OdooCall): Promise<unknown> => {
    const url = `${base}/${model}/${method}`;
    // JSON-2 takes named arguments only: search_read's domain is the first positional one
    // JSON-2 takes named arguments only: the domain of a search, the values of a create, the ids of a record method
    const body =
      method === 'search_read' || method === 'search' || method === 'search_count'
        ? { domain: args[0] ?? [], ...kwargs }
        : method === 'create'
          ? { vals_list: args[0], ...kwargs }
          : method === 'write'
            ? { ids: args[0], vals: args[1], ...kwargs }
            : args.length > 0
              ? { ids: args[0], ...kwargs }
              : { ...kwargs };
    const res = await post(url, body, headers, timeout);
    const payload = await json(res, url);
    if (res.ok) return payload;
    const err = json2Error.safeParse(payload);
    const message = err.success ? `${err.data.name}: ${err.data.message}` : `HTTP ${res.status}`;
    if (res.status === 401) throw new ErpError(`Odoo refused the API key: ${message}`, 'auth', false);
    if (res.status >= 500) throw new ErpError(`Odoo failed on ${model}.${method}: ${message}`, 'server', true);
    throw new ErpError(`Odoo refused ${model}.${method} (HTTP ${res.status}): ${message}`, 'refused', false);
  };
  return {
    login: async () => {
      await execute({ model: 'res.users', method: 'context_get', args: [], kwargs: {} });
    },
    execute,
  };
}

export type OdooTransport = ReturnType<typeof jsonRpcTransport>;
