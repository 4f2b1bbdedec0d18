import { AgGridReact } from 'ag-grid-react';
import type { CellFocusedEvent, GridApi } from 'ag-grid-community';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ApprovalQueueRow } from '../../../../../electron/shared/contract';
import { may } from '../../../../../electron/shared/domain/authority';
import { useApp } from '../../../app/client-context';
import { gridLocaleText, useT } from '../../../i18n';
import { gridTheme, SINGLE_ROW, COLUMN_DEFAULTS } from '../../../ui/grid';
import { marginQueueColumns, queueColumns } from '../columns';
import { ActionError, useActionError } from '../../../ui/ActionError';

type Props = {
  rows: ApprovalQueueRow[];
  search: string;
  onDecided: (message: string) => void;
  onOpen: (id: number) => void;
  /** which requests: credit (credit control's queue) or margin (the sales manager's) */
  kind?: 'credit' | 'margin';
};

/**
 * The requests waiting for a decision (credit for credit control, margin for the sales manager), as a dense grid filtered by the page's search:
 * ↑↓ choose, Entrée goes to the comment, Entrée there approves, Maj+Entrée refuses (a refusal
 * needs a comment); the next request is then selected. Double click opens the deal.
 */
export function ApprovalQueue({ rows, search, onDecided, onOpen, kind = 'credit' }: Props) {
  const { client, settings } = useApp();
  const { t, locale } = useT();
  // the queue is for those who decide; the others read it
  const decides = may(settings.roles, kind === 'margin' ? 'approval.margin' : 'approval.credit');
  const api = useRef<GridApi<ApprovalQueueRow> | null>(null);
  const commentBox = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<ApprovalQueueRow | null>(null);
  const [comment, setComment] = useState('');
  const error = useActionError();
  const [shown, setShown] = useState(rows.length);
  const nextIndex = useRef<number | null>(null);
  const columns = useMemo(() => (kind === 'margin' ? marginQueueColumns : queueColumns)(t, locale), [t, locale, kind]);

  // after a decision the queue is read again: the request now at the same place is the next one
  useEffect(() => {
    const g = api.current;
    if (!g) return;
    // the oldest request is chosen to begin with: the comment box and Entrée work at once
    if (nextIndex.current === null) {
      if (g.getSelectedRows().length === 0) g.getDisplayedRowAtIndex(0)?.setSelected(true, true);
      return;
    }
    const count = g.getDisplayedRowCount();
    if (count > 0) {
      const i = Math.min(nextIndex.current, count - 1);
      g.getDisplayedRowAtIndex(i)?.setSelected(true, true);
      g.setFocusedCell(i, 'reference');
    }
    nextIndex.current = null;
  }, [rows]);

  const decide = (decision: 'approve' | 'refuse') => {
    const g = api.current;
    if (!chosen || !g) return;
    const at = g.getRowNode(String(chosen.id))?.rowIndex ?? 0;
    client.call('approval.decide', { id: chosen.id, decision, comment: comment.trim() }).then(() => {
      nextIndex.current = at;
      setComment('');
      error.clear();
      onDecided(t(decision === 'approve' ? 'fin.approved' : 'fin.refused', { ref: chosen.reference }));
    }, error.fail);
  };
  const onCommentKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    decide(e.shiftKey ? 'refuse' : 'approve');
  };

  return (
    <section className="queue-pane" data-testid="approval-queue" aria-label={t('fin.queue')}>
      <div className="toolbar subbar">
        <h3>{t(kind === 'margin' ? 'dash.marginQueueCount' : 'fin.queueCount', { n: shown })}</h3>
        {chosen && (
          <span className="fresh" data-testid="queue-chosen">
            {chosen.reference} · {chosen.customerName}
          </span>
        )}
        <input
          ref={commentBox}
          aria-label={t('fin.comment')}
          placeholder={t('fin.comment')}
          value={comment}
          maxLength={1000}
          disabled={!chosen || !decides}
          onChange={(e) => setComment(e.target.value)}
          onKeyDown={onCommentKey}
          style={{ flex: 1 }}
        />
        <button type="button" className="btn primary" disabled={!chosen || !decides} onClick={() => decide('approve')}>
          {t('fin.approve')}
        </button>
        <button type="button" className="btn" disabled={!chosen || !decides} onClick={() => decide('refuse')}>
          {t('fin.refuse')}
        </button>
        {error.text ? (
          <ActionError text={error.text} />
        ) : (
          <span className="fresh" data-testid="queue-hint">
            {t(decides ? 'fin.queueKeys' : kind === 'margin' ? 'roles.readOnly.margin' : 'roles.readOnly.credit')}
          </span>
        )}
      </div>
      <div className="grid-wrap" data-testid="approval-grid">
        <AgGridReact<ApprovalQueueRow>
          theme={gridTheme}
          localeText={gridLocaleText(locale)}
          rowData={rows}
          quickFilterText={search}
          columnDefs={columns}
          defaultColDef={COLUMN_DEFAULTS}
          getRowId={(p) => String(p.data.id)}
          rowSelection={SINGLE_ROW}
          onGridReady={(e) => (api.current = e.api)}
          onFirstDataRendered={(e) => e.api.getDisplayedRowAtIndex(0)?.setSelected(true, true)}
          onModelUpdated={(e) => {
            setShown(e.api.getDisplayedRowCount());
            // a request the search hides is not the one a decision goes to: the first one shown is
            const selected = e.api.getSelectedNodes()[0];
            if (selected && !selected.displayed) {
              selected.setSelected(false);
              e.api.getDisplayedRowAtIndex(0)?.setSelected(true, true);
            }
          }}
          onSelectionChanged={(e) => setChosen(e.api.getSelectedRows()[0] ?? null)}
          // the keyboard's row is the chosen one
          onCellFocused={(e: CellFocusedEvent<ApprovalQueueRow>) => {
            if (typeof e.rowIndex === 'number' && !e.rowPinned) e.api.getDisplayedRowAtIndex(e.rowIndex)?.setSelected(true, true);
          }}
          onCellKeyDown={(e) => {
            if ((e.event as globalThis.KeyboardEvent | undefined)?.key === 'Enter') commentBox.current?.focus();
          }}
          onRowDoubleClicked={(e) => e.data && onOpen(e.data.opportunityId)}
        />
      </div>
    </section>
  );
}
