import type { Db } from '../../db/client';
import { schemaVersion } from '../../db/client';
import { counts, listStages, listUsers, searchCustomers, searchProducts } from '../../db/queries/catalog';
import { getOpportunity } from '../../db/queries/opportunity-get';
import { listOpportunities } from '../../db/queries/opportunities-list';
import { refreshOpportunityTotals } from '../../db/queries/totals';
import type { Handlers } from '../shared/rpc';
import type { EventBus } from './event-bus';
import { getSettings, setSetting } from './settings';

export type CoreContext = {
  db: Db;
  dbPath: string;
  bus: EventBus;
  version: string;
  startedAt: string;
  now: () => string;
};

/** Every method of the contract, served by core. Inputs arrive already validated. */
export function createHandlers(ctx: CoreContext): Handlers {
  const { db, bus } = ctx;
  return {
    'app.health': () => ({
      version: ctx.version,
      schemaVersion: schemaVersion(db),
      dbPath: ctx.dbPath,
      counts: counts(db),
      startedAt: ctx.startedAt,
    }),
    'settings.get': () => getSettings(db),
    'settings.set': ({ key, value }) => {
      const settings = setSetting(db, key, value);
      if (key === 'costBasis') {
        const changed = refreshOpportunityTotals(db, { today: ctx.now().slice(0, 10) });
        if (changed > 0) bus.emit('data.changed', { entities: ['opportunities'] });
      }
      bus.emit('data.changed', { entities: ['settings'] });
      return settings;
    },
    'opportunities.list': (input) => listOpportunities(db, input, ctx.now()),
    'opportunity.get': ({ id }) => getOpportunity(db, id, ctx.now()),
    'stages.list': () => listStages(db),
    'users.list': () => listUsers(db),
    'customers.search': ({ query, limit }) => searchCustomers(db, query, limit),
    'products.search': ({ query, limit }) => searchProducts(db, query, limit),
  };
}
