import type { SyncStatus } from '../../../../../electron/shared/contract';
import { formatAgo, formatInt } from '../../../../../electron/shared/format';
import { useT } from '../../../i18n';

/** Each kind of ERP data: rows held, when it was last brought up to date, and during a run how far it got. */
export function EntityTable({
  status,
  progress,
  now,
}: {
  status: SyncStatus;
  progress: Record<string, { done: number; total: number | null }>;
  now: number;
}) {
  const { t, locale } = useT();
  const running = status.current !== null;
  const reported = new Map(status.current?.entities.map((e) => [e.entity, e]) ?? []);
  // entities are pulled in this order: those before the last one reporting progress are done
  const last = status.freshness.reduce((max, f, i) => (f.entity in progress ? i : max), 0);
  return (
    <table className="sync-table" aria-label={t('sync.entities')}>
      <thead>
        <tr>
          <th>{t('sync.entity')}</th>
          <th className="num">{t('sync.rows')}</th>
          <th>{t('sync.fresh')}</th>
          {running && <th aria-hidden />}
        </tr>
      </thead>
      <tbody>
        {status.freshness.map((f, i) => {
          const p = progress[f.entity];
          const state = !running ? null : i < last ? 'done' : i === last ? 'active' : 'waiting';
          return (
            <tr key={f.entity} data-entity={f.entity}>
              <td>{t(`sync.entity.${f.entity}`)}</td>
              <td className="num">{formatInt(f.rows, locale)}</td>
              <td className="fresh">{f.lastSuccessAt ? formatAgo(f.lastSuccessAt, now, locale) : '—'}</td>
              {running && (
                <td className="progress-cell">
                  <div
                    className={`progress ${state ?? ''}`}
                    role="progressbar"
                    aria-label={t(`sync.entity.${f.entity}`)}
                    aria-valuenow={p?.done ?? 0}
                  >
                    <div
                      style={{
                        width:
                          state === 'done' ? '100%' : p?.total ? `${Math.min(100, (p.done / p.total) * 100)}%` : state === 'active' ? '35%' : '0%',
                      }}
                    />
                  </div>
                  <span className="fresh">{p ? formatInt(p.done, locale) : reported.get(f.entity)?.error ? '!' : ''}</span>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
