import type { SyncStatus } from '../../../../../electron/shared/contract';
import { formatStamp } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT, type MessageKey } from '../../../i18n';

const describe = (v: unknown): string =>
  v && typeof v === 'object'
    ? Object.values(v as Record<string, unknown>)
        .map((x) => (Array.isArray(x) ? x.join(', ') : String(x)))
        .join(' · ')
    : String(v);

/** What a pull changed under open deals: the ERP's value won, a person decides what follows. */
export function ConflictList({ status, onStatus }: { status: SyncStatus; onStatus: (s: SyncStatus) => void }) {
  const { client } = useApp();
  const { t, locale } = useT();
  if (status.conflicts.length === 0) return <p className="fresh">{t('sync.conflicts.none')}</p>;
  const resolve = async (id: number) => {
    const resolution = window.prompt(t('sync.resolution'));
    if (resolution?.trim()) onStatus(await client.call('conflicts.resolve', { id, resolution }));
  };
  return (
    <table className="sync-table" aria-label={t('sync.conflicts')}>
      <tbody>
        {status.conflicts.map((c) => (
          <tr key={c.id} data-conflict={c.id}>
            <td>
              <b>{t(`sync.conflict.${c.entity}.${c.field}` as MessageKey)}</b>
              <div className="fresh">
                {formatStamp(c.detectedAt, locale)} · {describe(c.localValue)}
              </div>
            </td>
            <td className="actions-cell">
              <button type="button" className="btn" onClick={() => void resolve(c.id)}>
                {t('sync.resolve')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
