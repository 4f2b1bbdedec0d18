import type { SyncStatus } from '../../../../../electron/shared/contract';
import { formatStamp } from '../../../../../electron/shared/format';
import { useT } from '../../../i18n';

/** The last runs: when, why, how long, what came in and went out, and what failed. */
export function RunList({ status }: { status: SyncStatus }) {
  const { t, locale } = useT();
  return (
    <table className="sync-table" aria-label={t('sync.runs')}>
      <tbody>
        {status.runs.map((r) => {
          const seconds = r.finishedAt ? Math.max(0, Math.round((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000)) : null;
          const failed = r.entities.filter((e) => e.error);
          return (
            <tr key={r.id} data-run={r.id}>
              <td className="fresh">{formatStamp(r.startedAt, locale)}</td>
              <td>{t(`sync.run.trigger.${r.trigger}`)}</td>
              <td>
                <span className={`pill ${r.status === 'ok' ? 'won' : r.status === 'failed' ? 'lost' : ''}`}>{t(`sync.run.${r.status}`)}</span>
                {seconds !== null && <span className="fresh"> {seconds} s</span>}
              </td>
              <td>
                {t('sync.run.pulled', { rows: r.entities.reduce((n, e) => n + e.pulled, 0), pushed: r.pushed })}
                {r.error && <div className="outbox-error">{r.error}</div>}
                {failed.map((e) => (
                  <div key={e.entity} className="outbox-error">
                    {t(`sync.entity.${e.entity}` as 'sync.entity.stock')} : {e.error}
                  </div>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
