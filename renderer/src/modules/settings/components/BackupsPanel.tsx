import { useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../../electron/shared/contract';
import { formatDecimal, formatInstant } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { ActionError, useActionError } from '../../../ui/ActionError';
import { useLiveQuery } from '../../../ui/use-live-query';

type Backup = Output<'backups.list'>['backups'][number];
const BACKUP_DATA = ['backups'];

/** The restore's question: the backup's date, what happens to the current file, and what is pulled again. */
function ConfirmRestore({ backup, onConfirm, onCancel }: { backup: Backup; onConfirm: () => void; onCancel: () => void }) {
  const { t, locale } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const noRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // a restore is not what Enter should do by accident: the focus starts on « Annuler »
    noRef.current?.focus();
  }, []);
  return (
    <dialog ref={ref} className="confirm-move" aria-labelledby="confirm-restore-title" onCancel={(e) => (e.preventDefault(), onCancel())}>
      <h2 id="confirm-restore-title">{t('backups.confirm.title', { at: formatInstant(backup.at, locale) })}</h2>
      <ul className="move-effects">
        <li>{t('backups.confirm.safety')}</li>
        <li>{t('backups.confirm.restart')}</li>
        <li>{t('backups.confirm.pull')}</li>
      </ul>
      <div className="dialog-actions">
        <button type="button" className="btn" ref={noRef} onClick={onCancel}>
          {t('backups.cancel')}
        </button>
        <button type="button" className="btn primary" onClick={onConfirm}>
          {t('backups.restore')}
        </button>
      </div>
    </dialog>
  );
}

/** Paramètres › Sauvegardes: the desk's backups (14 kept), one made now, one restored after a confirmation. */
export function BackupsPanel() {
  const { client } = useApp();
  const { t, locale } = useT();
  const status = useLiveQuery('backups.list', {}, BACKUP_DATA);
  const [asking, setAsking] = useState<Backup | null>(null);
  const [working, setWorking] = useState(false);
  const { text, fail, clear } = useActionError();
  const s = status.data;
  const backupNow = () => {
    setWorking(true);
    client.call('backups.create', {}).then(
      () => (clear(), setWorking(false), status.reload()),
      (err: unknown) => (fail(err), setWorking(false)),
    );
  };
  const restore = (b: Backup) => {
    setAsking(null);
    setWorking(true);
    // core answers, then restarts on the backup: the page reconnects and reads the list again
    client.call('backups.restore', { name: b.name, confirm: true }).then(
      () => (clear(), setWorking(false)),
      (err: unknown) => (fail(err), setWorking(false)),
    );
  };
  return (
    <section className="card section" aria-labelledby="backups-title" data-testid="backups">
      <h3 id="backups-title">{t('backups.title')}</h3>
      {s && (
        <p className="fresh">
          {t('backups.where', { keep: s.keep, folder: s.folder })}{' '}
          {s.lastCheck
            ? t(s.lastCheck.ok ? 'backups.check.ok' : 'backups.check.damaged', { at: formatInstant(s.lastCheck.at, locale) })
            : t('backups.check.none')}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" disabled={working} onClick={backupNow}>
          {t('backups.now')}
        </button>
        <ActionError text={text} />
      </div>
      <table className="sync-table">
        <thead>
          <tr>
            <th>{t('backups.col.at')}</th>
            <th>{t('backups.col.kind')}</th>
            <th className="num">{t('backups.col.size')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {s?.backups.map((b) => (
            <tr key={b.name}>
              <td>{formatInstant(b.at, locale)}</td>
              <td>{t(`backups.kind.${b.kind}`)}</td>
              <td className="num">{t('backups.megabytes', { n: formatDecimal(b.bytes / 1_048_576, locale, 1) })}</td>
              <td>
                <button
                  type="button"
                  className="btn"
                  disabled={working}
                  onClick={() => setAsking(b)}
                  aria-label={t('backups.restoreOne', { at: formatInstant(b.at, locale) })}
                >
                  {t('backups.restore')}…
                </button>
              </td>
            </tr>
          ))}
          {s && s.backups.length === 0 && (
            <tr>
              <td colSpan={4}>{t('backups.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
      {asking && <ConfirmRestore backup={asking} onConfirm={() => restore(asking)} onCancel={() => setAsking(null)} />}
    </section>
  );
}
