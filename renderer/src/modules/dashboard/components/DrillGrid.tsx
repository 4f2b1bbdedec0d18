import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, GridApi } from 'ag-grid-community';
import { useEffect, useMemo, useRef } from 'react';
import type { DealsSlice, OpportunityRow } from '../../../../../electron/shared/contract';
import { gridLocaleText, useT } from '../../../i18n';
import { COLUMN_DEFAULTS, gridTheme, SINGLE_ROW } from '../../../ui/grid';
import { useGridRange } from '../../../ui/grid-range';
import { useLiveQuery } from '../../../ui/use-live-query';
import { exportGrid } from '../../../ui/xlsx';
import { opportunityColumns } from '../../opportunities/columns';
import { DASHBOARD_DATA } from '../data';

const NO_ROWS: OpportunityRow[] = [];
/** The list's columns a figure's deals are shown with: all but the days in stage (the stagnation column says more). */
const shown = (colId: string) => colId !== 'daysInStage';

/**
 * The deals behind a figure (core's `dashboard.deals`, the same conditions as the figure): the
 * list's columns, `Entrée` opens one, `Échap` closes, export to Excel.
 */
export function DrillGrid({
  slice,
  title,
  onOpen,
  onClose,
  height = 300,
  testId = 'drill',
  limit = 1000,
}: {
  slice: DealsSlice;
  title: string;
  onOpen: (id: number) => void;
  onClose?: () => void;
  height?: number;
  testId?: string;
  /** how many of the deals are listed (the count says how many there are) */
  limit?: number;
}) {
  const { t, locale } = useT();
  const query = useLiveQuery('dashboard.deals', { slice, limit }, DASHBOARD_DATA);
  const rows = query.data?.rows ?? NO_ROWS;
  const range = useGridRange<OpportunityRow>(locale);
  const columns = useMemo(
    () =>
      range.columns(
        opportunityColumns(t, locale)
          .filter((c) => shown(c.colId))
          .map((c) => ({ ...c, filter: false, pinned: undefined })),
      ),
    [t, locale, range],
  );
  const api = useRef<GridApi<OpportunityRow> | null>(null);
  const box = useRef<HTMLElement | null>(null);
  const sliceKey = JSON.stringify(slice);
  // a figure's deals just asked for: brought into view (the standing lists stay where they are)
  const drilled = onClose !== undefined;
  useEffect(() => {
    if (drilled) box.current?.scrollIntoView({ block: 'nearest' });
  }, [sliceKey, drilled]);
  return (
    <section
      className="panel drill"
      ref={box}
      aria-label={title}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onClose) onClose();
      }}
    >
      <div className="panel-head">
        <h2>{title}</h2>
        <span className="fresh">{query.data ? t('dash.drill.count', { n: query.data.total, shown: rows.length }) : t('dash.loading')}</span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => api.current && void exportGrid(api.current, title)}>
          {t('export.xlsx')}
        </button>
        {onClose && (
          <button type="button" className="btn" onClick={onClose} aria-label={t('dash.drill.close')}>
            ✕
          </button>
        )}
      </div>
      <div style={{ height }} onCopy={range.handlers.onCopy}>
        <AgGridReact<OpportunityRow>
          theme={gridTheme}
          localeText={gridLocaleText(locale)}
          rowData={rows}
          columnDefs={columns}
          defaultColDef={COLUMN_DEFAULTS}
          rowSelection={SINGLE_ROW}
          getRowId={(p) => String(p.data.id)}
          onGridReady={(e) => ((api.current = e.api), range.handlers.onGridReady(e.api))}
          onRowDoubleClicked={(e) => e.data && onOpen(e.data.id)}
          onCellMouseDown={range.handlers.onCellMouseDown}
          onCellFocused={range.handlers.onCellFocused}
          onCellKeyDown={(e) => {
            const k = e.event as KeyboardEvent | undefined;
            if (k?.key === 'Enter' && !k.shiftKey && e.data) onOpen(e.data.id);
            range.handlers.onCellKeyDown(e as CellKeyDownEvent<OpportunityRow>);
          }}
        />
      </div>
    </section>
  );
}
