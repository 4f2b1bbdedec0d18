import type { SyncStatus } from '../../../../../electron/shared/contract';
import { formatQty, formatRate, formatStamp, formatUnitPrice, type Locale } from '../../../../../electron/shared/format';
import { isTeamTable, TEAM_TABLES, type Field } from '../../../../../electron/shared/team/tables';
import { useApp } from '../../../app/client-context';
import { hasMessage, useT, type MessageKey } from '../../../i18n';

/** A money or quantity field of a team row, as the trader reads it. */
function teamValue(entity: string, field: string, v: unknown, locale: Locale): string {
  const table = entity.slice('team.'.length);
  const f = isTeamTable(table) ? (TEAM_TABLES[table].fields as Record<string, Field>)[field] : undefined;
  if (typeof v !== 'number' || !f) return describe(v);
  if (f.type === 'money' && field === 'discount') return formatRate(v, locale);
  if (f.type === 'money') return formatUnitPrice(v, locale);
  if (f.type === 'qty') return formatQty(v, locale);
  return describe(v);
}

const describe = (v: unknown): string =>
  v && typeof v === 'object'
    ? Object.values(v as Record<string, unknown>)
        .map((x) => (Array.isArray(x) ? x.join(', ') : String(x)))
        .join(' · ')
    : String(v);

/** What a pull changed under open deals (the ERP's value won), or a price or quantity changed at two desks (the team's stood): a person decides what follows. */
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
              {c.entity.startsWith('team.') ? (
                <>
                  {/* the same money or quantity changed at two desks: the team's value stands, this desk's is shown */}
                  <b>
                    {t('team.conflict', {
                      what: hasMessage(`team.table.${c.entity.slice(5)}`) ? t(`team.table.${c.entity.slice(5)}` as MessageKey) : c.entity,
                      field: hasMessage(`field.${c.field}`) ? t(`field.${c.field}` as MessageKey) : c.field,
                    })}
                  </b>
                  <div className="fresh">
                    {formatStamp(c.detectedAt, locale)} ·{' '}
                    {t('team.conflictValues', {
                      mine: teamValue(c.entity, c.field, c.localValue, locale),
                      team: teamValue(c.entity, c.field, c.erpValue, locale),
                    })}
                  </div>
                </>
              ) : (
                <>
                  <b>{t(`sync.conflict.${c.entity}.${c.field}` as MessageKey)}</b>
                  <div className="fresh">
                    {formatStamp(c.detectedAt, locale)} · {describe(c.localValue)}
                  </div>
                </>
              )}
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
