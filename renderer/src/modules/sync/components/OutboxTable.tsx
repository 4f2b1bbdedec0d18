import type { SyncStatus } from '../../../../../electron/shared/contract';
import { formatAgo, formatStamp } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';

/** What the app created and the ERP does not hold yet; a stopped item shows the ERP's message and can be sent again or cancelled. */
export function OutboxTable({ status, now, onStatus }: { status: SyncStatus; now: number; onStatus: (s: SyncStatus) => void }) {
  const { client } = useApp();
  const { t, locale } = useT();
  if (status.outbox.length === 0) return <p className="fresh">{t('sync.outbox.none')}</p>;
  const act = async (method: 'outbox.retry' | 'outbox.cancel', id: number) => {
    if (method === 'outbox.cancel' && !window.confirm(t('sync.cancelConfirm'))) return;
    onStatus(await client.call(method, { id }));
  };
  return (
    <table className="sync-table" aria-label={t('sync.outbox')}>
      <tbody>
        {status.outbox.map((o) => (
          <tr key={o.id} data-outbox={o.id} className={o.status === 'failed' ? 'row-failed' : ''}>
            <td>
              <b>{t(`sync.outbox.kind.${o.kind}`)}</b> <span className="fresh">{o.subjectName ?? o.subject}</span>
            </td>
            <td>
              <span className={`pill ${o.status === 'failed' ? 'lost' : ''}`}>{t(`sync.outbox.status.${o.status}`)}</span>{' '}
              <span className="fresh">
                {formatStamp(o.createdAt, locale)} · {t('sync.outbox.attempts', { n: o.attempts })}
                {o.status === 'pending' && o.nextTryAt ? ` · ${t('sync.outbox.next', { at: formatAgo(o.nextTryAt, now, locale) })}` : ''}
              </span>
              {o.lastError && <div className="outbox-error">{o.lastError}</div>}
            </td>
            <td className="actions-cell">
              {o.status !== 'leased' && (
                <>
                  <button type="button" className="btn" onClick={() => void act('outbox.retry', o.id)}>
                    {t('sync.retry')}
                  </button>
                  <button type="button" className="btn" onClick={() => void act('outbox.cancel', o.id)}>
                    {t('sync.cancel')}
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
