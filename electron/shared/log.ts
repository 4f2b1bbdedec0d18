/**
 * A one-line structured logger for the Node processes (core, connector, web host, hub, main):
 * JSON lines with a level, filtered by the lowest level kept. Never logs a secret: every field
 * whose name says it holds one is replaced, and so is a secret written inside a text (a bearer
 * token, a password in an address).
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';
export const LEVELS: readonly Level[] = ['debug', 'info', 'warn', 'error'];

export type Logger = {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
};

/** Field names that hold a secret, whatever their case or prefix (`erpPassword`, `api_key`, `Authorization`…). */
const SECRET_KEY = /pass(word|wd)?|secret|token|api[-_]?key|authorization|cookie|session[-_]?id|credential/i;
export const REDACTED = '[secret]';

/** A text with the secrets it may carry blanked: `Bearer …`, `user:password@` in an address, `password=…` in a query. */
export function scrubText(text: string): string {
  return text
    .replace(/(bearer|basic)\s+[\w\-.~+/=]{8,}/gi, `$1 ${REDACTED}`)
    .replace(/(\w+:\/\/[^\s/:@]+):[^\s/@]+@/g, `$1:${REDACTED}@`)
    .replace(/((?:pass(?:word)?|secret|token|api[-_]?key)=)[^\s&"']+/gi, `$1${REDACTED}`);
}

/** A value made fit for a log: secret fields replaced, texts scrubbed, depth and size bounded. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value.length > 4_000 ? `${value.slice(0, 4_000)}…` : value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 5) return '[…]';
  if (value instanceof Error) return scrubText(value.stack ?? value.message);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1);
  return out;
}

/** `sink` receives each JSON line (a process passes its stderr); lines below `level` are dropped. */
export function createLogger(name: string, sink: (line: string) => void, level: Level = 'info'): Logger {
  const lowest = LEVELS.indexOf(level);
  const write = (at: Level, message: string, data?: Record<string, unknown>) => {
    if (LEVELS.indexOf(at) < lowest) return;
    sink(JSON.stringify({ t: new Date().toISOString(), level: at, name, message: scrubText(message), ...(redact(data ?? {}) as object) }));
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

/** `COMPTOIR_LOG_LEVEL` (debug, info, warn, error), info when unset or not one of them. */
export function levelFrom(value: string | undefined): Level {
  return LEVELS.includes(value as Level) ? (value as Level) : 'info';
}

export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
