import type { CellKeyDownEvent, GridApi, GridReadyEvent, RowDoubleClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Input, OpportunityRow, StageKind } from '../../../../../electron/shared/contract';
import { formatInt, formatMoney } from '../../../../../electron/shared/format';
import { useChanges } from '../../../ui/use-live-query';
import { useApp } from '../../../app/client-context';
import { gridLocaleText, useT } from '../../../i18n';
import { gridTheme, COLUMN_DEFAULTS } from '../../../ui/grid';
import { useDebounced } from '../../../ui/use-debounced';
import { useShortcut } from '../../../ui/use-shortcut';
import { download, sheetFromRows, workbook } from '../../../ui/xlsx';
import { opportunityColumns } from '../columns';
import { useGridRange } from '../../../ui/grid-range';
import { useColumnState } from '../../../ui/use-column-state';
import { useOpportunitiesDatasource, type Summary } from '../hooks/use-opportunities-datasource';
import { takeSearch } from '../../../app/search-handoff';
import { keepListPlace, listPlace, returnToPlace } from '../list-memory';
import { OpportunitiesToolbar } from './OpportunitiesToolbar';
import { today } from '../../../ui/today';
import { ActivityForm } from '../../activities/components/ActivityForm';

const LIST_DATA = ['opportunities'];
type Props = { onOpen: (id: number) => void; onNew: () => void };

