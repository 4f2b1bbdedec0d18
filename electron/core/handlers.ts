import { schemaVersion } from '../../db/client';
import { readBoard } from '../../db/queries/board';
import { counts, listUsers, searchCustomers, searchProducts } from '../../db/queries/catalog';
import { listCategories, listSuppliers, listMarginRules } from '../../db/queries/rules';
import { listStages } from '../../db/queries/stages';
import { listOpportunities } from '../../db/queries/opportunities-list';
import { currentStage, readOpportunityHistory } from '../../db/queries/opportunity-stage';
import { notFound } from '../shared/errors';
import { refreshOpportunityTotals } from '../../db/queries/totals';
import type { Handlers } from '../shared/rpc';
import type { Role } from '../shared/contract';
import { requestApproval } from './approvals';
import { createEditing } from './editing';
import { createPipeline } from './pipeline';
import type { Actor } from './context';
import { createMarginRules } from './rules';
import { getSettings, setSetting } from './settings';
import { opportunityView } from './workspace';
import { createAutomation, type Notice } from './automation';
import { operationsHandlers } from './handlers-operations';
import { erpHandlers } from './handlers-erp';
import { teamHandlers } from './handlers-team';
import { deskHandlers } from './handlers-desk';
import { activityHandlers } from './handlers-activities';
import { dashboardHandlers } from './handlers-dashboard';
import { createDashboard } from './dashboard';
import { createActivities } from './activities';
import { createDocuments } from './documents';
import type { CoreContext } from './context';

