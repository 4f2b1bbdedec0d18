import { z } from 'zod';

/**
 * The control messages between Electron main and core (DESIGN.md §5), typed like every call:
 * main hands core ports and the secrets it keeps encrypted; core asks main to keep a new one, and
 * to show a reminder as an OS notification.
 * `name` says which secret: the ERP's password or API key, or the desk's session with its team.
 */
/** core exits with this code to be started again at once (a restore was staged, damage was found) */
export const RESTART_EXIT_CODE = 75;

export const secretName = z.enum(['erp', 'team']);
export type SecretName = z.infer<typeof secretName>;

export const mainToCore = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connect') }),
  z.object({ type: z.literal('connector') }),
  z.object({ type: z.literal('secret'), name: secretName, secret: z.string().max(10_000) }),
]);
export type MainToCore = z.infer<typeof mainToCore>;

export const coreToMain = z.discriminatedUnion('type', [
  /** null: forget it (a logout) */
  z.object({ type: z.literal('store-secret'), name: secretName, secret: z.string().max(10_000).nullable() }),
  /** an activity of the desk's person fell due: main shows it as an OS notification, a click opens its deal */
  z.object({
    type: z.literal('reminder'),
    title: z.string().max(300),
    body: z.string().max(500),
    opportunityId: z.number().int().positive().nullable(),
  }),
  /** a notice for the desk's person (an approval to decide, a decision on theirs…): main shows it as an OS notification */
  z.object({ type: z.literal('alert'), body: z.string().max(500), opportunityId: z.number().int().positive().nullable() }),
  /** how many of the person's activities are overdue: the tray icon shows it */
  z.object({ type: z.literal('overdue'), count: z.number().int().nonnegative() }),
]);
export type CoreToMain = z.infer<typeof coreToMain>;

/** Where an update stands (main tells every window; the renderer shows it and offers « Installer et redémarrer »). */
export const updateFailReason = z.enum(['checksum', 'signature', 'network', 'other']);
export const updateStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('checking') }),
  z.object({ state: z.literal('none') }),
  z.object({
    state: z.literal('downloading'),
    version: z.string().max(50),
    percent: z.number().min(0).max(100),
    transferred: z.number().nonnegative(),
    total: z.number().nonnegative(),
  }),
  z.object({ state: z.literal('ready'), version: z.string().max(50) }),
  z.object({ state: z.literal('failed'), reason: updateFailReason, message: z.string().max(300) }),
]);
export type UpdateStatus = z.infer<typeof updateStatus>;
