import type { Handlers } from '../shared/rpc';
import type { DeskCare } from './desk-care';

type DeskMethods = 'backups.list' | 'backups.create' | 'backups.restore' | 'backups.dismissNotice';

/** The desk's own file: its backups and a restore (Paramètres). */
export function deskHandlers(care: DeskCare): Pick<Handlers, DeskMethods> {
  return {
    'backups.list': () => care.status(),
    'backups.create': () => care.create(),
    'backups.restore': ({ name }) => care.restore(name),
    'backups.dismissNotice': () => care.dismissNotice(),
  };
}
