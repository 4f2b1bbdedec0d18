import { z } from 'zod';
import { id, isoStamp, role, searchText } from './common';

export const activityKind = z.enum(['call', 'visit', 'email', 'meeting', 'task', 'follow_up']);
export type ActivityKind = z.infer<typeof activityKind>;

const title = z.string().trim().min(1, 'an activity needs a title').max(200, 'a title is limited to 200 characters');
const notes = z.string().max(4000, 'notes are limited to 4 000 characters');
const outcome = z.string().trim().max(2000, 'an outcome is limited to 2 000 characters');

/** Every N days, weeks or months, from the activity's first due time. */
export const recurrenceInput = z
  .object({
    every: z.number().int().min(1, 'repeat at least every 1').max(365, 'repeat at most every 365'),
    unit: z.enum(['day', 'week', 'month']),
  })
  .strict();

/** A follow-up planned when an activity is logged or done: on the same deal and customer, for the same person. */
export const followUpInput = z.object({ kind: activityKind, title, dueAt: isoStamp }).strict();

export const activityCreateInput = z
  .object({
    kind: activityKind,
    title,
    notes: notes.default(''),
    dueAt: isoStamp.nullable().default(null),
    /** for whom (a user); absent: the desk's person */
    ownerId: id.nullable().optional(),
    opportunityId: id.optional(),
    customerId: id.optional(),
    recurrence: recurrenceInput.nullable().default(null),
    /** logged as done now (a call made), with what came of it */
    done: z
      .object({ outcome: outcome.default('') })
      .strict()
      .optional(),
    followUp: followUpInput.optional(),
  })
  .strict();

export const activityUpdateInput = z
  .object({
    id,
    kind: activityKind.optional(),
    title: title.optional(),
    notes: notes.optional(),
    dueAt: isoStamp.nullable().optional(),
    ownerId: id.nullable().optional(),
    recurrence: recurrenceInput.nullable().optional(),
  })
  .strict();

export const activityDoneInput = z.object({ id, outcome: outcome.default(''), followUp: followUpInput.optional() }).strict();
export const activitySnoozeInput = z.object({ id, until: isoStamp }).strict();

export const activityBucket = z.enum(['overdue', 'today', 'upcoming', 'done']);

export const activitiesListInput = z
  .object({
    /** open: every one not done yet (a deal's or a customer's panel) */
    bucket: z.enum(['overdue', 'today', 'upcoming', 'done', 'open']),
    /**
     * mine: the desk's person's and their roles'; team: everyone's (managers), or one person's.
     * A deal's or a customer's list is everyone's on it, whatever the scope.
     */
    scope: z.enum(['mine', 'team']).default('mine'),
    ownerId: id.optional(),
    opportunityId: id.optional(),
    customerId: id.optional(),
    limit: z.number().int().min(1).max(5000).default(1000),
  })
  .strict();

export const activityRow = z.object({
  id,
  kind: z.string(),
  title: z.string(),
  notes: z.string(),
  dueAt: isoStamp.nullable(),
  doneAt: isoStamp.nullable(),
  outcome: z.string().nullable(),
  ownerId: id.nullable(),
  ownerName: z.string().nullable(),
  role: role.nullable(),
  opportunityId: id.nullable(),
  reference: z.string().nullable(),
  dealTitle: z.string().nullable(),
  customerId: id.nullable(),
  customerName: z.string().nullable(),
  recurrence: recurrenceInput.nullable(),
  source: z.string().nullable(),
  bucket: activityBucket,
  /** the person may mark it done, snooze or change it */
  mine: z.boolean(),
});
export type ActivityRow = z.infer<typeof activityRow>;

export const activityCounts = z.object({ overdue: z.number().int(), today: z.number().int(), upcoming: z.number().int(), done: z.number().int() });
export const activitiesList = z.object({ rows: z.array(activityRow), counts: activityCounts });

