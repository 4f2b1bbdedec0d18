import type { BoardCard } from '../../../../../electron/shared/contract';
import { formatDate, formatMoney } from '../../../../../electron/shared/format';
import { useT } from '../../../i18n';

type Props = { card: BoardCard; onOpen: () => void; onShift: (delta: -1 | 1) => void; onFocus: () => void };

/** A deal on the board: drag it, or focus it and press Alt+←/→ to change its stage, Enter to open it. */
export function BoardCardView({ card, onOpen, onShift, onFocus }: Props) {
  const { t, locale } = useT();
  return (
    <article
      className={card.stagnantDays !== null ? 'board-card is-stagnant' : 'board-card'}
      tabIndex={0}
      draggable
      data-testid={`card-${card.reference}`}
      data-card-id={card.id}
      onFocus={onFocus}
      aria-label={`${card.reference} ${card.customerName}`}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', String(card.id));
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDoubleClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen();
        else if (e.altKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
          e.preventDefault();
          onShift(e.key === 'ArrowRight' ? 1 : -1);
        }
      }}
    >
      <div className="board-card-top">
        <span className="fresh">{card.reference}</span>
        <b className="num">{formatMoney(card.amount, locale, 'EUR', 0)}</b>
      </div>
      <div>
        {card.customerName}
        {card.customerOnHold && <span className="badge-hold">{t('customer.onHold')}</span>}
      </div>
      <div className="fresh">
        {card.title} · {formatDate(card.expectedClose, locale) || '—'} · {card.ownerInitials ?? ''}
        {card.stagnantDays !== null && (
          <span className="stagnant" title={t('board.stagnant', { days: card.stagnantDays })} data-testid="stagnant-mark">
            {' '}
            · ⏸ {t('stagnant.beyond', { days: card.stagnantDays })}
          </span>
        )}
      </div>
    </article>
  );
}
