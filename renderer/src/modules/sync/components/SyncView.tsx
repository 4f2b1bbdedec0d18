import { formatAgo } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { useSyncStatus } from '../hooks/use-sync-status';
import { ConflictList } from './ConflictList';
import { ConnectionForm } from './ConnectionForm';
import { EntityTable } from './EntityTable';
import { OutboxTable } from './OutboxTable';
import { RunList } from './RunList';
import { useState } from 'react';
import { errorText } from '../../../ui/errors';

/** The ERP connection and the sync panel: state, progress per entity, runs, the outbox and conflicts. */
export function SyncView() {
  const { client } = useApp();
  const { t, locale } = useT();
  const { status, progress, now, setStatus } = useSyncStatus();
  const [error, setError] = useState<string | null>(null);
  const runNow = async () => {
    setError(null);
    try {
      setStatus(await client.call('sync.runNow', {}));
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  return (
    <>
      <div className="toolbar">
        <h1>{t('sync.title')}</h1>
        {status && (
          <>
            <span className={`pill sync-state ${status.connector}`} data-state={status.connector}>
              {t(`sync.state.${status.connector}`)}
            </span>
            <span className="fresh">
              {status.lastSuccessAt ? t('sync.lastSuccess', { ago: formatAgo(status.lastSuccessAt, now, locale) }) : t('sync.never')}
              {status.nextRunAt && status.connector !== 'running' ? ` · ${t('sync.nextRun', { at: formatAgo(status.nextRunAt, now, locale) })}` : ''}
            </span>
          </>
        )}
        <span className="spacer" />
        <button type="button" className="btn primary" disabled={!status || status.connector === 'running'} onClick={() => void runNow()}>
          {t('sync.runNow')}
        </button>
      </div>
      {(error ?? status?.connectorError) && (
        <div className="banner" role="alert">
          {error ?? status?.connectorError}
        </div>
      )}
      <div className="page sync-page">
        <ConnectionForm />
        {status && (
          <div className="card">
            <h3>{t('sync.entities')}</h3>
            <EntityTable status={status} progress={progress} now={now} />
          </div>
        )}
        {status && (
          <div className="card">
            <h3>{t('sync.outbox')}</h3>
            <OutboxTable status={status} now={now} onStatus={setStatus} />
            <h3 style={{ marginTop: 12 }}>{t('sync.conflicts')}</h3>
            <ConflictList status={status} onStatus={setStatus} />
          </div>
        )}
        {status && status.runs.length > 0 && (
          <div className="card">
            <h3>{t('sync.runs')}</h3>
            <RunList status={status} />
          </div>
        )}
      </div>
    </>
  );
}
