import { formatAgo } from '../../../../../electron/shared/format';
import { routeHref } from '../../../app/route';
import { useT } from '../../../i18n';
import { useSyncStatus } from '../hooks/use-sync-status';

/** In the navigation, on every screen: how fresh the ERP's figures are, and whether the link is up. */
export function FreshnessBadge() {
  const { t, locale } = useT();
  const { status, now } = useSyncStatus();
  if (!status || status.connector === 'not_configured') return null;
  const text = status.lastSuccessAt ? t('sync.freshness', { ago: formatAgo(status.lastSuccessAt, now, locale) }) : t('sync.freshness.never');
  return (
    <a
      className={`freshness ${status.connector}`}
      href={routeHref({ area: 'sync' })}
      title={t(`sync.state.${status.connector}`)}
      data-state={status.connector}
    >
      <span className="dot" /> {text}
    </a>
  );
}
