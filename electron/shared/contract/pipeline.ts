import { z } from 'zod';
import { timelineEntry } from './automation';
import { id, isoStamp, percent, stageKind } from './common';

const stageName = z.string().trim().min(1, 'a stage needs a name').max(60, 'a stage name is limited to 60 characters');
const stagnationDays = z.number().int().min(1).max(3650).nullable();

export const stageCreateInput = z.object({ name: stageName, probability: percent, kind: stageKind, stagnationDays }).strict();
export const stageUpdateInput = z
  .object({ id, name: stageName.optional(), probability: percent.optional(), kind: stageKind.optional(), stagnationDays: stagnationDays.optional() })
  .strict();
export const stageReorderInput = z.object({ ids: z.array(id).min(1).max(100) }).strict();
export const stageDeleteInput = z.object({ id, moveTo: id.optional() }).strict();
export const moveStageInput = z
  .object({
    opportunityId: id,
    toStageId: id,
    /** required when the deal is lost: one of the company's reasons (`pipeline.lostReasons`) */
    lostReason: z.string().trim().min(1).max(60, 'a lost reason is limited to 60 characters').optional(),
    lostNote: z.string().trim().max(500, 'a note is limited to 500 characters').default(''),
  })
  .strict();
export const movePreviewInput = z.object({ opportunityId: id, toStageId: id }).strict();

/**
 * What a stage move would do, found by running it and rolling it back: what the automation takes
 * or gives back, what it asks, whether a check refuses it. `confirm`: the move runs automation or
 * ends the deal, so the user says yes first.
 */
export const movePreview = z.object({
  toStage: z.string(),
  kind: stageKind,
  confirm: z.boolean(),
  /** the check that refuses the move: its message, and its reason and figures for the renderer to word */
  blocked: z.object({ check: z.string().nullable(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
  reservedLines: z.number().int(),
  shortages: z.number().int(),
  released: z.number().int(),
  cancelledShortages: z.number().int(),
  saleOrder: z.enum(['queued', 'cancelled', 'cancellation']).nullable(),
  approvals: z.array(z.string()),
  tasks: z.array(z.string()),
  notices: z.array(z.string()),
  lostReasons: z.array(z.string()),
});
export type MovePreview = z.infer<typeof movePreview>;

export const stageChange = z.object({
  fromStage: z.string().nullable(),
  toStage: z.string(),
  at: isoStamp,
  by: z.string().nullable(),
});

export const auditEntry = z.object({
  entity: z.string(),
  entityId: z.number().int(),
  action: z.enum(['create', 'update', 'delete']),
  field: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  by: z.string().nullable(),
  at: isoStamp,
  source: z.enum(['user', 'automation', 'sync']),
});

export const opportunityHistory = z.object({ stages: z.array(stageChange), audit: z.array(auditEntry), timeline: z.array(timelineEntry) });
export type OpportunityHistory = z.infer<typeof opportunityHistory>;

export const boardInput = z
  .object({
    search: z.string().max(200, 'search text is limited to 200 characters').optional(),
    cardsPerStage: z.number().int().min(1).max(200).default(40),
  })
  .strict();

export const boardCard = z.object({
  id,
  reference: z.string(),
  customerName: z.string(),
  customerOnHold: z.boolean(),
  title: z.string(),
  ownerInitials: z.string().nullable(),
  amount: z.number().int(),
  probability: percent,
  expectedClose: z.string().nullable(),
  daysInStage: z.number().int(),
  /** days beyond its stage's threshold when stagnant (no activity planned), else null */
  stagnantDays: z.number().int().nullable(),
});
export type BoardCard = z.infer<typeof boardCard>;

export const boardColumn = z.object({
  stageId: id,
  stageName: z.string(),
  probability: percent,
  count: z.number().int().min(0),
  amount: z.number().int(),
  weightedAmount: z.number().int(),
  cards: z.array(boardCard),
});
export const board = z.object({ columns: z.array(boardColumn) });
export type Board = z.infer<typeof board>;
