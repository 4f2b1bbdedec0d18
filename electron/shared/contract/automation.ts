import { z } from 'zod';
import { id, isoStamp, moneyInt, qtyInt, role } from './common';

const title = z.string().trim().min(1, 'a task needs a title').max(200, 'a title is limited to 200 characters');

/** The steps a stage rule runs, in order (DESIGN.md §2.4). */
export const automationAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('check_credit') }).strict(),
  z.object({ type: z.literal('check_margin') }).strict(),
  z.object({ type: z.literal('reserve_stock') }).strict(),
  z.object({ type: z.literal('raise_shortages') }).strict(),
  z.object({ type: z.literal('queue_sale_order') }).strict(),
  z.object({ type: z.literal('create_task'), role, title }).strict(),
  z.object({ type: z.literal('notify'), role, title }).strict(),
]);
export type AutomationAction = z.infer<typeof automationAction>;

/** A rule runs only for deals that match every condition given. */
export const automationConditions = z
  .object({
    minAmount: moneyInt.min(0, 'a minimum amount cannot be negative').optional(),
    customerIds: z.array(id).max(500).optional(),
    categoryIds: z.array(id).max(500).optional(),
  })
  .strict();

export const automationRuleInput = z
  .object({
    id: id.optional(),
    stageId: id,
    trigger: z.enum(['enter', 'leave']),
    conditions: automationConditions.default({}),
    actions: z.array(automationAction).min(1, 'a rule needs at least one action').max(20),
    active: z.boolean().default(true),
  })
  .strict();
export type AutomationRuleInput = z.output<typeof automationRuleInput>;

export const automationRule = z.object({
  id,
  stageId: id,
  stageName: z.string(),
  trigger: z.enum(['enter', 'leave']),
  conditions: automationConditions,
  actions: z.array(automationAction),
  active: z.boolean(),
  updatedAt: isoStamp,
});
export type AutomationRule = z.infer<typeof automationRule>;

/** What automation did to a deal: one entry per step, with its figures. */
export const timelineEntry = z.object({
  kind: z.string(),
  step: z.string(),
  data: z.record(z.string(), z.unknown()),
  at: isoStamp,
  by: z.string().nullable(),
  /** a sale order queued: where its push to the ERP stands, and the ERP's number once it answered */
  saleOrder: z.object({ status: z.enum(['pending', 'leased', 'done', 'failed', 'cancelled']), erpRef: z.string().nullable() }).optional(),
});

/** Stock reserved for a line, and what is short, as the deal shows them. */
export const lineOperations = z.object({
  reserved: z.array(z.object({ warehouseId: id, warehouseCode: z.string(), qty: qtyInt })),
  short: qtyInt,
});

export const opsState = z.enum(['awaiting_approval', 'committed', 'released']).nullable();
