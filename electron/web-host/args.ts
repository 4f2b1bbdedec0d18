import { eachFlag, portOf } from '../shared/cli-args';
import type { Preset } from '../shared/demo';

export type HostArgs = {
  port: number;
  dbPath: string | null;
  demo: Preset | 'none';
  rendererDir: string | null;
  erpConfig: string | null;
  /** the clock starts at this instant (tests); the machine's otherwise */
  now: string | null;
};

const PRESETS = ['small', 'default', 'large', 'none'] as const;

/** Parses `[--port N] [--db PATH] [--demo small|default|large|none] [--renderer DIR] [--erp FILE] [--now ISO]`; throws a clear message on anything else. */
export function parseHostArgs(argv: string[]): HostArgs {
  const out: HostArgs = { port: 4780, dbPath: null, demo: 'default', rendererDir: null, erpConfig: null, now: null };
  eachFlag(argv, (name, value, flag) => {
    switch (name) {
      case '--port':
        out.port = portOf(value());
        break;
      case '--db':
        out.dbPath = value();
        break;
      case '--demo': {
        const v = value();
        if (!(PRESETS as readonly string[]).includes(v)) throw new Error(`--demo must be one of ${PRESETS.join(', ')}, got "${v}"`);
        out.demo = v as HostArgs['demo'];
        break;
      }
      case '--renderer':
        out.rendererDir = value();
        break;
      case '--erp':
        out.erpConfig = value();
        break;
      case '--now': {
        const v = value();
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(v) || Number.isNaN(Date.parse(v)))
          throw new Error(`--now must be an instant in UTC such as 2026-11-30T10:00:00Z, got "${v}"`);
        out.now = new Date(v).toISOString();
        break;
      }
      default:
        throw new Error(`unknown option ${flag} (options: --port N, --db PATH, --demo small|default|large|none, --erp FILE, --now ISO)`);
    }
  });
  return out;
}
