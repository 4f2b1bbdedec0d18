import {
  backupFolder,
  checkFileAside,
  dismissNotice,
  flagDamage,
  KEEP_BACKUPS,
  listBackups,
  readNotice,
  stageRestore,
  unstageRestore,
  writeBackupOnline,
  type BackupFile,
} from '../../db/backups';
import type { Db } from '../../db/client';
import type { Output } from '../shared/contract';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/log';
import type { EventBus } from './event-bus';

/** Core has had no call from a person for this long: the daily backup and the integrity check may run. */
export const IDLE_MS = 2 * 60_000;
const DAY_MS = 24 * 3_600_000;

export type DeskCareOptions = {
  db: Db;
  dbPath: string;
  now: () => string;
  log: Logger;
  bus: EventBus;
  nativeBinding?: string;
  /** the host starts core again (a restore was staged, or the file was found damaged); none: at the next start */
  restart?: () => void;
};

export type DeskCare = ReturnType<typeof createDeskCare>;

/**
 * The desk's file cared for (DESIGN.md §10): a backup every day and on demand (14 kept), a restore
 * (the current file backed up first, core restarted on the backup), and `integrity_check` once a
 * day when nobody is using the app; damage found is flagged so the next open replaces the file by
 * the last sound backup, and core restarts at once.
 */
export function createDeskCare(o: DeskCareOptions) {
  const dir = backupFolder(o.dbPath);
  const ms = () => Date.parse(o.now());
  let lastUse = ms();
  let lastCheck: Output<'backups.list'>['lastCheck'] = null;
  let busy: Promise<unknown> | null = null;

  const restartSoon = () => {
    // after the answer has left: the renderer hears « reconnexion… » rather than an error
    if (o.restart) setTimeout(o.restart, 50).unref();
  };
  const changed = () => o.bus.emit('data.changed', { entities: ['backups'] });
  const alone = <T>(what: string, run: () => Promise<T>): Promise<T> => {
    if (busy) throw new AppError('conflict', `A ${what} cannot start while a backup or a check runs`, { reason: 'backupBusy' });
    const p = run().finally(() => {
      busy = null;
    });
    busy = p;
    return p;
  };

  const check = () =>
    alone('check', async () => {
      const damage = await checkFileAside(o.dbPath, o.nativeBinding);
      lastCheck = { at: o.now(), ok: damage === null, damage: damage ?? [] };
      if (!damage) return o.log.info('integrity check ok');
      o.log.error('integrity check found damage: the database is replaced by its last sound backup', { damage });
      flagDamage(o.dbPath, damage);
      changed();
      restartSoon();
    });

  return {
    /** a person used the app (a renderer's call) */
    used: () => {
      lastUse = ms();
    },
    status: (): Output<'backups.list'> => ({ folder: dir, keep: KEEP_BACKUPS, backups: listBackups(dir), lastCheck, notice: readNotice(o.dbPath) }),
    create: (): Promise<BackupFile> =>
      alone('backup', async () => {
        const b = await writeBackupOnline(o.db.$client, dir, 'manual', o.now());
        changed();
        return b;
      }),
    restore: (name: string): Promise<Output<'backups.restore'>> =>
      alone('restore', async () => {
        // the chosen file first (checked and copied), so the safety backup's pruning cannot take it away
        stageRestore(o.dbPath, name, o.nativeBinding);
        let safety: BackupFile;
        try {
          // online, a few pages at a time: a large file does not stop core's answers meanwhile
          safety = await writeBackupOnline(o.db.$client, dir, 'before-restore', o.now());
        } catch (err) {
          unstageRestore(o.dbPath);
          throw err;
        }
        o.log.info('restore staged: core restarts on the backup', { name, safety: safety.name });
        restartSoon();
        return { safety, restarting: true as const };
      }),
    dismissNotice: () => {
      dismissNotice(o.dbPath);
      changed();
      return { ok: true as const };
    },
    /** One clock turn: when idle, the day's backup if none is younger than a day, else the day's integrity check. */
    turn: (): Promise<unknown> | null => {
      const t = ms();
      if (busy || t - lastUse < IDLE_MS) return null;
      const newest = listBackups(dir)[0];
      if (!newest || t - Date.parse(newest.at) >= DAY_MS)
        return alone('backup', () => writeBackupOnline(o.db.$client, dir, 'daily', o.now())).then((b) => {
          o.log.info('daily backup written', { name: b.name, bytes: b.bytes });
          changed();
        });
      if (!lastCheck || t - Date.parse(lastCheck.at) >= DAY_MS) return check();
      return null;
    },
  };
}