/** All opportunities, paged from core (infinite row model), keyboard first. */
export function OpportunitiesGrid({ onOpen, onNew }: Props) {
  const { client } = useApp();
  const { t, locale } = useT();
  const api = useRef<GridApi<OpportunityRow> | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  // back from a deal, the list is where it was left: search, filters, scroll and focused cell
  const [start] = useState(() => {
    const handed = takeSearch('opportunities');
    return handed === undefined ? listPlace() : { ...listPlace(), search: handed, topRow: 0, focused: null };
  });
  const [search, setSearch] = useState(start.search);
  const [kinds, setKinds] = useState<StageKind[]>(start.kinds);
  const restored = useRef(false);
  const shown = useRef({ search, kinds });
  shown.current = { search, kinds };
  const remember = useCallback(() => {
    if (api.current && restored.current) keepListPlace(api.current, shown.current.search, shown.current.kinds);
  }, []);
  useEffect(remember, [search, kinds, remember]);
  const { datasource, summary, error } = useOpportunitiesDatasource(useDebounced(search, 150), kinds);
  const columnState = useColumnState('grid.opportunities');
  // for the first-row benchmark: when the grid starts to exist
  useState(() => performance.mark('comptoir:grid-create'));
  const range = useGridRange<OpportunityRow>(locale);
  const columnDefs = useMemo(() => range.columns(opportunityColumns(t, locale)), [t, locale, range]);

  useEffect(() => api.current?.setGridOption('datasource', datasource), [datasource]);
  // the pages the grid holds are read again when deals change (here or pulled from the team)
  const refresh = useCallback(() => api.current?.refreshInfiniteCache(), []);
  useChanges(LIST_DATA, refresh);

  const focusSearch = useCallback((e: KeyboardEvent) => {
    e.preventDefault();
    searchBox.current?.focus();
    searchBox.current?.select();
  }, []);
  useShortcut('Ctrl+F', focusSearch);

  const onGridReady = useCallback(
    (e: GridReadyEvent<OpportunityRow>) => {
      api.current = e.api;
      range.handlers.onGridReady(e.api);
      columnState.restore(e.api);
      if (Object.keys(start.filters).length) e.api.setFilterModel(start.filters);
      e.api.setGridOption('datasource', datasource);
    },
    [columnState, datasource, start, range],
  );
  const [planFor, setPlanFor] = useState<OpportunityRow | null>(null);
  const onCellKeyDown = useCallback(
    (e: CellKeyDownEvent<OpportunityRow>) => {
      range.handlers.onCellKeyDown(e);
      const ev = e.event as KeyboardEvent | undefined;
      if (ev?.key === 'Enter' && e.data) onOpen(e.data.id);
      // A: an activity for this deal, planned or logged, without leaving the list
      if ((ev?.key === 'a' || ev?.key === 'A') && !ev.ctrlKey && !ev.metaKey && !ev.altKey && e.data) {
        ev.preventDefault();
        setPlanFor(e.data);
      }
    },
    [onOpen, range],
  );
  const onRowDoubleClicked = useCallback((e: RowDoubleClickedEvent<OpportunityRow>) => e.data && onOpen(e.data.id), [onOpen]);
  const onSearchKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'Enter') return;
    e.preventDefault();
    const first = api.current?.getAllDisplayedColumns()[0];
    api.current?.ensureIndexVisible(0);
    if (first) api.current?.setFocusedCell(0, first);
  };
  /** Every row of the current filters and sort, fetched page by page from core, as the grid shows them. */
  const exportAll = useCallback(async () => {
    const grid = api.current;
    if (!grid) return;
    const sort = grid
      .getColumnState()
      .filter((c) => c.sort)
      .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
      .map((c) => ({ colId: c.colId, sort: c.sort! }));
    const base = {
      search: search.trim() || undefined,
      stageKinds: kinds.length ? kinds : undefined,
      sort,
      filters: grid.getFilterModel(),
      withTotals: false,
      limit: 5_000,
    } as Input<'opportunities.list'>;
    const rows: OpportunityRow[] = [];
    for (;;) {
      const page = await client.call('opportunities.list', { ...base, offset: rows.length });
      rows.push(...page.rows);
      if (page.rows.length < 5_000) break;
    }
    download(await workbook(sheetFromRows(grid, rows, t('nav.opportunities'))), `${t('nav.opportunities')}-${today()}.xlsx`);
  }, [client, search, kinds, t]);
  const saveState = useCallback(() => api.current && columnState.save(api.current), [columnState]);

  return (
    <>
      <OpportunitiesToolbar
        ref={searchBox}
        search={search}
        onSearch={setSearch}
        onSearchKey={onSearchKey}
        kinds={kinds}
        onToggleKind={(k) => setKinds((list) => (list.includes(k) ? list.filter((x) => x !== k) : [...list, k]))}
        onResetColumns={() => api.current && columnState.reset(api.current)}
        onNew={onNew}
        onExport={() => void exportAll()}
      />
      {error && (
        <div className="banner" role="alert">
          {error}
        </div>
      )}
      <div className="grid-wrap" data-testid="opportunities-grid" onCopy={range.handlers.onCopy}>
        <AgGridReact<OpportunityRow>
          theme={gridTheme}
          localeText={gridLocaleText(locale)}
          columnDefs={columnDefs}
          defaultColDef={COLUMN_DEFAULTS}
          rowModelType="infinite"
          cacheBlockSize={100}
          maxBlocksInCache={20}
          blockLoadDebounceMillis={30}
          getRowId={(p) => String(p.data.id)}
          onGridReady={onGridReady}
          onCellKeyDown={onCellKeyDown}
          onRowDoubleClicked={onRowDoubleClicked}
          onColumnMoved={saveState}
          onColumnResized={(e) => e.finished && saveState()}
          onColumnVisible={saveState}
          onColumnPinned={saveState}
          onSortChanged={saveState}
          onFirstDataRendered={(e) => {
            returnToPlace(e.api, start);
            restored.current = true;
          }}
          onCellFocused={(e) => (range.handlers.onCellFocused(e), remember())}
          onCellMouseDown={range.handlers.onCellMouseDown}
          onBodyScrollEnd={remember}
          onFilterChanged={remember}
          tooltipShowDelay={400}
        />
      </div>
      <StatusBar summary={summary} />
      {planFor && (
        <ActivityForm
          on={{ opportunityId: planFor.id, label: `${planFor.reference} — ${planFor.customerName}` }}
          onSaved={() => setPlanFor(null)}
          onClose={() => setPlanFor(null)}
        />
      )}
    </>
  );
}

function StatusBar({ summary }: { summary: Summary | null }) {
  const { t, locale } = useT();
  return (
    <div className="statusbar" data-testid="opportunities-status">
      {summary && (
        <>
          <span>
            <b>{t('opps.count', { count: formatInt(summary.total, locale) })}</b>
          </span>
          <span>
            {t('opps.totalAmount')} <b>{formatMoney(summary.amount, locale)}</b>
          </span>
          <span>
            {t('opps.totalWeighted')} <b>{formatMoney(summary.weightedAmount, locale)}</b>
          </span>
        </>
      )}
    </div>
  );
}
