import { AgGridReact } from 'ag-grid-react';
import type { GridApi, SelectionChangedEvent } from 'ag-grid-community';
import { useMemo, useRef, useState } from 'react';
import type { DemandRow, ShortageRow } from '../../../../../electron/shared/contract';
import { gridLocaleText, useT } from '../../../i18n';
import { gridTheme, FILTERED_COLUMN_DEFAULTS } from '../../../ui/grid';
import { exportGrid } from '../../../ui/xlsx';
import { demandColumns, shortageColumns } from '../columns';
import { DraftsPanel } from './DraftsPanel';
import { ShortageActions } from './ShortageActions';
import { today } from '../../../ui/today';
import { useGridRange } from '../../../ui/grid-range';
import { takeSearch } from '../../../app/search-handoff';
import { dateInFilters } from '../../../ui/grid-date-input';
import { useLiveQuery } from '../../../ui/use-live-query';

const WEEKS = 8;
const STATUSES = ['open', 'requested', 'covered', 'dismissed', 'all'] as const;
const SELECTION = { mode: 'multiRow', enableClickSelection: true } as const;

const PURCHASING_DATA = ['shortages', 'operations', 'opportunities'];
const NO_SHORTAGES: ShortageRow[] = [];
const NO_DEMAND: DemandRow[] = [];

/** The buyer's workspace: shortages created by accepted quotes, and the demand the pipeline announces. */
export function PurchasingView() {
  const { t, locale } = useT();
  // the grid's filters take dates in the app's language, not the browser's date picker
  const colDefaults = useMemo(() => ({ ...FILTERED_COLUMN_DEFAULTS, ...dateInFilters(locale, t('date.placeholder')) }), [locale, t]);
  const [tab, setTab] = useState<'shortages' | 'demand' | 'drafts'>('shortages');
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('open');
  const [allDemand, setAllDemand] = useState(false);
  const [selected, setSelected] = useState<ShortageRow[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [search, setSearch] = useState(() => takeSearch('purchasing') ?? '');
  const api = useRef<GridApi | null>(null);

  const shortagesQuery = useLiveQuery('purchasing.shortages', { status }, PURCHASING_DATA);
  const demandQuery = useLiveQuery('purchasing.demand', { weeks: WEEKS, all: allDemand }, PURCHASING_DATA);
  const shortages = shortagesQuery.data ?? NO_SHORTAGES;
  const demand = demandQuery.data ?? NO_DEMAND;
  const load = () => {
    shortagesQuery.reload();
    demandQuery.reload();
  };

  const sRange = useGridRange<ShortageRow>(locale);
  const dRange = useGridRange<DemandRow>(locale);
  const sCols = useMemo(() => sRange.columns(shortageColumns(t, locale)), [t, locale, sRange]);
  // the day the weeks start from: the app's clock, the same day core counts from
  const day = today();
  const dCols = useMemo(() => dRange.columns(demandColumns(t, locale, WEEKS, day)), [t, locale, day, dRange]);

  return (
    <>
      <div className="toolbar">
        <h1>{t('pur.title')}</h1>
        <div className="tabs" role="tablist">
          {(['shortages', 'drafts', 'demand'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              className={`btn ${tab === k ? 'primary' : ''}`}
              onClick={() => setTab(k)}
            >
              {t(`pur.${k}`)}
              {k === 'drafts' ? '' : ` (${k === 'shortages' ? shortages.length : demand.length})`}
            </button>
          ))}
        </div>
        {tab === 'shortages' && (
          <select aria-label={t('pur.status')} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`pur.status.${s}`)}
              </option>
            ))}
          </select>
        )}
        {tab === 'demand' && (
          <label>
            <input type="checkbox" checked={allDemand} onChange={(e) => setAllDemand(e.target.checked)} /> {t('pur.allDemand')}
          </label>
        )}
        <input
          type="search"
          aria-label={t('pur.search')}
          placeholder={t('pur.search')}
          value={search}
          maxLength={200}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          onClick={() => api.current && void exportGrid(api.current, tab === 'shortages' ? t('pur.shortages') : t('pur.demand'))}
        >
          {t('export.xlsx')}
        </button>
      </div>
      {tab === 'shortages' && (
        <div className="toolbar subbar">
          <ShortageActions
            selected={selected}
            onDone={(text) => (setMessage(text ? { text, error: false } : null), load())}
            onError={(text) => setMessage({ text, error: true })}
            onDrafted={(text) => (setMessage({ text, error: false }), setTab('drafts'), load())}
          />
        </div>
      )}
      {message && (
        <div className={message.error ? 'banner' : 'banner ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </div>
      )}
      {tab === 'drafts' && <DraftsPanel onSent={(text) => (setMessage({ text, error: false }), load())} />}
      <div
        hidden={tab === 'drafts'}
        className="grid-wrap"
        data-testid={tab === 'shortages' ? 'shortages-grid' : 'demand-grid'}
        onCopy={tab === 'shortages' ? sRange.handlers.onCopy : dRange.handlers.onCopy}
      >
        {tab === 'shortages' ? (
          <AgGridReact<ShortageRow>
            key="shortages"
            theme={gridTheme}
            localeText={gridLocaleText(locale)}
            rowData={shortages}
            columnDefs={sCols}
            {...sRange.gridProps}
            defaultColDef={colDefaults}
            getRowId={(p) => String(p.data.id)}
            rowSelection={SELECTION}
            quickFilterText={search}
            // a few hundred rows at most: every column drawn, so what a row says is all there (copy, search, tests)
            suppressColumnVirtualisation
            onGridReady={(e) => ((api.current = e.api as GridApi), sRange.handlers.onGridReady(e.api))}
            onSelectionChanged={(e: SelectionChangedEvent<ShortageRow>) => setSelected(e.api.getSelectedRows())}
          />
        ) : (
          <AgGridReact<DemandRow>
            key="demand"
            theme={gridTheme}
            localeText={gridLocaleText(locale)}
            rowData={demand}
            columnDefs={dCols}
            {...dRange.gridProps}
            defaultColDef={colDefaults}
            getRowId={(p) => `${p.data.productId}:${p.data.warehouseId ?? '*'}`}
            quickFilterText={search}
            onGridReady={(e) => ((api.current = e.api as GridApi), dRange.handlers.onGridReady(e.api))}
          />
        )}
      </div>
    </>
  );
}
