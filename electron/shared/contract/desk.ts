import { z } from 'zod';
import { isoStamp } from './common';

/**
 * The desk's own file (DESIGN.md §6, §10): its backups, a restore, the integrity check run when
 * core is idle, and the diagnostic archive a user sends to support (no business data in it).
 */
export const backupFile = z.object({
  name: z.string(),
  kind: z.enum(['daily', 'before-migration', 'before-restore', 'manual']),
  at: isoStamp,
  bytes: z.number().int().nonnegative(),
});

/** A backup put in the database's place: chosen by the user, or because the file was found damaged. */
export const restoreNotice = z.object({
  reason: z.enum(['restore', 'damaged']),
  from: z.string(),
  backupAt: isoStamp.nullable(),
  at: isoStamp,
  damage: z.array(z.string()),
});

export const backupsStatus = z.object({
  folder: z.string(),
  keep: z.number().int(),
  backups: z.array(backupFile),
  /** the last integrity_check of the live file (null: none yet since core started) */
  lastCheck: z.object({ at: isoStamp, ok: z.boolean(), damage: z.array(z.string()) }).nullable(),
  notice: restoreNotice.nullable(),
});

const backupName = z
  .string()
  .max(120)
  .regex(/^[a-z-]+-\d{4}-\d{2}-\d{2}T[\d-]+Z\.sqlite$/, 'the name of a backup in the list');

export const deskContract = {
  'backups.list': { input: z.object({}).strict(), output: backupsStatus },
  /** « Sauvegarder maintenant »: a copy made while core keeps answering */
  'backups.create': { input: z.object({}).strict(), output: backupFile },
  /**
   * The backup takes the database's place: the current file is backed up first, then core
   * restarts on the backup and pulls again from the ERP and the hub. `confirm` is the user's yes.
   */
  'backups.restore': {
    input: z.object({ name: backupName, confirm: z.literal(true) }).strict(),
    output: z.object({ safety: backupFile, restarting: z.literal(true) }),
  },
  /** « Exporter un diagnostic »: a zip for support (logs, versions, database statistics, no business data), in `diagnostics/` beside the database */
  'diagnostic.export': {
    input: z.object({}).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int().nonnegative(), files: z.array(z.string()) }),
  },
  /** the user has read the notice of the last restore */
  'backups.dismissNotice': { input: z.object({}).strict(), output: z.object({ ok: z.literal(true) }) },
} as const;
