import { describeBody, ErpError } from '../adapter';

export type TrytonConfig = { url: string; database: string; login: string; secret: string; timeoutMs?: number };

/**
 * Tryton's values over JSON-RPC: datetimes and decimals travel as `{"__class__": …}` objects
 * (tryton-notes.md). Datetimes become ISO strings in UTC, decimals plain strings (exact).
 */
export function decodeTryton(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeTryton);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (o.__class__ === 'datetime') {
    const p = (n: unknown, w = 2) => String(n).padStart(w, '0');
    return `${p(o.year, 4)}-${p(o.month)}-${p(o.day)}T${p(o.hour)}:${p(o.minute)}:${p(o.second)}.${p(Math.floor(Number(o.microsecond ?? 0) / 1000), 3)}Z`;
  }
  if (o.__class__ === 'date') return `${String(o.year).padStart(4, '0')}-${String(o.month).padStart(2, '0')}-${String(o.day).padStart(2, '0')}`;
  if (o.__class__ === 'Decimal') return String(o.decimal);
  if (o.__class__ === 'timedelta') return Number(o.seconds ?? 0);
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decodeTryton(x)]));
}

/** A Tryton decimal for a call, exact: from a number or its text. */
export const trytonDecimal = (x: number | string) => ({ __class__: 'Decimal', decimal: String(x) });

/** A Tryton date for a call, from YYYY-MM-DD or an ISO instant (its UTC day). */
export function trytonDate(iso: string) {
  const day = iso.length === 10 ? iso : new Date(iso).toISOString().slice(0, 10);
  return { __class__: 'date', year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}

/** A Tryton datetime for a domain, from an ISO instant. */
export function trytonDatetime(iso: string) {
  const d = new Date(iso);
  return {
    __class__: 'datetime',
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    microsecond: d.getUTCMilliseconds() * 1000,
  };
}

/** JSON-RPC to `/<db>/` with a session (`common.db.login`); a 401 logs in again once. */
export function trytonTransport(cfg: TrytonConfig) {
  const url = `${cfg.url.replace(/\/$/, '')}/${encodeURIComponent(cfg.database)}/`;
  const timeout = cfg.timeoutMs ?? 30_000;
  let auth: string | null = null;
  /** The user's context (company…), sent with every call as Tryton's own clients do: company-dependent values depend on it. */
  let userContext: Record<string, unknown> = {};
  let seq = 0;
  /** Tryton's clock, from the Date header of its last answer */
  let serverNow: string | null = null;

  async function rpc(method: string, params: unknown[], withAuth: boolean): Promise<{ status: number; body: unknown }> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(withAuth && auth ? { Authorization: auth } : {}) },
        body: JSON.stringify({ id: ++seq, method, params }),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (err) {
      const why =
        err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${timeout} ms` : err instanceof Error ? err.message : String(err);
      throw new ErpError(`Tryton at ${url} cannot be reached: ${why}`, 'network', true);
    }
    const text = await res.text();
    const date = Date.parse(res.headers.get('date') ?? '');
    if (!Number.isNaN(date)) serverNow = new Date(date).toISOString();
    if (res.status === 401) return { status: 401, body: null };
    if (res.status >= 500) throw new ErpError(`Tryton at ${url} failed (HTTP ${res.status})`, 'server', true);
    try {
      return { status: res.status, body: JSON.parse(text) as unknown };
    } catch {
      throw new ErpError(
        `Tryton at ${url} answered HTTP ${res.status} with something that is not JSON (${describeBody(res, text)})`,
        'malformed',
        false,
      );
    }
  }

  const unwrap = (method: string, body: unknown): unknown => {
    const b = body as { result?: unknown; error?: unknown } | null;
    if (!b || typeof b !== 'object') throw new ErpError(`Tryton answered ${method} outside the JSON-RPC shape`, 'malformed', false);
    if (b.error) {
      const [name, args] = Array.isArray(b.error) ? (b.error as [unknown, unknown]) : [b.error, null];
      const message = Array.isArray(args) && typeof args[0] === 'string' ? args[0] : JSON.stringify(args ?? name);
      throw new ErpError(`Tryton refused ${method}: ${String(name)}: ${message}`, 'refused', false);
    }
    return decodeTryton(b.result);
  };

  async function login() {
    const { status, body } = await rpc('common.db.login', [cfg.login, { password: cfg.secret }, 'en'], false);
    if (status === 401 || (body as { error?: unknown } | null)?.error)
      throw new ErpError(`Tryton refused the login ${cfg.login} on database ${cfg.database}`, 'auth', false);
    const result = (body as { result?: unknown }).result;
    if (!Array.isArray(result) || typeof result[0] !== 'number' || typeof result[1] !== 'string')
      throw new ErpError('Tryton answered common.db.login without a session', 'malformed', false);
    auth = `Session ${Buffer.from(`${cfg.login}:${result[0]}:${result[1]}`).toString('base64')}`;
    const prefs = unwrap('model.res.user.get_preferences', (await rpc('model.res.user.get_preferences', [true, {}], true)).body) as Record<
      string,
      unknown
    > | null;
    userContext =
      prefs && typeof prefs === 'object'
        ? Object.fromEntries(Object.entries(prefs).filter(([k]) => ['company', 'companies', 'language', 'employee'].includes(k)))
        : {};
  }
  const withContext = (params: unknown[]) => {
    const last = params[params.length - 1];
    return last && typeof last === 'object' && !Array.isArray(last) ? [...params.slice(0, -1), { ...userContext, ...last }] : params;
  };

  return {
    login,
    /** When Tryton answered last, by its own clock (second precision), or null before any answer. */
    serverNow: () => serverNow,
    /** The user's context (company…) that every call carries; logs in first if needed. */
    async context(): Promise<Record<string, unknown>> {
      if (!auth) await login();
      return { ...userContext };
    },
    async call(method: string, params: unknown[]): Promise<unknown> {
      if (!auth) await login();
      let r = await rpc(method, withContext(params), true);
      if (r.status === 401) {
        await login();
        r = await rpc(method, withContext(params), true);
        if (r.status === 401) throw new ErpError('Tryton refused the session after logging in again', 'auth', false);
      }
      return unwrap(method, r.body);
    },
  };
}
export type TrytonTransport = ReturnType<typeof trytonTransport>;
