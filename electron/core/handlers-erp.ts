import type { Handlers } from '../shared/rpc';
import type { ErpLink } from './erp-link';
import type { Actor } from './context';

type ErpMethods =
  | 'erp.connection'
  | 'erp.saveConnection'
  | 'erp.testConnection'
  | 'erp.cancelTest'
  | 'sync.status'
  | 'sync.runNow'
  | 'outbox.retry'
  | 'outbox.cancel'
  | 'conflicts.resolve'
  | 'connector.next'
  | 'connector.answer'
  | 'sync.runStart'
  | 'sync.runProgress'
  | 'sync.runFinish';

/** The ERP connection, the sync panel and the connector's own calls (issue: connector). */
export function erpHandlers(link: ErpLink, actor: () => Actor): Pick<Handlers, ErpMethods> {
  return {
    'erp.connection': () => link.connection(),
    'erp.saveConnection': (input) => link.save(input, actor().userId),
    'erp.testConnection': (input) => link.test(input),
    'erp.cancelTest': () => link.cancelTest(),
    'sync.status': () => link.status(),
    'sync.runNow': () => link.runNow(),
    'outbox.retry': ({ id }) => link.retry(id, actor().userId),
    'outbox.cancel': ({ id }) => link.cancel(id, actor().userId),
    'conflicts.resolve': ({ id, resolution }) => link.resolveConflict(id, resolution),
    'connector.next': (input) => link.next(input),
    'connector.answer': (input) => link.answer(input),
    'sync.runStart': (input) => link.runStart(input),
    'sync.runProgress': (input) => link.runProgress(input),
    'sync.runFinish': (input) => link.runFinish(input),
  };
}
