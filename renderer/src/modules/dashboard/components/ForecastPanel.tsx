import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import { useMemo, useRef } from 'react';
import type { DealsSlice, Output } from '../../../../../electron/shared/contract';
import { formatMoney } from '../../../../../electron/shared/format';
import { gridLocaleText, useT } from '../../../i18n';
import { axisMoney, tip } from '../../../ui/chart';
import { COLUMN_DEFAULTS, gridTheme } from '../../../ui/grid';
import { exportGrid, xlsxCell } from '../../../ui/xlsx';
import { periodLabel } from '../labels';
import { ChartCard } from './ChartCard';

type Forecast = Output<'dashboard.forecast'>;
type Row = { key: number | null; label: string; cells: Forecast['rows'][number]['cells']; total: number };
type Band = 'commit' | 'best' | 'pipeline';
type Props = { data: Forecast; ownerId: number | null; onDrill: (slice: DealsSlice, title: string) => void };

/** The deals behind a figure of this forecast: its grain, periods and cut, for the owner shown. */
const sliceOf = (
  data: Forecast,
  ownerId: number | null,
  at: { period: string; key: number | null; band: Band | null; whole?: boolean },
): DealsSlice => ({
  kind: 'forecast',
  grain: data.grain,
  periods: data.periods.length - 2,
  dimension: at.whole ? 'none' : data.dimension,
  ownerId,
  key: at.key,
  period: at.period,
  band: at.band,
});
type Point = { period: string; label: string; commit: number; best: number; rest: number; weighted: number; deals: number };

/**
 * The forecast: per period of expected close, the open amount committed, best case and the rest,
 * with the weighted amount; below, the weighted amount by the chosen dimension. A bar, a point or a
 * cell drills into its deals.
 */
export function ForecastPanel({ data, ownerId, onDrill }: Props) {
  const { t, locale } = useT();
  const money = (v: number) => formatMoney(v, locale, 'EUR', 0);
  const points: Point[] = data.periods.map((p) => {
    const c = data.totals[p] ?? { deals: 0, amount: 0, weighted: 0, commit: 0, bestCase: 0 };
    return {
      period: p,
      label: periodLabel(p, t, locale),
      commit: c.commit,
      best: c.bestCase - c.commit,
      rest: c.amount - c.bestCase,
      weighted: c.weighted,
      deals: c.deals,
    };
  });
  const drillBand = (period: string, band: Band | null) =>
    onDrill(
      sliceOf(data, ownerId, { period, key: null, band, whole: true }),
      `${t('dash.forecast')} · ${periodLabel(period, t, locale)}${band ? ` · ${t(`dash.band.${band}`)}` : ''}`,
    );
  const bar = (yKey: Band | 'rest', band: Band) => ({
    type: 'bar' as const,
    xKey: 'label',
    yKey: yKey === 'rest' ? 'rest' : yKey,
    yName: t(`dash.band.${band}.part`),
    stacked: true,
    listeners: { seriesNodeClick: (e: { datum: { period: string } }) => drillBand(e.datum.period, band) },
    tooltip: {
      renderer: (p: { datum: Point; yKey: string }) => tip(p.datum.label, t(`dash.band.${band}.part`), money(Number(p.datum[p.yKey as keyof Point]))),
    },
  });
  const options = {
    data: points,
    series: [
      bar('commit', 'commit'),
      bar('best', 'best'),
      bar('rest', 'pipeline'),
      {
        type: 'line' as const,
        xKey: 'label',
        yKey: 'weighted',
        yName: t('dash.weighted'),
        listeners: { seriesNodeClick: (e: { datum: { period: string } }) => drillBand(e.datum.period, null) },
        tooltip: { renderer: (p: { datum: Point }) => tip(p.datum.label, t('dash.weighted'), money(p.datum.weighted)) },
      },
    ],
    axes: {
      x: { type: 'category' as const, position: 'bottom' as const },
      y: { type: 'number' as const, position: 'left' as const, label: { formatter: axisMoney(locale) } },
    },
  };
  const sheet = () => ({
    name: t('dash.forecast'),
    headers: [t('dash.period'), t('dash.deals'), t('dash.band.commit'), t('dash.band.best'), t('dash.pipeline'), t('dash.weighted')],
    rows: data.periods.map((p) => {
      const c = data.totals[p] ?? { deals: 0, amount: 0, weighted: 0, commit: 0, bestCase: 0 };
      return [
        { value: periodLabel(p, t, locale) },
        xlsxCell('int', c.deals, ''),
        xlsxCell('money', c.commit, ''),
        xlsxCell('money', c.bestCase, ''),
        xlsxCell('money', c.amount, ''),
        xlsxCell('money', c.weighted, ''),
      ];
    }),
  });
  return (
    <ChartCard
      title={t('dash.forecast')}
      help={t('dash.forecast.help', { commit: data.thresholds.commit, best: data.thresholds.best })}
      options={options}
      sheet={sheet}
      testId="forecast-chart"
    />
  );
}