/** Every method of the contract, served by core. Inputs arrive already validated. */
export function createHandlers(ctx: CoreContext): Handlers {
  const { db, bus } = ctx;
  const automation = createAutomation(db, (id) => opportunityView(db, id, ctx.now()));
  const pipeline = createPipeline(db, automation);
  const marginRules = createMarginRules(db);
  const editing = createEditing(db, () => ctx.now().slice(0, 10));
  const actor = (): Actor => ({ userId: getSettings(db).currentUserId, at: ctx.now() });
  const changed = (entities: string[], ids?: number[]) => bus.emit('data.changed', ids ? { entities, ids } : { entities });
  /** Automation's notices to a role, after the transaction that raised them committed. */
  const notify = (notices: Notice[]) => {
    for (const n of notices) bus.emit('alert.raised', { level: 'info', message: n.title, role: n.role as Role, opportunityId: n.opportunityId });
  };
  // a decision pulled from another desk: this desk's run waiting for it goes on (or ends), as here
  ctx.team.onDecisions((decisions) => {
    for (const d of decisions) {
      const a = actor();
      const notices = db.$client.transaction(() => (d.approved ? automation.resume(d.approvalId, a) : (automation.refused(d.approvalId, a), [])))();
      changed(['approvals', 'opportunities', 'operations'], [d.opportunityId]);
      notify(notices);
    }
  });
  /** After an edit: tell every client, and answer with the deal as core now computes it. */
  const saved = (opportunityId: number) => {
    changed(['opportunities'], [opportunityId]);
    return opportunityView(db, opportunityId, ctx.now());
  };
  return {
    ...operationsHandlers(ctx, { actor, changed, notify, automation }),
    ...erpHandlers(ctx.link, actor),
    ...teamHandlers(ctx.team),
    ...deskHandlers(ctx),
    ...dashboardHandlers(createDashboard(db, ctx.now)),
    ...activityHandlers(ctx, {
      actor,
      changed,
      activities: createActivities(db, ctx.now),
      documents: createDocuments(db, ctx.dbPath, ctx.team, ctx.now),
    }),
    'app.health': () => ({
      version: ctx.version,
      schemaVersion: schemaVersion(db),
      dbPath: ctx.dbPath,
      counts: counts(db),
      startedAt: ctx.startedAt,
    }),
    'settings.get': () => getSettings(db),
    'settings.set': ({ key, value }) => {
      const settings = setSetting(db, key, value, actor());
      if (key === 'costBasis') {
        const changed = refreshOpportunityTotals(db, { today: ctx.now().slice(0, 10) });
        if (changed > 0) bus.emit('data.changed', { entities: ['opportunities'] });
      }
      bus.emit('data.changed', { entities: ['settings'] });
      return settings;
    },
    'opportunities.list': (input) => listOpportunities(db, input, ctx.now()),
    'opportunity.get': ({ id }) => opportunityView(db, id, ctx.now()),
    'opportunity.create': (input) => saved(editing.create(input, actor())),
    'opportunity.update': (input) => {
      editing.update(input, actor());
      return saved(input.id);
    },
    'opportunity.addLine': (input) => {
      editing.addLine(input, actor());
      return saved(input.opportunityId);
    },
    'opportunity.updateLine': (input) => saved(editing.updateLine(input, actor())),
    'opportunity.pasteLines': (input) => {
      editing.pasteLines(input, actor());
      return saved(input.opportunityId);
    },
    'opportunity.duplicateLine': ({ lineId }) => saved(editing.duplicateLine(lineId, actor())),
    'opportunity.deleteLine': ({ lineId }) => saved(editing.deleteLine(lineId, actor())),
    'opportunity.moveLine': ({ lineId, toPosition }) => saved(editing.moveLine(lineId, toPosition, actor())),
    'stages.list': () => listStages(db),
    'stages.create': (input) => {
      const stage = pipeline.create(input, actor());
      changed(['stages']);
      return stage;
    },
    'stages.update': (input) => {
      const stage = pipeline.update(input, actor());
      changed(['stages', 'opportunities']);
      return stage;
    },
    'stages.reorder': ({ ids }) => {
      pipeline.reorder(ids, actor());
      changed(['stages']);
      return listStages(db);
    },
    'stages.delete': (input) => {
      const moved = pipeline.remove(input, actor());
      changed(['stages', 'opportunities']);
      return { moved };
    },
    'pipeline.moveStage': (input) => {
      const { opportunityId } = input;
      const { moved, notices } = pipeline.moveStage(input, actor(), getSettings(db)['pipeline.lostReasons']);
      if (moved) changed(['opportunities', 'operations'], [opportunityId]);
      notify(notices);
      return opportunityView(db, opportunityId, ctx.now());
    },
    'approval.request': (input) => {
      requestApproval(db, input, opportunityView(db, input.opportunityId, ctx.now()), actor());
      return saved(input.opportunityId);
    },
    'pipeline.previewMove': ({ opportunityId, toStageId }) =>
      pipeline.previewMove(opportunityId, toStageId, actor(), getSettings(db)['pipeline.lostReasons']),
    'pipeline.board': (input) => readBoard(db, input, ctx.now()),
    'opportunity.history': ({ id }) => {
      if (!currentStage(db, id)) throw notFound('Opportunity', id);
      return readOpportunityHistory(db, id);
    },
    'marginRules.list': () => listMarginRules(db),
    'marginRules.save': (input) => {
      marginRules.save(input, actor());
      // every deal's stored guard follows the rules (the grid colours and filters by it)
      refreshOpportunityTotals(db, { today: ctx.now().slice(0, 10) });
      changed(['rules', 'opportunities']);
      return listMarginRules(db);
    },
    'marginRules.delete': ({ id }) => {
      marginRules.remove(id, actor());
      // every deal's stored guard follows the rules (the grid colours and filters by it)
      refreshOpportunityTotals(db, { today: ctx.now().slice(0, 10) });
      changed(['rules', 'opportunities']);
      return listMarginRules(db);
    },
    'categories.list': () => listCategories(db),
    'suppliers.list': () => listSuppliers(db),
    'users.list': () => listUsers(db),
    'customers.search': ({ query, limit }) => searchCustomers(db, query, limit),
    'products.search': ({ query, limit }) => searchProducts(db, query, limit),
  };
}
