import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { OpportunityDetail, OpportunityLine } from '../../../../../electron/shared/contract';
import { AppError } from '../../../../../electron/shared/errors';
import { formatMoney, formatRate, formatStamp } from '../../../../../electron/shared/format';
import { gridLocaleText, useT } from '../../../i18n';
import { gridTheme, COLUMN_DEFAULTS } from '../../../ui/grid';
import { errorText } from '../../../ui/errors';
import { useGridRange } from '../../../ui/grid-range';
import { useColumnState } from '../../../ui/use-column-state';
import { useShortcut } from '../../../ui/use-shortcut';
import { useLiveQuery } from '../../../ui/use-live-query';
import { exportGrid } from '../../../ui/xlsx';
import { useLineEditing, type LineEditing } from '../hooks/use-line-editing';
import { lineColumns } from '../line-columns';
import { applyDraft } from '../live-preview';
import { AddLineBar } from './AddLineBar';
import { SuggestionsPanel } from './SuggestionsPanel';
import { CustomerCard } from './CustomerCard';
import { DealHeader } from './DealHeader';
import { GuardBanner } from './GuardBanner';
import { HistoryPanel } from './HistoryPanel';
import { DealActivities } from '../../activities/components/DealActivities';
import { QuoteButtons } from './QuoteButtons';
import { OpsBanner } from './OpsBanner';
import { StageSelect } from './StageSelect';

type Props = { id: number; onBack: () => void };
/** the deal, and the ERP figures it shows (stock, costs, receipts, credit) */
const DEAL_DATA = ['opportunities', 'stock', 'products', 'supplierPrices', 'receipts', 'customers'];

/**
 * The lines take the height the deal needs — every line, the total and the scroll bar — up to
 * what the screen leaves below the header; a long deal scrolls inside.
 */
function linesHeight(lines: number): string {
  const needed = 30 + (lines + 1) * 26 + 18;
  return `min(${needed}px, max(320px, calc(100vh - 330px)))`;
}

/** Columns as wide as their content: figures are never cut. */
const FIT = { type: 'fitCellContents' } as const;

/** Line shortcuts: Ctrl+D duplicates, Ctrl+Delete deletes, Alt+↑/↓ moves, Ctrl+Z undoes the last change. */
function onLineKey(e: CellKeyDownEvent<OpportunityLine>, editing: LineEditing) {
  const k = e.event as KeyboardEvent | undefined;
  if (!k || !e.data || e.node.rowPinned) return;
  const ctrl = k.ctrlKey || k.metaKey;
  if (ctrl && k.key.toLowerCase() === 'd') editing.duplicate(e.data);
  else if (ctrl && k.key === 'Delete') editing.remove(e.data);
  else if (k.altKey && k.key === 'ArrowUp') editing.move(e.data, -1);
  else if (k.altKey && k.key === 'ArrowDown') editing.move(e.data, 1);
  else if (ctrl && k.key.toLowerCase() === 'z') editing.undoLast();
  else return;
  k.preventDefault();
}

