import type { CellKeyDownEvent, GridApi, GridReadyEvent, IDatasource, IGetRowsParams, RowDoubleClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OpportunitiesListOutput, OpportunityRow, StageKind } from '../../../../../electron/shared/contract';
import { formatInt, formatMoney } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { gridLocaleText, useT } from '../../../i18n';
import { gridTheme } from '../../../ui/grid';
import { useShortcut } from '../../../ui/use-shortcut';
import { opportunityColumns } from '../columns';
import { useColumnState } from '../hooks/use-column-state';

type Props = { onOpen: (id: number) => void };
type Summary = OpportunitiesListOutput['totals'] & { total: number };

const KINDS: StageKind[] = ['open', 'won', 'lost'];
/** A constant: a new object on each render would make the grid reset every column's width. */
const DEFAULT_COL_DEF = { sortable: true, resizable: true };

/** All opportunities, paged from core (infinite row model): sorting, filters and search run in SQLite. */
export function OpportunitiesGrid({ onOpen }: Props) {
  const { client } = useApp();
  const { t, locale } = useT();
  const api = useRef<GridApi<OpportunityRow> | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState('');
  const [kinds, setKinds] = useState<StageKind[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const columnState = useColumnState();
  // for the first-row benchmark: when the grid starts to exist
  useState(() => performance.mark('comptoir:grid-create'));
  const columnDefs = useMemo(() => opportunityColumns(t, locale), [t, locale]);

  const knownTotal = useRef<number | undefined>(undefined);
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p: IGetRowsParams) => {
        const first = p.startRow === 0;
        client
          .call('opportunities.list', {
            withTotals: first,
            offset: p.startRow,
            limit: p.endRow - p.startRow,
            search: search.trim() || undefined,
            stageKinds: kinds.length ? kinds : undefined,
            sort: p.sortModel.map((s) => ({ colId: s.colId, sort: s.sort })) as never,
            filters: p.filterModel as never,
          })
          .then((out) => {
            setError(null);
            if (out.total !== null && out.totals) {
              knownTotal.current = out.total;
              setSummary({ ...out.totals, total: out.total });
            }
            p.successCallback(out.rows, out.total ?? knownTotal.current);
          })
          .catch((err: unknown) => {
            setError(err instanceof Error ? err.message : String(err));
            p.failCallback();
          });
      },
    }),
    [client, search, kinds],
  );

  useEffect(() => {
    api.current?.setGridOption('datasource', datasource);
  }, [datasource]);

  useEffect(
    () =>
      client.on('data.changed', (e) => {
        if (e.entities.includes('opportunities')) api.current?.refreshInfiniteCache();
      }),
    [client],
  );

  const focusSearch = useCallback((e: KeyboardEvent) => {
    e.preventDefault();
    searchBox.current?.focus();
    searchBox.current?.select();
  }, []);
  useShortcut('Ctrl+K', focusSearch);

  const onGridReady = useCallback(
    (e: GridReadyEvent<OpportunityRow>) => {
      api.current = e.api;
      columnState.restore(e.api);
      e.api.setGridOption('datasource', datasource);
      performance.mark('comptoir:grid-ready');
    },
    [columnState, datasource],
  );

  const onCellKeyDown = useCallback(
    (e: CellKeyDownEvent<OpportunityRow>) => {
      const key = (e.event as KeyboardEvent | undefined)?.key;
      if (key === 'Enter' && e.data) onOpen(e.data.id);
    },
    [onOpen],
  );

  const onRowDoubleClicked = useCallback(
    (e: RowDoubleClickedEvent<OpportunityRow>) => {
      if (e.data) onOpen(e.data.id);
    },
    [onOpen],
  );

  const onSearchKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter') {
      e.preventDefault();
      const first = api.current?.getColumnDefs()?.[0] as { colId?: string } | undefined;
      api.current?.ensureIndexVisible(0);
      if (first?.colId) api.current?.setFocusedCell(0, first.colId);
    }
  };

  const toggleKind = (k: StageKind) => setKinds((list) => (list.includes(k) ? list.filter((x) => x !== k) : [...list, k]));
  const saveState = useCallback(() => api.current && columnState.save(api.current), [columnState]);

  return (
    <>
      <div className="toolbar">
        <h1>{t('nav.opportunities')}</h1>
        <input
          ref={searchBox}
          type="search"
          aria-label={t('opps.search')}
          placeholder={t('opps.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={onSearchKey}
          maxLength={200}
        />
        {KINDS.map((k) => (
          <button key={k} type="button" className="toggle" aria-pressed={kinds.includes(k)} onClick={() => toggleKind(k)}>
            {t(`opps.kind.${k}`)}
          </button>
        ))}
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => api.current && columnState.reset(api.current)}>
          {t('opps.resetColumns')}
        </button>
      </div>
      {error && (
        <div className="banner" role="alert">
          {error}
        </div>
      )}
      <div className="grid-wrap" data-testid="opportunities-grid">
        <AgGridReact<OpportunityRow>
          theme={gridTheme}
          localeText={gridLocaleText(locale)}
          columnDefs={columnDefs}
          defaultColDef={DEFAULT_COL_DEF}
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
          tooltipShowDelay={400}
        />
      </div>
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
    </>
  );
}
