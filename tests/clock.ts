/**
 * The one clock a test starts everything on: the demo generator, the Tryton writer, core, the
 * adapters, the connector, and the Tryton server itself (libfaketime moves its clock to ours).
 * No test reads the machine's date.
 *
 * The default day comes from `COMPTOIR_TEST_NOW` (ISO, UTC) when set, else a fixed Monday.
 * `CHOSEN_DAYS` are the days the date-sensitive suites also run on (DESIGN.md §9).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../electron/shared/dates';

export const DEFAULT_NOW = '2026-11-30T10:00:00.000Z';

/** The 1st of a month, the last day of a year (its suites then step into 1 January), 29 February. */
export const CHOSEN_DAYS = ['2027-03-01T10:00:00.000Z', '2026-12-31T10:00:00.000Z', '2028-02-29T10:00:00.000Z'] as const;

export type TestClock = {
  /** the current instant, ISO with Z; it only moves when the test moves it */
  now: () => string;
  /** the current date, YYYY-MM-DD (UTC) */
  today: () => string;
  set: (iso: string) => void;
  /** moves to `days` later at the given UTC hour (the next day at 09:00 by default) */
  nextDay: (days?: number, hour?: number) => void;
  /** environment for a Python child process (trytond) whose own clock must start at ours; writes its helper into `dir` */
  processEnv: (dir: string) => Record<string, string>;
};

const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

// libfaketime 0.9.10 with a real monotonic clock answers EINVAL to Python's time.sleep (an absolute
// clock_nanosleep); timed waits and select() are fine, so sleep goes through select()
const SITECUSTOMIZE = `import select, time
def _sleep(seconds):
    if seconds > 0:
        select.select([], [], [], seconds)
time.sleep = _sleep
`;

export function testClock(start: string = process.env.COMPTOIR_TEST_NOW ?? DEFAULT_NOW): TestClock {
  const check = (iso: string) => {
    if (Number.isNaN(Date.parse(iso)) || !iso.endsWith('Z')) throw new Error(`test clock: not an ISO instant in UTC: ${iso}`);
    return new Date(iso).toISOString();
  };
  let current = check(start);
  /** the last process's clock: where it started, by ours, and when, by the machine's */
  let started: { fake: number; real: number } | null = null;
  return {
    now: () => current,
    today: () => current.slice(0, 10),
    set: (iso) => (current = check(iso)),
    nextDay: (days = 1, hour = 9) => (current = check(`${addDays(current, days)}T${String(hour).padStart(2, '0')}:00:00.000Z`)),
    processEnv: (dir) => {
      writeFileSync(join(dir, 'sitecustomize.py'), SITECUSTOMIZE);
      // a process started again (Tryton restarted in a test) goes on from where the last one's clock is
      // now, unless the test moved ours further: its records never look stamped in its future
      const fake = Math.max(Date.parse(current), started ? started.fake + (Date.now() - started.real) : 0);
      started = { fake, real: Date.now() };
      const at = new Date(fake).toISOString();
      return {
        PYTHONPATH: dir,
        LD_PRELOAD: LIBFAKETIME,
        // starts at our instant and runs on from there, as a real clock would
        FAKETIME: `@${at.slice(0, 19).replace('T', ' ')}`,
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
        FAKETIME_DONT_RESET: '1',
        TZ: 'UTC',
      };
    },
  };
}
