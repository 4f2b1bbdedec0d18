import { formatInstant } from '../../../electron/shared/format';
import { useT } from '../i18n';
import { useApp } from './client-context';
import { useLiveQuery } from '../ui/use-live-query';

const BACKUP_DATA = ['backups'];

/** After a backup took the database's place (a restore, or a damaged file replaced): what happened, until the user has read it. */
export function RestoreNotice() {
  const { client } = useApp();
  const { t, locale } = useT();
  const status = useLiveQuery('backups.list', {}, BACKUP_DATA);
  const notice = status.data?.notice;
  if (!notice) return null;
  const at = formatInstant(notice.backupAt, locale);
  return (
    <div className="banner" role="alert" data-testid="restore-notice">
      {t(notice.reason === 'damaged' ? 'backups.notice.damaged' : 'backups.notice.restored', { at })} {t('backups.notice.pull')}{' '}
      <button type="button" className="btn" onClick={() => void client.call('backups.dismissNotice', {}).then(status.reload)}>
        {t('backups.notice.ok')}
      </button>
    </div>
  );
}
