import { useEffect, useRef, useState } from 'react';
import type { MovePreview } from '../../../../../electron/shared/contract';
import { AppError } from '../../../../../electron/shared/errors';
import { type T, useT } from '../../../i18n';
import { errorText } from '../../../ui/errors';

type Props = { preview: MovePreview; onConfirm: (lost: { lostReason: string; lostNote: string } | null) => void; onCancel: () => void };

/** The lines of what the move will do, in the words of the desk that will see it. */
export function effectLines(p: MovePreview, t: T): string[] {
  const out: string[] = [];
  const role = (r: string) => t(`role.${r}` as Parameters<T>[0]);
  if (p.reservedLines > 0) out.push(t('move.reserved', { n: p.reservedLines }));
  if (p.shortages > 0) out.push(t('move.shortages', { n: p.shortages }));
  if (p.saleOrder) out.push(t(`move.saleOrder.${p.saleOrder}`));
  if (p.released > 0) out.push(t('move.released', { n: p.released }));
  if (p.cancelledShortages > 0) out.push(t('move.cancelledShortages', { n: p.cancelledShortages }));
  for (const a of p.approvals) out.push(t('move.approval', { kind: t(`move.approval.${a === 'margin' ? 'margin' : 'credit'}`) }));
  for (const r of p.tasks) out.push(t('move.task', { role: role(r) }));
  for (const r of p.notices) out.push(t('move.notice', { role: role(r) }));
  if (p.kind === 'won') out.push(t('move.won'));
  if (p.kind === 'lost') out.push(t('move.lost'));
  return out;
}

/**
 * Asks before a stage move that runs automation or ends the deal, and says what will happen; a
 * lost deal says why. Enter confirms, Escape cancels (a native modal dialog keeps the focus).
 */
export function ConfirmMove({ preview, onConfirm, onCancel }: Props) {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const reasonRef = useRef<HTMLSelectElement>(null);
  const yesRef = useRef<HTMLButtonElement>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // the reason to pick, else the yes: Enter confirms, Escape cancels
    (reasonRef.current ?? yesRef.current)?.focus();
  }, []);
  const lost = preview.kind === 'lost';
  const ready = preview.blocked === null && (!lost || reason !== '');
  const lines = effectLines(preview, t);
  const submit = () => ready && onConfirm(lost ? { lostReason: reason, lostNote: note.trim() } : null);
  return (
    <dialog
      ref={ref}
      className="confirm-move"
      aria-labelledby="confirm-move-title"
      onCancel={(e) => (e.preventDefault(), onCancel())}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !(e.target instanceof HTMLTextAreaElement) && !(e.target instanceof HTMLButtonElement)) {
          e.preventDefault();
          submit();
        }
      }}
    >
      <h2 id="confirm-move-title">{t('move.title', { stage: preview.toStage })}</h2>
      {preview.blocked && (
        <div className="banner" role="alert">
          {t('move.blocked', { why: errorText(new AppError('conflict', preview.blocked.message, preview.blocked.details), t) })}
        </div>
      )}
      <ul className="move-effects">{lines.length ? lines.map((l) => <li key={l}>{l}</li>) : <li>{t('move.nothing')}</li>}</ul>
      {lost && (
        <div className="lost-reason">
          <label>
            {t('move.lostReason')}
            <select ref={reasonRef} value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t('move.lostReason')}>
              <option value="">{t('move.lostReason.pick')}</option>
              {preview.lostReasons.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('move.lostNote')}
            <textarea value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} aria-label={t('move.lostNote')} />
          </label>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('move.cancel')}
        </button>
        <button type="button" className="btn primary" disabled={!ready} ref={yesRef} onClick={submit}>
          {t('move.confirm')}
        </button>
      </div>
    </dialog>
  );
}
