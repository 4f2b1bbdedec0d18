import type { Handlers } from '../shared/rpc';
import type { CoreContext } from './context';
import { exportDiagnostic } from './diagnostic';

type DeskMethods = 'backups.list' | 'backups.create' | 'backups.restore' | 'backups.dismissNotice' | 'diagnostic.export';

/** The desk's own file: its backups and a restore (Paramètres), the diagnostic for support. */
export function deskHandlers(ctx: CoreContext): Pick<Handlers, DeskMethods> {
  const { care } = ctx;
  return {
    'backups.list': () => care.status(),
    'backups.create': () => care.create(),
    'backups.restore': ({ name }) => care.restore(name),
    'backups.dismissNotice': () => care.dismissNotice(),
    'diagnostic.export': () => exportDiagnostic({ db: ctx.db, dbPath: ctx.dbPath, care, logsDir: ctx.logsDir, version: ctx.version, now: ctx.now() }),
  };
}
