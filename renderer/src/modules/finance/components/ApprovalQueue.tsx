import { useState } from 'react';
import type { ApprovalQueueRow } from '../../../../../electron/shared/contract';
import { formatMoney, formatRate, formatStamp } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';

type Props = { rows: ApprovalQueueRow[]; onDecided: (rows: ApprovalQueueRow[]) => void; onError: (m: string) => void; onOpen: (id: number) => void };

/** Requests waiting for credit control or the sales manager: the figures asked on, approve or refuse with a comment. */
export function ApprovalQueue({ rows, onDecided, onError, onOpen }: Props) {
  const { t } = useT();
  return (
    <div className="queue" data-testid="approval-queue">
      <h3>{t('fin.queue')}</h3>
      {rows.length === 0 && <p className="fresh">{t('fin.noQueue')}</p>}
      {rows.map((r) => (
        <QueueItem key={r.id} row={r} onDecided={onDecided} onError={onError} onOpen={onOpen} />
      ))}
    </div>
  );
}

function QueueItem({ row, onDecided, onError, onOpen }: { row: ApprovalQueueRow } & Omit<Props, 'rows'>) {
  const { client } = useApp();
  const { t, locale } = useT();
  const [comment, setComment] = useState('');
  const f = row.figures;
  const figures =
    row.kind === 'credit'
      ? `${t('fin.headroom')} ${formatMoney(Number(f.headroom ?? 0), locale)} · ${t('fin.limit')} ${formatMoney(Number(f.creditLimit ?? 0), locale)}`
      : `${formatRate(typeof f.marginRate === 'number' ? f.marginRate : null, locale)} (min. ${formatRate(Number(f.minimumRate ?? 0), locale)})`;
  const decide = (decision: 'approve' | 'refuse') =>
    client
      .call('approval.decide', { id: row.id, decision, comment })
      .then(onDecided, (err: unknown) => onError(err instanceof Error ? err.message : String(err)));
  return (
    <div className="card" data-testid={`approval-${row.reference}`}>
      <div>
        <b>
          {t('fin.asked', {
            kind: t(`fin.kind.${row.kind}`),
            ref: row.reference,
            customer: row.customerName,
            amount: formatMoney(row.amount, locale),
            by: row.requestedBy ?? '—',
            at: formatStamp(row.requestedAt, locale),
          })}
        </b>{' '}
        <a href={`#/opportunities/${row.opportunityId}`} onClick={(e) => (e.preventDefault(), onOpen(row.opportunityId))}>
          ↗
        </a>
      </div>
      <div className="fresh">
        {figures} · {t('fin.reason', { reason: row.reason })}
      </div>
      <div className="actions">
        <input
          aria-label={t('fin.comment')}
          placeholder={t('fin.comment')}
          value={comment}
          maxLength={1000}
          onChange={(e) => setComment(e.target.value)}
          style={{ flex: 1 }}
        />
        <button type="button" className="btn primary" onClick={() => void decide('approve')}>
          {t('fin.approve')}
        </button>
        <button type="button" className="btn" onClick={() => void decide('refuse')}>
          {t('fin.refuse')}
        </button>
      </div>
    </div>
  );
}
