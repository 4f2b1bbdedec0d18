import { z } from 'zod';
import { health, settingsSetInput, settingsView } from './app';
import { customerHit, productHit, searchInput, stage, user } from './catalog';
import { id, isoStamp, locale, role } from './common';
import {
  lineAddInput,
  lineMoveInput,
  lineRefInput,
  linesPasteInput,
  lineUpdateInput,
  opportunityCreateInput,
  opportunityUpdateInput,
} from './editing';
import { category, marginRule, marginRuleSaveInput } from './rules';
import { approvalDecideInput, approvalQueueInput, approvalQueueRow, approvalRequestInput } from './workspace';
import { automationRule, automationRuleInput } from './automation';
import { exposureRow, holdInput } from './finance';
import {
  conflictResolveInput,
  connectionSaveInput,
  connectionTestInput,
  connectionTestResult,
  connectionView,
  connectorAnswerInput,
  connectorCommand,
  connectorNextInput,
  outboxActionInput,
  runFinishInput,
  runProgressInput,
  runTrigger,
  syncStatus,
} from './erp';
import {
  outboxAckInput,
  outboxFailInput,
  outboxItem,
  outboxLeaseInput,
  reconcileInput,
  syncCursor,
  syncEntity,
  syncPageInput,
  syncPageResult,
} from './sync';
import {
  coverInput,
  demandInput,
  demandRow,
  dismissInput,
  purchaseRequestInput,
  purchaseRequestResult,
  receiptOption,
  shortageRow,
  shortagesInput,
  purchaseDraft,
  draftsInput,
  draftLineUpdateInput,
  draftRefInput,
  transferInput,
} from './purchasing';
import { TEAM_CONNECTOR_METHODS, teamContract } from './team';
import { deskContract } from './desk';
import {
  dealsInput,
  dealsOutput,
  forecastInput,
  forecastOutput,
  kpisInput,
  kpisOutput,
  marginRiskInput,
  marginRiskRow,
  suggestion,
  whatIfInput,
  whatIfOutput,
} from './dashboard';
import {
  activitiesList,
  activitiesListInput,
  activityCounts,
  activityCreateInput,
  activityDoneInput,
  activityDue,
  activityRow,
  activitySnoozeInput,
  activityUpdateInput,
  noteAddInput,
  documentAttachInput,
  documentRow,
  emailLogInput,
  emailLogged,
  reminderRule,
  reminderRuleInput,
  timelineInput,
  timelineItem,
} from './activities';
import { opportunitiesListInput, opportunitiesListOutput, opportunityDetail } from './opportunities';
import {
  board,
  boardInput,
  moveStageInput,
  movePreview,
  movePreviewInput,
  opportunityHistory,
  stageCreateInput,
  stageDeleteInput,
  stageReorderInput,
  stageUpdateInput,
} from './pipeline';

/**
 * The one contract between the renderer, core and the connector (DESIGN.md §5): every call with
 * the zod schema of its input and of its output. The client type is derived from it.
 */
