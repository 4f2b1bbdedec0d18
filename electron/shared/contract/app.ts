import { z } from 'zod';
import { isoStamp, locale, role } from './common';

export const health = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  dbPath: z.string(),
  counts: z.object({
    opportunities: z.number().int(),
    customers: z.number().int(),
    products: z.number().int(),
    warehouses: z.number().int(),
  }),
  startedAt: isoStamp,
});

/** A grid's remembered columns (AG Grid column state, kept small). */
const gridColumns = z
  .object({
    columns: z
      .array(
        z.object({
          colId: z.string().max(64),
          width: z.number().int().min(20).max(2000).optional(),
          hide: z.boolean().nullable().optional(),
          pinned: z.enum(['left', 'right']).nullable().optional(),
          sort: z.enum(['asc', 'desc']).nullable().optional(),
          sortIndex: z.number().int().nullable().optional(),
        }),
      )
      .max(50),
  })
  .nullable();

/** The reasons a deal is lost, as a new company words them (a manager changes them in Paramètres). */
export const DEFAULT_LOST_REASONS = ['Prix', 'Délai de livraison', 'Disponibilité', 'Concurrent retenu', 'Projet abandonné', 'Crédit refusé'];

/** Settings a user may read and write, each with its own schema. */
export const settingsShape = z.object({
  locale,
  role,
  currentUserId: z.number().int().positive().nullable(),
  costBasis: z.enum(['erp', 'replacement']),
  /** four eyes: nobody decides their own approval request (a company of one turns it off) */
  'approvals.fourEyes': z.boolean(),
  /** the reasons a deal is lost, as the company words them (kept on the deal for the KPIs) */
  'pipeline.lostReasons': z
    .array(z.string().trim().min(1, 'a reason cannot be empty').max(60, 'a lost reason is limited to 60 characters'))
    .min(1, 'keep at least one reason')
    .max(30, 'at most 30 reasons'),
  /** the forecast's bands: an open deal at or above `commit` % is committed, at or above `best` % best case */
  'forecast.thresholds': z
    .object({ commit: z.number().int().min(1).max(100), best: z.number().int().min(0).max(100) })
    .strict()
    .refine((t) => t.best < t.commit, { message: 'best case starts below commit', params: { reason: 'bandsOrder' }, path: ['best'] }),
  'grid.opportunities': gridColumns,
  /** the deal lines' columns: order, widths, visibility, pinning, sort */
  'grid.lines': gridColumns,
});
export type StoredSettings = z.infer<typeof settingsShape>;
/** Settings of the whole company (a team row each, changed by a manager); the others are the desk's own. */
export const COMPANY_SETTINGS: readonly (keyof StoredSettings)[] = ['approvals.fourEyes', 'pipeline.lostReasons', 'costBasis', 'forecast.thresholds'];
/** The settings as read: the stored ones, and every role the desk's person holds (a desk without one is a team of one: every role). */
export const settingsView = settingsShape.extend({ roles: z.array(role).min(1) });
export type Settings = z.infer<typeof settingsView>;
export const settingKey = z.enum(Object.keys(settingsShape.shape) as [keyof StoredSettings, ...(keyof StoredSettings)[]]);
export type SettingKey = keyof StoredSettings;

export const settingsSetInput = z.object({ key: settingKey, value: z.unknown() }).superRefine((input, ctx) => {
  const result = settingsShape.shape[input.key].safeParse(input.value);
  if (!result.success) {
    // each issue as it is (its kind and limit), under `value`
    for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: ['value', ...issue.path] });
  }
});
