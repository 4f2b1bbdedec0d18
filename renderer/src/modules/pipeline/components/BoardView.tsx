import { useCallback, useEffect, useRef, useState } from 'react';
import { formatInt, formatMoney } from '../../../../../electron/shared/format';
import { useT } from '../../../i18n';
import { useDebounced } from '../../../ui/use-debounced';
import { useStageMove } from '../use-stage-move';
import { BoardCardView } from './BoardCardView';
import { useLiveQuery } from '../../../ui/use-live-query';

type Props = { onOpen: (id: number) => void; onGrid: () => void };

const BOARD_DATA = ['opportunities', 'stages'];

/**
 * The pipeline as a board: a column per open stage with its totals; cards move between stages by
 * drag and drop or Alt+←/→, through the same core call as everywhere else.
 */
export function BoardView({ onOpen, onGrid }: Props) {
  const { t, locale } = useT();
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<number | null>(null);
  const settled = useDebounced(search, 150);

  const board = useLiveQuery('pipeline.board', { search: settled.trim() || undefined }, BOARD_DATA).data ?? null;

  const moved = useCallback(() => setError(null), []);
  const { request: move, dialog } = useStageMove(moved, setError);

  // the card last focused keeps the focus when a move puts it in another column (it is drawn anew there)
  const focusedCard = useRef<number | null>(null);
  useEffect(() => {
    if (focusedCard.current === null || (document.activeElement && document.activeElement !== document.body)) return;
    document.querySelector<HTMLElement>(`[data-card-id="${focusedCard.current}"]`)?.focus();
  }, [board]);

  const columns = board?.columns ?? [];
  const neighbour = (stageId: number, delta: number) => columns[columns.findIndex((c) => c.stageId === stageId) + delta]?.stageId;

  return (
    <>
      <div className="toolbar">
        <h1>{t('board.title')}</h1>
        <input
          type="search"
          aria-label={t('opps.search')}
          placeholder={t('opps.search')}
          value={search}
          maxLength={200}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="spacer" />
        <span className="fresh">{t('board.hint')}</span>
        <button type="button" className="btn" onClick={onGrid}>
          {t('board.toGrid')}
        </button>
      </div>
      {error && (
        <div className="banner" role="alert">
          {error}
        </div>
      )}
      <div className="board" data-testid="board">
        {columns.map((col) => (
          <section
            key={col.stageId}
            className={`board-col${dropTarget === col.stageId ? ' drop' : ''}`}
            aria-label={col.stageName}
            data-testid={`board-col-${col.stageName}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDropTarget(col.stageId);
            }}
            onDragLeave={() => setDropTarget(null)}
            onDrop={(e) => {
              e.preventDefault();
              setDropTarget(null);
              const id = Number(e.dataTransfer.getData('text/plain'));
              if (id) move(id, col.stageId);
            }}
          >
            <header>
              <b>{col.stageName}</b> <span className="fresh">{col.probability} %</span>
              <div className="fresh">
                {t('opps.count', { count: formatInt(col.count, locale) })} · {formatMoney(col.amount, locale, 'EUR', 0)} · {t('opp.weighted')}{' '}
                {formatMoney(col.weightedAmount, locale, 'EUR', 0)}
              </div>
            </header>
            {col.cards.map((card) => (
              <BoardCardView
                key={card.id}
                card={card}
                onOpen={() => onOpen(card.id)}
                onFocus={() => (focusedCard.current = card.id)}
                onShift={(delta) => {
                  const to = neighbour(col.stageId, delta);
                  if (to) move(card.id, to);
                }}
              />
            ))}
            {col.count > col.cards.length && (
              <div className="fresh board-more">{t('board.more', { count: formatInt(col.count - col.cards.length, locale) })}</div>
            )}
          </section>
        ))}
      </div>
      {dialog}
    </>
  );
}
