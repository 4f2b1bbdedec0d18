import { createInterface } from 'node:readline';
import { pino } from 'pino';
import pinoRoll from 'pino-roll';
import { createLogger, LEVELS, redact, scrubText, type Level, type Logger } from '../shared/log';

/** Each file up to 5 MB, the newest 5 kept: the logs of a few weeks of use in 25 MB at most. */
export const LOG_FILE_SIZE = '5m';
export const LOG_FILES_KEPT = 5;

export type LogFile = {
  /** a logger of one process (main), writing to the file */
  logger(name: string): Logger;
  /** the lines a child process writes (core's JSON lines, the connector's text), each kept under its name */
  pipe(name: string, stream: NodeJS.ReadableStream | null | undefined): void;
  flush(): void;
};

/**
 * The desktop app's logs (issue 15): rotating files in `<userData>/logs` written by pino through
 * pino-roll (`comptoir.<n>.log`), one JSON line per entry with its level; lines below `level`
 * are dropped. Every entry goes through the shared redaction first: no secret reaches the file.
 */
export async function openLogFile(dir: string, level: Level, size: string = LOG_FILE_SIZE): Promise<LogFile> {
  const stream = await pinoRoll({ file: `${dir}/comptoir`, extension: '.log', size, limit: { count: LOG_FILES_KEPT }, mkdir: true });
  // the file is open before the first entry is written (a folder made, a number picked)
  if ((stream as unknown as { fd: number }).fd < 0) await new Promise((resolve) => stream.once('ready', resolve));
  const root = pino({ level, base: null, timestamp: pino.stdTimeFunctions.isoTime, messageKey: 'message' }, stream);
  const entry = (name: string, at: Level, message: string, data: Record<string, unknown>) =>
    root[at]({ name, ...(redact(data) as object) }, scrubText(message));
  return {
    logger: (name) =>
      createLogger(
        name,
        (line) => {
          const { level: at, message, t: _t, name: _n, ...data } = JSON.parse(line) as { level: Level; message: string; t: string; name: string };
          entry(name, at, message, data);
        },
        level,
      ),
    pipe: (name, input) => {
      if (!input) return;
      createInterface({ input }).on('line', (line) => {
        try {
          const parsed = JSON.parse(line) as { level?: unknown; message?: unknown; t?: unknown; name?: unknown };
          const { level: at, message, t: _t, name: _n, ...data } = parsed;
          const lvl = LEVELS.includes(at as Level) ? (at as Level) : 'info';
          entry(typeof parsed.name === 'string' ? parsed.name : name, lvl, typeof message === 'string' ? message : '', data);
        } catch {
          // a plain line (the connector's, a crash's stack)
          entry(name, 'info', line, {});
        }
      });
    },
    flush: () => stream.flushSync(),
  };
}