export const contract = {
  'app.health': { input: z.object({}).strict(), output: health },
  'settings.get': { input: z.object({}).strict(), output: settingsView },
  'settings.set': { input: settingsSetInput, output: settingsView },
  'opportunities.list': { input: opportunitiesListInput, output: opportunitiesListOutput },
  'opportunity.get': { input: z.object({ id }).strict(), output: opportunityDetail },
  'opportunity.create': { input: opportunityCreateInput, output: opportunityDetail },
  'opportunity.update': { input: opportunityUpdateInput, output: opportunityDetail },
  'opportunity.addLine': { input: lineAddInput, output: opportunityDetail },
  'opportunity.updateLine': { input: lineUpdateInput, output: opportunityDetail },
  'opportunity.pasteLines': { input: linesPasteInput, output: opportunityDetail },
  'opportunity.duplicateLine': { input: lineRefInput, output: opportunityDetail },
  'opportunity.deleteLine': { input: lineRefInput, output: opportunityDetail },
  'opportunity.moveLine': { input: lineMoveInput, output: opportunityDetail },
  'stages.list': { input: z.object({}).strict(), output: z.array(stage) },
  'stages.create': { input: stageCreateInput, output: stage },
  'stages.update': { input: stageUpdateInput, output: stage },
  'stages.reorder': { input: stageReorderInput, output: z.array(stage) },
  'stages.delete': { input: stageDeleteInput, output: z.object({ moved: z.number().int().min(0) }) },
  'pipeline.moveStage': { input: moveStageInput, output: opportunityDetail },
  'pipeline.previewMove': { input: movePreviewInput, output: movePreview },
  'pipeline.board': { input: boardInput, output: board },
  'opportunity.history': { input: z.object({ id }).strict(), output: opportunityHistory },
  'approval.request': { input: approvalRequestInput, output: opportunityDetail },
  'approval.decide': { input: approvalDecideInput, output: z.array(approvalQueueRow) },
  'approvals.queue': { input: approvalQueueInput, output: z.array(approvalQueueRow) },
  'operations.rerun': { input: z.object({ opportunityId: id }).strict(), output: opportunityDetail },
  'automation.list': { input: z.object({}).strict(), output: z.array(automationRule) },
  'automation.save': { input: automationRuleInput, output: z.array(automationRule) },
  'automation.delete': { input: z.object({ id }).strict(), output: z.array(automationRule) },
  'purchasing.shortages': { input: shortagesInput, output: z.array(shortageRow) },
  'purchasing.demand': { input: demandInput, output: z.array(demandRow) },
  'purchasing.request': { input: purchaseRequestInput, output: purchaseRequestResult },
  /** shortages into purchase drafts per supplier, reviewed and edited before they are sent */
  'purchasing.draft': { input: purchaseRequestInput, output: z.array(purchaseDraft) },
  'purchasing.drafts': { input: draftsInput, output: z.array(purchaseDraft) },
  'purchasing.updateDraftLine': { input: draftLineUpdateInput, output: z.array(purchaseDraft) },
  'purchasing.sendDraft': { input: draftRefInput, output: z.array(purchaseDraft) },
  'purchasing.cancelDraft': { input: draftRefInput, output: z.array(purchaseDraft) },
  /** a shortage covered by another warehouse's stock: reserved there, an internal shipment for the ERP */
  'purchasing.transfer': { input: transferInput, output: z.array(shortageRow) },
  'purchasing.receipts': { input: z.object({ shortageId: id }).strict(), output: z.array(receiptOption) },
  'purchasing.cover': { input: coverInput, output: z.array(shortageRow) },
  'purchasing.dismiss': { input: dismissInput, output: z.array(shortageRow) },
  'finance.exposure': { input: z.object({}).strict(), output: z.array(exposureRow) },
  'customers.hold': { input: holdInput, output: exposureRow },
  'sync.applyPage': { input: syncPageInput, output: syncPageResult },
  'sync.cursor': { input: z.object({ entity: syncEntity }).strict(), output: syncCursor.nullable() },
  'sync.reconcile': { input: reconcileInput, output: z.object({ deactivated: z.number().int() }) },
  'outbox.lease': { input: outboxLeaseInput, output: z.array(outboxItem) },
  'outbox.ack': { input: outboxAckInput, output: z.object({ status: z.string() }) },
  'outbox.fail': { input: outboxFailInput, output: z.object({ status: z.string(), nextTryAt: isoStamp.nullable() }) },
  'erp.connection': { input: z.object({}).strict(), output: connectionView },
  'erp.saveConnection': { input: connectionSaveInput, output: connectionView },
  'erp.testConnection': { input: connectionTestInput, output: connectionTestResult },
  'erp.cancelTest': { input: z.object({}).strict(), output: z.object({}) },
  'sync.status': { input: z.object({}).strict(), output: syncStatus },
  'sync.runNow': { input: z.object({}).strict(), output: syncStatus },
  'outbox.retry': { input: outboxActionInput, output: syncStatus },
  'outbox.cancel': { input: outboxActionInput, output: syncStatus },
  'conflicts.resolve': { input: conflictResolveInput, output: syncStatus },
  'connector.next': { input: connectorNextInput, output: connectorCommand },
  'connector.answer': { input: connectorAnswerInput, output: z.object({}) },
  'sync.runStart': { input: z.object({ trigger: runTrigger }).strict(), output: z.object({ runId: id }) },
  'sync.runProgress': { input: runProgressInput, output: z.object({}) },
  'sync.runFinish': { input: runFinishInput, output: z.object({}) },
  'marginRules.list': { input: z.object({}).strict(), output: z.array(marginRule) },
  'marginRules.save': { input: marginRuleSaveInput, output: z.array(marginRule) },
  'marginRules.delete': { input: z.object({ id }).strict(), output: z.array(marginRule) },
  'categories.list': { input: z.object({}).strict(), output: z.array(category) },
  'suppliers.list': { input: z.object({}).strict(), output: z.array(z.object({ id, code: z.string(), name: z.string() })) },
  'users.list': { input: z.object({}).strict(), output: z.array(user) },
  'customers.search': { input: searchInput, output: z.array(customerHit) },
  'products.search': { input: searchInput, output: z.array(productHit) },
  /** the manager's desk: the forecast by period and dimension, the KPIs of a period against the one before, the deals behind a figure */
  'dashboard.forecast': { input: forecastInput, output: forecastOutput },
  'dashboard.kpis': { input: kpisInput, output: kpisOutput },
  'dashboard.deals': { input: dealsInput, output: dealsOutput },
  /** margin at risk: the open deals pulled costs put below target since a day, and a what-if on a category's or a supplier's cost */
  'dashboard.marginRisk': { input: marginRiskInput, output: z.array(marginRiskRow) },
  'dashboard.whatIf': { input: whatIfInput, output: whatIfOutput },
  /** cross-sell and up-sell on a deal: products to propose, in stock and at or above their margin target */
  'opportunity.suggestions': { input: z.object({ id }).strict(), output: z.array(suggestion) },
  'activities.list': { input: activitiesListInput, output: activitiesList },
  /** the desk's person's, for the navigation's count */
  'activities.counts': { input: z.object({}).strict(), output: activityCounts },
  'activities.create': { input: activityCreateInput, output: activityRow },
  'activities.update': { input: activityUpdateInput, output: activityRow },
  'activities.done': { input: activityDoneInput, output: activityRow },
  'activities.reopen': { input: z.object({ id }).strict(), output: activityRow },
  'activities.snooze': { input: activitySnoozeInput, output: activityRow },
  'activities.delete': { input: z.object({ id }).strict(), output: z.object({}) },
  /** the notification centre: the person's reminders that fired, for activities still open */
  'activities.reminders': { input: z.object({}).strict(), output: z.array(activityDue) },
  'reminderRules.list': { input: z.object({}).strict(), output: z.array(reminderRule) },
  'reminderRules.save': { input: reminderRuleInput, output: z.array(reminderRule) },
  'reminderRules.delete': { input: z.object({ id }).strict(), output: z.array(reminderRule) },
  'timeline.list': { input: timelineInput, output: z.array(timelineItem) },
  'timeline.addNote': { input: noteAddInput, output: z.object({}) },
  /** an e-mail dropped or pasted as an .eml: logged in the timeline with its attachments */
  'timeline.logEmail': { input: emailLogInput, output: emailLogged },
  /** a file dropped on a deal or a customer: stored once by its SHA-256 */
  'documents.attach': { input: documentAttachInput, output: documentRow },
  /** a document attached at another desk: fetched from the hub before it is opened here */
  'documents.fetch': {
    input: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex') }).strict(),
    output: z.object({ name: z.string(), mime: z.string() }),
  },
  /** the deal's quote as a PDF (devis), in French or English: attached to its timeline */
  'quote.pdf': { input: z.object({ opportunityId: id, locale: locale.optional() }).strict(), output: documentRow },
  ...teamContract,
  ...deskContract,
} as const;