/** The reminder rules a company sets (Paramètres): which deals get a follow-up, for whom. */
export const reminderTrigger = z.enum(['idle', 'stagnant', 'close_overdue']);
export const reminderRuleInput = z
  .object({
    id: id.optional(),
    trigger: reminderTrigger,
    /** the stage the rule watches (idle, stagnant); none: every open stage */
    stageId: id.nullable().default(null),
    /** idle: days without any activity; stagnant: days in the stage (none: the stage's own threshold) */
    days: z.number().int().min(1, 'at least 1 day').max(365, 'at most 365 days').nullable().default(null),
    kind: activityKind.default('follow_up'),
    title,
    /** the deal's owner, or whoever holds a role */
    assignTo: z.union([z.literal('owner'), role]).default('owner'),
    active: z.boolean().default(true),
  })
  .strict()
  .refine((r) => r.trigger !== 'idle' || r.days !== null, {
    message: 'an idle rule needs its number of days',
    path: ['days'],
    params: { reason: 'reminder.idleDays' },
  });
export const reminderRule = z.object({
  id,
  trigger: reminderTrigger,
  stageId: id.nullable(),
  stageName: z.string().nullable(),
  days: z.number().int().nullable(),
  kind: activityKind,
  title: z.string(),
  assignTo: z.union([z.literal('owner'), role]),
  active: z.boolean(),
});
export type ReminderRule = z.infer<typeof reminderRule>;

/** A reminder that fired: the activity fell due (core's event; the notification centre lists them). */
export const activityDue = z.object({
  id,
  kind: z.string(),
  title: z.string(),
  dueAt: isoStamp,
  opportunityId: id.nullable(),
  reference: z.string().nullable(),
  customerName: z.string().nullable(),
  ownerId: id.nullable(),
  role: role.nullable(),
});
export type ActivityDue = z.infer<typeof activityDue>;

export const timelineKind = z.enum(['note', 'activity', 'email', 'document', 'stage', 'approval', 'automation', 'erp']);
export type TimelineKind = z.infer<typeof timelineKind>;
export const timelineInput = z
  .object({
    opportunityId: id.optional(),
    customerId: id.optional(),
    kinds: z.array(timelineKind).max(8).optional(),
    search: searchText.optional(),
    limit: z.number().int().min(1).max(2000).default(500),
  })
  .strict()
  .refine((t) => (t.opportunityId === undefined) !== (t.customerId === undefined), {
    message: 'a timeline is of one deal or one customer',
    params: { reason: 'timeline.subject' },
  });
export const timelineItem = z.object({
  key: z.string(),
  kind: timelineKind,
  at: isoStamp,
  by: z.string().nullable(),
  /** the kind's own word (call, stage name, approval kind, step…) and the text shown */
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  opportunityId: id.nullable(),
  reference: z.string().nullable(),
});
export type TimelineItem = z.infer<typeof timelineItem>;
export const noteAddInput = z
  .object({
    opportunityId: id.optional(),
    customerId: id.optional(),
    body: z.string().trim().min(1, 'a note cannot be empty').max(10_000, 'a note is limited to 10 000 characters'),
  })
  .strict()
  .refine((t) => t.opportunityId !== undefined || t.customerId !== undefined, {
    message: 'a note is about a deal or a customer',
    params: { reason: 'timeline.subject' },
  });

const subjectRefine = [
  (t: { opportunityId?: number; customerId?: number }) => t.opportunityId !== undefined || t.customerId !== undefined,
  { message: 'a document is about a deal or a customer', params: { reason: 'timeline.subject' } },
] as const;
/** A file's content as base64 (25 MB at most once decoded: core says so in words; far beyond, the call is refused). */
const content = z.string().min(1, 'an empty file').max(36_000_000, 'a document is limited to 25 MB');

export const documentAttachInput = z
  .object({
    opportunityId: id.optional(),
    customerId: id.optional(),
    name: z.string().trim().min(1, 'a file needs its name').max(255, 'a file name is limited to 255 characters'),
    content,
  })
  .strict()
  .refine(...subjectRefine);
export const documentRow = z.object({
  id,
  hash: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  opportunityId: id.nullable(),
  customerId: id.nullable(),
});
export const emailLogInput = z
  .object({ opportunityId: id.optional(), customerId: id.optional(), content })
  .strict()
  .refine(...subjectRefine);
export const emailLogged = z.object({ subject: z.string(), attachments: z.number().int(), refused: z.array(z.string()) });
