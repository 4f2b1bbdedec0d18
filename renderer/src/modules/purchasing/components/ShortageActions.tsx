import { useState } from 'react';
import type { Output, ShortageRow } from '../../../../../electron/shared/contract';
import { formatDate, formatQty } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { errorText } from '../../../ui/errors';

type Props = {
  selected: ShortageRow[];
  onDone: (message: string | null) => void;
  onError: (message: string) => void;
  onDrafted: (message: string) => void;
};

/** What a buyer does with the chosen shortages: request them from the best supplier, cover one by a receipt, or dismiss one. */
export function ShortageActions({ selected, onDone, onError, onDrafted }: Props) {
  const { client } = useApp();
  const { t, locale } = useT();
  const [mode, setMode] = useState<'idle' | 'cover' | 'dismiss'>('idle');
  const [receipts, setReceipts] = useState<Output<'purchasing.receipts'>>([]);
  const [receiptId, setReceiptId] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const open = selected.filter((s) => s.status === 'open');
  // a shortage already in a draft is reviewed there, not drafted again
  const toDraft = open.filter((s) => !s.drafted);
  const single = open.length === 1 ? open[0]! : null;
  const fail = (err: unknown) => onError(errorText(err, t));
  const reset = () => (setMode('idle'), setReason(''), setReceiptId(null));

  // the chosen shortages become one draft per supplier, reviewed before anything goes to the ERP
  const prepare = () =>
    client
      .call('purchasing.draft', { shortageIds: toDraft.map((s) => s.id) })
      .then((drafts) => onDrafted(t('pur.prepared', { suppliers: drafts.map((d) => `${d.supplierName} (${d.lines.length})`).join(', ') })), fail);
  // another warehouse can give it all in time: a transfer instead of a purchase
  const transfer = () =>
    single?.transferFrom &&
    client
      .call('purchasing.transfer', { shortageId: single.id, fromWarehouseId: single.transferFrom.warehouseId })
      .then(() => onDone(t('pur.transferred', { from: single.transferFrom!.warehouseCode, to: single.warehouseCode })), fail);
  const startCover = () => {
    if (!single) return onError(t('pur.selectOne'));
    void client.call('purchasing.receipts', { shortageId: single.id }).then((r) => (setReceipts(r), setMode('cover')), fail);
  };
  const confirm = () => {
    if (!single) return;
    const call =
      mode === 'cover'
        ? client.call('purchasing.cover', { shortageId: single.id, receiptId: receiptId ?? 0 })
        : client.call('purchasing.dismiss', { shortageId: single.id, reason });
    call.then(() => (reset(), onDone(null)), fail);
  };

  return (
    <span className="actions" data-testid="shortage-actions">
      <button type="button" className="btn primary" disabled={toDraft.length === 0} onClick={() => void prepare()}>
        {t('pur.prepare', { count: toDraft.length })}
      </button>
      {single?.transferFrom && (
        <button type="button" className="btn primary" onClick={() => void transfer()}>
          {t('pur.transfer', { from: single.transferFrom.warehouseCode })}
        </button>
      )}
      <button type="button" className="btn" disabled={!single} onClick={startCover}>
        {t('pur.cover')}
      </button>
      <button type="button" className="btn" disabled={!single} onClick={() => setMode('dismiss')}>
        {t('pur.dismiss')}
      </button>
      {mode === 'cover' && single && (
        <select aria-label={t('pur.pickReceipt')} value={receiptId ?? ''} onChange={(e) => setReceiptId(Number(e.target.value) || null)}>
          <option value="">{t('pur.pickReceipt')}</option>
          {receipts.map((r) => (
            <option key={r.id} value={r.id}>
              {r.purchaseRef} · {formatQty(r.qty, locale, single.unit)} · {formatDate(r.expectedDate, locale)}
            </option>
          ))}
        </select>
      )}
      {mode === 'dismiss' && (
        <input
          autoFocus
          aria-label={t('pur.dismissReason')}
          placeholder={t('pur.dismissReason')}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
      {mode !== 'idle' && (
        <>
          <button type="button" className="btn primary" onClick={confirm}>
            {t('pur.confirm')}
          </button>
          <button type="button" className="btn" onClick={reset}>
            {t('pur.cancel')}
          </button>
        </>
      )}
    </span>
  );
}