/** What a row without a name stands for, by dimension. */
const OTHER = {
  none: 'dash.total',
  owner: 'dash.noOwner',
  category: 'dash.noCategory',
  warehouse: 'dash.anyWarehouse',
  customer: 'dash.otherCustomers',
} as const;

/** The weighted amount by row of the dimension and period; a cell drills into its deals. */
export function ForecastTable({ data, ownerId, onDrill }: Props) {
  const { t, locale } = useT();
  const onCell = (key: number | null, label: string, period: string) =>
    onDrill(sliceOf(data, ownerId, { period, key, band: null }), `${t('dash.forecast')} · ${label} · ${periodLabel(period, t, locale)}`);
  const euros = (p: { value: unknown }) => (typeof p.value === 'number' ? formatMoney(p.value, locale, 'EUR', 0) : '');
  const api = useRef<GridApi<Row> | null>(null);
  const other = t(OTHER[data.dimension]);
  const rows: Row[] = data.rows.map((r) => ({ key: r.key, label: r.label ?? other, cells: r.cells, total: r.total.weighted }));
  const totalRow: Row = {
    key: -1,
    label: t('dash.total'),
    cells: data.totals,
    total: Object.values(data.totals).reduce((s, c) => s + c.weighted, 0),
  };
  const columns = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'label', headerName: t(`dash.dim.${data.dimension}`), width: 220, pinned: 'left' },
      ...data.periods.map<ColDef<Row>>((p) => ({
        colId: p,
        headerName: periodLabel(p, t, locale),
        width: 116,
        type: 'rightAligned',
        cellClass: 'num link-cell',
        context: { xlsx: 'money' },
        valueGetter: (v) => v.data?.cells[p]?.weighted ?? 0,
        valueFormatter: euros,
      })),
      {
        field: 'total',
        headerName: t('dash.total'),
        width: 120,
        type: 'rightAligned',
        cellClass: 'num',
        context: { xlsx: 'money' },
        valueFormatter: euros,
      },
    ],
    [data.dimension, data.periods, t, locale],
  );
  return (
    <section className="panel forecast-table" aria-label={t('dash.forecast.table')} data-testid="forecast-table">
      <div className="panel-head">
        <h2>{t('dash.forecastBy.table', { dim: t(`dash.dim.${data.dimension}`) })}</h2>
        <span className="fresh">{t('dash.forecast.table')}</span>
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          onClick={() => api.current && void exportGrid(api.current, `${t('dash.forecast')} ${t(`dash.dim.${data.dimension}`)}`)}
        >
          {t('export.xlsx')}
        </button>
      </div>
      <div style={{ height: Math.min(440, 40 + (rows.length + 1) * 26 + 6) }}>
        <AgGridReact<Row>
          theme={gridTheme}
          localeText={gridLocaleText(locale)}
          rowData={rows}
          pinnedBottomRowData={[totalRow]}
          columnDefs={columns}
          defaultColDef={COLUMN_DEFAULTS}
          getRowId={(p) => String(p.data.key)}
          onGridReady={(e) => (api.current = e.api)}
          onCellClicked={(e) =>
            e.data &&
            !e.node.rowPinned &&
            data.periods.includes(e.column.getColId()) &&
            (e.data.key !== 0 || data.dimension !== 'customer') &&
            onCell(e.data.key, e.data.label, e.column.getColId())
          }
          onCellKeyDown={(e) => {
            const k = e.event as KeyboardEvent | undefined;
            const col = 'column' in e ? e.column.getColId() : '';
            if (k?.key === 'Enter' && e.data && !e.node.rowPinned && data.periods.includes(col)) onCell(e.data.key, e.data.label, col);
          }}
        />
      </div>
    </section>
  );
}