/** One opportunity, the 360° view: header, customer credit, and its lines edited in place with stock, costs and margins. */
export function OpportunityView({ id, onBack }: Props) {
  const { t, locale } = useT();
  const deal = useLiveQuery('opportunity.get', { id }, DEAL_DATA, { id });
  const opp = deal.data ?? null;
  // an edit's answer (the deal as core now has it) shows at once
  const setOpp = deal.set;
  const error = deal.error
    ? deal.error instanceof AppError && deal.error.code === 'not_found'
      ? t('opp.notFound')
      : errorText(deal.error, t)
    : null;
  const [notice, setNotice] = useState<string | null>(null);

  const back = useCallback(
    (e: KeyboardEvent) => {
      if (document.activeElement?.closest('.ag-popup, .ag-cell-inline-editing, [data-no-escape]')) return;
      e.preventDefault();
      onBack();
    },
    [onBack],
  );
  useShortcut('Escape', back);

  // columns are rebuilt only when what they show changes: a rebuild resets the widths the user set
  const lastPricesKey = JSON.stringify(opp?.customerPanel.lastPrices ?? []);
  const lastPrices = useMemo(
    () => new Map((JSON.parse(lastPricesKey) as OpportunityDetail['customerPanel']['lastPrices']).map((p) => [p.productId, p])),
    [lastPricesKey],
  );
  const warehouseKey = opp?.warehouses.map((w) => `${w.id}:${w.code}`).join(',') ?? '';
  const editing = useLineEditing(opp, setOpp, setNotice);
  const editRef = useRef<LineEditing | null>(null);
  const linesApi = useRef<GridApi<OpportunityLine> | null>(null);
  editRef.current = editing;
  const columnState = useColumnState('grid.lines');
  const saveColumns = useCallback(() => linesApi.current && columnState.save(linesApi.current), [columnState]);
  const range = useGridRange<OpportunityLine>(locale);
  const columns = useMemo(
    () =>
      range.columns(
        lineColumns(
          t,
          locale,
          lastPrices,
          warehouseKey ? warehouseKey.split(',').map((w) => ({ warehouseId: Number(w.split(':')[0]), warehouseCode: w.split(':')[1]! })) : [],
          editRef,
        ),
      ),
    [t, locale, lastPrices, warehouseKey, range],
  );
  // while a cell is typed, the deal as it will be: recomputed here, replaced by core's answer on Enter
  const shown = useMemo(() => opp && applyDraft(opp, editing.draft, locale), [opp, editing.draft, locale]);
  const pinned = useMemo(() => (shown ? [{ ...shown.totals, productName: t('opp.total') } as unknown as OpportunityLine] : []), [shown, t]);

  if (error)
    return (
      <div className="page">
        <button type="button" className="btn" onClick={onBack}>
          {t('opp.back')}
        </button>
        <p role="alert">{error}</p>
      </div>
    );
  if (!opp || !shown) return <div className="center">…</div>;

  return (
    <div className="page" data-testid="opportunity-view">
      <div className="toolbar" style={{ margin: '-12px -14px 12px' }}>
        <button type="button" className="btn" onClick={onBack}>
          {t('opp.back')}
        </button>
        <h1>
          {opp.reference} — {opp.title}
        </h1>
        <StageSelect opp={opp} onMoved={setOpp} />
        <span className="spacer" />
        {window.comptoir?.openDealWindow && (
          <button type="button" className="btn" title={t('opp.ownWindow.hint')} onClick={() => window.comptoir?.openDealWindow?.(opp.id)}>
            {t('opp.ownWindow')}
          </button>
        )}
        <QuoteButtons opportunityId={opp.id} />
      </div>
      <GuardBanner opp={shown} onSaved={setOpp} />
      <OpsBanner opp={shown} onSaved={setOpp} />
      <div className="opp-head">
        <DealHeader opp={shown} onSaved={setOpp} />
        <CustomerCard opp={shown} />
      </div>
      {notice && (
        <div className="banner lines-notice" role="alert">
          {notice}
        </div>
      )}
      <div
        className="lines-grid"
        data-testid="opportunity-lines"
        style={{ height: linesHeight(opp.lines.length) }}
        onCopy={range.handlers.onCopy}
        onPaste={(e) => {
          // a block copied from a spreadsheet (code, quantity, price, discount) becomes lines; a cell being typed keeps its own paste
          if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
          e.preventDefault();
          editing.paste(e.clipboardData.getData('text/plain'));
        }}
      >
        <AgGridReact<OpportunityLine>
          theme={gridTheme}
          localeText={gridLocaleText(locale)}
          rowData={shown.lines}
          columnDefs={columns}
          pinnedBottomRowData={pinned}
          getRowId={(p) => String(p.data.id ?? 'total')}
          defaultColDef={COLUMN_DEFAULTS}
          autoSizeStrategy={columnState.saved ? undefined : FIT}
          suppressColumnVirtualisation
          singleClickEdit={false}
          stopEditingWhenCellsLoseFocus
          onCellKeyDown={(e: CellKeyDownEvent<OpportunityLine>) => (range.handlers.onCellKeyDown(e), onLineKey(e, editing))}
          onCellMouseDown={range.handlers.onCellMouseDown}
          onCellFocused={range.handlers.onCellFocused}
          onGridReady={(e) => {
            linesApi.current = e.api;
            range.handlers.onGridReady(e.api);
            columnState.restore(e.api);
          }}
          onColumnMoved={saveColumns}
          onColumnResized={(e) => e.finished && e.source === 'uiColumnResized' && saveColumns()}
          onColumnVisible={saveColumns}
          onSortChanged={saveColumns}
        />
      </div>
      <div className="actions">
        <AddLineBar onAdd={editing.addLine} />
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => linesApi.current && void exportGrid(linesApi.current, opp.reference)}>
          {t('export.xlsx')}
        </button>
      </div>
      <DealTotals opp={shown} />
      {opp.stage.kind === 'open' && <SuggestionsPanel opportunityId={opp.id} warehouses={opp.warehouses} onAdd={editing.addSuggested} />}
      <DealActivities on={{ opportunityId: opp.id, label: `${opp.reference} — ${opp.customer.name}` }} open={opp.stage.kind === 'open'} />
      <HistoryPanel id={opp.id} customerId={opp.customer.id} warehouses={opp.warehouses} />
    </div>
  );
}

/** Amount, cost, margin and weighted amount of the deal, and which cost it uses. */
function DealTotals({ opp }: { opp: OpportunityDetail }) {
  const { t, locale } = useT();
  return (
    <div className="totals" data-testid="deal-totals">
      <div>
        <span>{t('opp.amount')}</span>
        {formatMoney(opp.totals.amount, locale)}
      </div>
      <div>
        <span>{t('opp.cost')}</span>
        {formatMoney(opp.totals.cost, locale)}
      </div>
      <div>
        <span>{t('opp.margin')}</span>
        {formatMoney(opp.totals.margin, locale)} ({formatRate(opp.totals.marginRate, locale)})
      </div>
      <div>
        <span>{t('opp.weighted')}</span>
        {formatMoney(opp.totals.weightedAmount, locale)}
      </div>
      <div className="fresh">
        {t(`opp.costBasis.${opp.costBasis}`)}
        {opp.costsAsOf ? ` · ${t('opp.costsAsOf', { stamp: formatStamp(opp.costsAsOf, locale) })}` : ''}
      </div>
    </div>
  );
}
