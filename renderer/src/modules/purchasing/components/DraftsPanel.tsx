import { useState } from 'react';
import type { PurchaseDraft } from '../../../../../electron/shared/contract';
import { formatMoney, formatQty, formatUnitPrice } from '../../../../../electron/shared/format';
import { may } from '../../../../../electron/shared/domain/authority';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { ActionError, useActionError } from '../../../ui/ActionError';
import { DateField } from '../../../ui/DateField';
import { today } from '../../../ui/today';
import { parseLineEdit } from '../../opportunity/line-edit';
import { useLiveQuery } from '../../../ui/use-live-query';

type Line = PurchaseDraft['lines'][number];

const DRAFT_DATA = ['purchaseDrafts', 'outbox'];
const NO_DRAFTS: PurchaseDraft[] = [];

/**
 * The buyer's purchase drafts, one per supplier: each line with what the shortage lacks and what
 * is ordered (rounded to the supplier's minimum and pack), its tier price, date and supplier, all
 * editable; « Envoyer » sends the draft to the ERP. Below, the drafts sent, with the ERP's number.
 */
export function DraftsPanel({ onSent }: { onSent: (message: string) => void }) {
  const { client, settings } = useApp();
  const sends = may(settings.roles, 'purchase.send');
  const { t, locale } = useT();
  const draftsQuery = useLiveQuery('purchasing.drafts', { status: 'draft' }, DRAFT_DATA);
  const sentQuery = useLiveQuery('purchasing.drafts', { status: 'sent' }, DRAFT_DATA);
  // an answer to an edit shows at once; the next read of the hook takes over
  const setDrafts = draftsQuery.set;
  const drafts = draftsQuery.data ?? NO_DRAFTS;
  const sent = sentQuery.data ?? NO_DRAFTS;
  const error = useActionError();
  const load = () => {
    draftsQuery.reload();
    sentQuery.reload();
  };

  const update = (input: { lineId: number; qty?: number; neededBy?: string | null; supplierId?: number }) =>
    client.call('purchasing.updateDraftLine', input).then((d) => (error.clear(), setDrafts(d)), error.fail);
  const send = (d: PurchaseDraft) =>
    client.call('purchasing.sendDraft', { draftId: d.id }).then((left) => {
      error.clear();
      setDrafts(left);
      onSent(t('draft.sent', { supplier: d.supplierName }));
      load();
    }, error.fail);
  const cancel = (d: PurchaseDraft) =>
    client.call('purchasing.cancelDraft', { draftId: d.id }).then((left) => (error.clear(), setDrafts(left)), error.fail);

  return (
    <div className="drafts" data-testid="purchase-drafts">
      <ActionError text={error.text} />
      {drafts.length === 0 && <p className="fresh">{t('draft.none')}</p>}
      {drafts.map((d) => (
        <section key={d.id} className="card draft" aria-label={d.supplierName} data-testid={`draft-${d.supplierName}`}>
          <header className="toolbar subbar">
            <h3>{d.supplierName}</h3>
            <span className="fresh">{t('draft.count', { n: d.lines.length })}</span>
            <b className="num">{formatMoney(d.amount, locale)}</b>
            <span className="spacer" />
            <button type="button" className="btn" onClick={() => void cancel(d)}>
              {t('draft.cancel')}
            </button>
            <button
              type="button"
              className="btn primary"
              disabled={!sends}
              title={sends ? undefined : t('roles.readOnly.purchase')}
              onClick={() => void send(d)}
            >
              {t('draft.send')}
            </button>
          </header>
          <DraftLines lines={d.lines} supplierId={d.supplierId} onChange={(input) => void update(input)} />
        </section>
      ))}
      {sent.length > 0 && <SentDrafts sent={sent} />}
    </div>
  );
}

function DraftLines({
  lines,
  supplierId,
  onChange,
}: {
  lines: Line[];
  supplierId: number;
  onChange: (i: { lineId: number; qty?: number; neededBy?: string | null; supplierId?: number }) => void;
}) {
  const { t, locale } = useT();
  const [bad, setBad] = useState<number | null>(null);
  return (
    <table className="sync-table draft-lines">
      <thead>
        <tr>
          <th>{t('pur.product')}</th>
          <th>{t('pur.warehouse')}</th>
          <th>{t('pur.deal')}</th>
          <th className="num">{t('draft.needed')}</th>
          <th className="num">{t('draft.qty')}</th>
          <th className="num">{t('pur.price')}</th>
          <th>{t('pur.neededBy')}</th>
          <th>{t('pur.supplier')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.id} data-testid={`draft-line-${l.productCode}`}>
            <td>
              <b>{l.productCode}</b> {l.productName}
            </td>
            <td>{l.warehouseCode}</td>
            <td>{l.reference}</td>
            <td className="num">{formatQty(l.neededQty, locale, l.unit)}</td>
            <td className="num">
              <input
                key={`${l.id}:${l.qty}`}
                aria-label={`${t('draft.qty')} ${l.productCode}`}
                aria-invalid={bad === l.id || undefined}
                className="rate-input"
                style={{ width: 90 }}
                defaultValue={formatQty(l.qty, locale)}
                onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                onBlur={(e) => {
                  const parsed = parseLineEdit('qty', e.target.value, locale, today());
                  setBad(parsed.ok ? null : l.id);
                  if (parsed.ok && parsed.value !== l.qty) onChange({ lineId: l.id, qty: parsed.value as number });
                }}
              />
            </td>
            <td className="num">{formatUnitPrice(l.unitPrice, locale)}</td>
            <td>
              <DateField
                label={`${t('pur.neededBy')} ${l.productCode}`}
                value={l.neededBy}
                onChange={(neededBy) => onChange({ lineId: l.id, neededBy })}
              />
            </td>
            <td>
              <select
                aria-label={`${t('pur.supplier')} ${l.productCode}`}
                value={supplierId}
                onChange={(e) => onChange({ lineId: l.id, supplierId: Number(e.target.value) })}
              >
                {l.suppliers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The drafts sent: where each stands in the ERP, with its number once it answered. */
function SentDrafts({ sent }: { sent: PurchaseDraft[] }) {
  const { t, locale } = useT();
  return (
    <section className="card" data-testid="drafts-sent">
      <h3>{t('draft.sentTitle')}</h3>
      <table className="sync-table">
        <tbody>
          {sent.map((d) => (
            <tr key={d.id} data-testid={`sent-${d.supplierName}`}>
              <td>
                <b>{d.supplierName}</b> <span className="fresh">{t('draft.count', { n: d.lines.length })}</span>
              </td>
              <td className="num">{formatMoney(d.amount, locale)}</td>
              <td data-testid="erp-number">
                {d.erpStatus === 'done'
                  ? t('draft.erpNumber', { ref: d.erpRef ?? '—' })
                  : d.erpStatus === 'failed'
                    ? t('draft.erpRefused', { why: d.erpError ?? '' })
                    : t('draft.erpWaiting')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
