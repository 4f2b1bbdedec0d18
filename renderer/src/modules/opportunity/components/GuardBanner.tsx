import { useState } from 'react';
import type { OpportunityDetail } from '../../../../../electron/shared/contract';
import { formatRate, formatStamp } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { ActionError, useActionError } from '../../../ui/ActionError';

type Props = { opp: OpportunityDetail; onSaved: (o: OpportunityDetail) => void };

/** The deal's margin guard, and the approval request when it needs one: who asked, why, and where it stands. */
export function GuardBanner({ opp, onSaved }: Props) {
  const { client } = useApp();
  const { t, locale } = useT();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const error = useActionError();
  const needs = opp.guard.state === 'below_minimum' || opp.guard.state === 'below_cost';
  const last = opp.approvals.find((a) => a.kind === 'margin');
  // the lines that put the deal below its minimum: the deal's rate alone can look compliant
  const below = opp.lines.filter((l) => l.insight && (l.insight.guard === 'below_minimum' || l.insight.guard === 'below_cost'));
  const ask = () =>
    client.call('approval.request', { opportunityId: opp.id, kind: 'margin', reason }).then((o) => {
      setAsking(false);
      setReason('');
      error.clear();
      onSaved(o);
    }, error.fail);
  return (
    <div className={`guard guard-${opp.guard.state}`} data-testid="deal-guard">
      {t('deal.guard', {
        state: t(`guard.${opp.guard.state}`),
        target: formatRate(opp.guard.targetRate, locale),
        minimum: formatRate(opp.guard.minimumRate, locale),
      })}
      {below.length > 0 && (
        <span data-testid="lines-below">
          {' · '}
          {below
            .map((l) =>
              t('deal.lineBelow', {
                n: l.position,
                code: l.productCode,
                rate: formatRate(l.marginRate, locale),
                minimum: formatRate(l.insight.rule.minimumRate, locale),
              }),
            )
            .join(' ; ')}
        </span>
      )}
      {last && (
        <span data-testid="approval-state">
          {' · '}
          {t(`approval.${last.status}`, { by: last.requestedBy ?? '—', at: formatStamp(last.requestedAt, locale) })}
        </span>
      )}
      {needs && last?.status !== 'pending' && !asking && (
        <button type="button" className="btn" style={{ marginLeft: 10 }} onClick={() => setAsking(true)}>
          {t('approval.ask')}
        </button>
      )}
      {asking && (
        <span style={{ marginLeft: 10 }}>
          <input
            autoFocus
            aria-label={t('approval.reason')}
            placeholder={t('approval.reason')}
            value={reason}
            maxLength={1000}
            style={{ width: 360 }}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void ask()}
          />{' '}
          <button type="button" className="btn" onClick={() => void ask()}>
            {t('approval.send')}
          </button>
        </span>
      )}
      <ActionError text={error.text} />
    </div>
  );
}
