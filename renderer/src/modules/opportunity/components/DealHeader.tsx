import { useEffect, useState } from 'react';
import type { Input, OpportunityDetail, Output } from '../../../../../electron/shared/contract';
import { formatMoney, formatRate } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { DateField } from '../../../ui/DateField';
import { guardClass } from '../../../ui/format';
import { ActionError, useActionError } from '../../../ui/ActionError';

type Props = { opp: OpportunityDetail; onSaved: (o: OpportunityDetail) => void };
type Changes = Omit<Input<'opportunity.update'>, 'id'>;

/** The deal's header, edited in place: owner, probability, dates and notes are saved as they change. */
export function DealHeader({ opp, onSaved }: Props) {
  const { client } = useApp();
  const { t, locale } = useT();
  const error = useActionError();
  const [users, setUsers] = useState<Output<'users.list'>>([]);
  useEffect(() => void client.call('users.list', {}).then(setUsers), [client]);
  const save = (changes: Changes) =>
    client.call('opportunity.update', { id: opp.id, ...changes }).then((o) => (error.clear(), onSaved(o)), error.fail);
  const field = (label: string, control: React.ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{control}</dd>
    </div>
  );
  return (
    <div className="card" data-testid="deal-header">
      <dl className="facts">
        {field(t('opp.customer'), opp.customer.name)}
        {field(
          t('opp.owner'),
          <select
            aria-label={t('opp.owner')}
            value={opp.owner?.id ?? ''}
            onChange={(e) => void save({ ownerId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">—</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>,
        )}
        {field(
          t('opp.stage'),
          [
            opp.stage.name,
            t('opp.daysInStage', { days: opp.daysInStage }),
            opp.stagnantDays !== null && t('board.stagnant', { days: opp.stagnantDays }),
            opp.lost && t('opp.lostBecause', { reason: [opp.lost.reason, opp.lost.note].filter(Boolean).join(' — ') }),
          ]
            .filter(Boolean)
            .join(' · '),
        )}
        {field(
          t('opp.probability'),
          <input
            key={`p${opp.probability}`}
            type="number"
            aria-label={t('opp.probability')}
            min={0}
            max={100}
            defaultValue={opp.probability}
            style={{ width: 70 }}
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
            onBlur={(e) => Number(e.target.value) !== opp.probability && void save({ probability: Number(e.target.value) })}
          />,
        )}
        {field(
          t('opp.expectedClose'),
          <DateField label={t('opp.expectedClose')} value={opp.expectedClose} onChange={(d) => void save({ expectedClose: d })} />,
        )}
        {field(
          t('opp.requestedDate'),
          <DateField label={t('opp.requestedDate')} value={opp.requestedDate} onChange={(d) => void save({ requestedDate: d })} />,
        )}
        {field(t('opp.amount'), formatMoney(opp.totals.amount, locale))}
        {field(
          t('opp.margin'),
          <span className={guardClass(opp.guard.state)} data-testid="deal-margin">
            {formatMoney(opp.totals.margin, locale)} · {formatRate(opp.totals.marginRate, locale)}
          </span>,
        )}
      </dl>
      <ActionError text={error.text} />
      <textarea
        key={`n${opp.updatedAt}`}
        aria-label={t('opp.notes')}
        placeholder={t('opp.notes')}
        defaultValue={opp.notes}
        maxLength={10_000}
        rows={2}
        style={{ width: '100%', marginTop: 8 }}
        onBlur={(e) => e.target.value !== opp.notes && void save({ notes: e.target.value })}
      />
    </div>
  );
}
