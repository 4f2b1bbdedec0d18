/** A one-line structured logger for the Node processes (core, connector, web host, hub). Never logs secrets. */
export type Logger = {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
};

/** `sink` receives each JSON line (a process passes its stderr). */
export function createLogger(name: string, sink: (line: string) => void): Logger {
  const write = (level: string, message: string, data?: Record<string, unknown>) =>
    sink(JSON.stringify({ t: new Date().toISOString(), level, name, message, ...data }));
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
