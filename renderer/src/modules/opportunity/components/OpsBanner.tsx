import type { OpportunityDetail } from '../../../../../electron/shared/contract';
import { formatStamp } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { ActionError, useActionError } from '../../../ui/ActionError';

type Props = { opp: OpportunityDetail; onSaved: (o: OpportunityDetail) => void };

/** Where the stage automation stands: waiting for an approval, committed (stock reserved), or released. */
export function OpsBanner({ opp, onSaved }: Props) {
  const { client } = useApp();
  const { t, locale } = useT();
  const error = useActionError();
  const credit = opp.approvals.find((a) => a.kind === 'credit');
  if (!opp.opsState && !credit) return null;
  const rerun = () => client.call('operations.rerun', { opportunityId: opp.id }).then((o) => (error.clear(), onSaved(o)), error.fail);
  return (
    <div className={`ops ops-${opp.opsState ?? 'none'}`} data-testid="ops-state" role="status">
      {opp.opsState && <span>{t(`ops.${opp.opsState}`)}</span>}
      {credit && (
        <span data-testid="credit-approval">
          {t('fin.kind.credit')} : {t(`approval.${credit.status}`, { by: credit.requestedBy ?? '—', at: formatStamp(credit.requestedAt, locale) })}
          {credit.comment && ` — « ${credit.comment} » (${credit.decidedBy ?? ''})`}
        </span>
      )}
      {opp.opsState === 'committed' && (
        <button type="button" className="btn" onClick={() => void rerun()}>
          {t('ops.rerun')}
        </button>
      )}
      <ActionError text={error.text} />
    </div>
  );
}