/** Events core pushes to every connected client. */
export const events = {
  'data.changed': z.object({ entities: z.array(z.string()), ids: z.array(z.number().int()).optional() }),
  'sync.progress': z.object({
    runId: z.number().int(),
    entity: z.string(),
    done: z.number().int(),
    total: z.number().int().nullable(),
  }),
  /** an activity of the desk's person fell due (once per due time; the desktop app shows it as an OS notification) */
  'activity.due': activityDue,
  'alert.raised': z.object({
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    /** Who it is for (all when absent), and the deal it is about. */
    role: role.optional(),
    /** the person it is for (their desk shows it), when it is one person's */
    userId: id.optional(),
    opportunityId: id.optional(),
  }),
} as const;

/**
 * Methods only the connector's port may call: they write ERP data, hand out outbox items and the
 * ERP secret. A renderer's port is refused them.
 */
export const CONNECTOR_METHODS: ReadonlySet<Method> = new Set<Method>([
  'sync.applyPage',
  'sync.cursor',
  'sync.reconcile',
  'outbox.lease',
  'outbox.ack',
  'outbox.fail',
  'connector.next',
  'connector.answer',
  'sync.runStart',
  'sync.runProgress',
  'sync.runFinish',
  ...TEAM_CONNECTOR_METHODS,
]);

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './activities';
export * from './app';
export * from './automation';
export * from './catalog';
export * from './common';
export * from './dashboard';
export * from './desk';
export * from './editing';
export * from './erp';
export * from './finance';
export * from './grid-filter';
export * from './opportunities';
export * from './pipeline';
export * from './purchasing';
export * from './rules';
export * from './sync';
export * from './workspace';
