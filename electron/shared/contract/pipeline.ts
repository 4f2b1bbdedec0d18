import { z } from 'zod';
import { id, isoStamp, percent, stageKind } from './common';

const stageName = z.string().trim().min(1, 'a stage needs a name').max(60, 'a stage name is limited to 60 characters');
const stagnationDays = z.number().int().min(1).max(3650).nullable();

export const stageCreateInput = z.object({ name: stageName, probability: percent, kind: stageKind, stagnationDays }).strict();
export const stageUpdateInput = z
  .object({ id, name: stageName.optional(), probability: percent.optional(), kind: stageKind.optional(), stagnationDays: stagnationDays.optional() })
  .strict();
export const stageReorderInput = z.object({ ids: z.array(id).min(1).max(100) }).strict();
export const stageDeleteInput = z.object({ id, moveTo: id.optional() }).strict();
export const moveStageInput = z.object({ opportunityId: id, toStageId: id }).strict();

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

export const opportunityHistory = z.object({ stages: z.array(stageChange), audit: z.array(auditEntry) });
export type OpportunityHistory = z.infer<typeof opportunityHistory>;
