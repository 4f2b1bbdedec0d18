import { AllCommunityModule, ModuleRegistry, type AgCartesianChartOptions, type AgChartInstance, type AgChartTheme } from 'ag-charts-community';
import { AgCharts } from 'ag-charts-react';
import { forwardRef } from 'react';
import { MONEY_SCALE } from '../../../electron/shared/money';
import type { Locale } from '../../../electron/shared/format';

ModuleRegistry.registerModules([AllCommunityModule]);

/** The grids' look (ui/grid.ts) for charts: the same font, the app's accent first, muted axes. */
const THEME: AgChartTheme = {
  baseTheme: 'ag-default',
  palette: {
    fills: ['#1f5fa8', '#6c9bd2', '#c2d5ec', '#1e7b3c', '#9a6300', '#b3261e', '#5d6878'],
    strokes: ['#1f5fa8', '#6c9bd2', '#9fb8d8', '#1e7b3c', '#9a6300', '#b3261e', '#5d6878'],
  },
  params: { fontFamily: 'Inter, "Segoe UI", system-ui, sans-serif', fontSize: 12, foregroundColor: '#1d2430', backgroundColor: '#ffffff' },
  overrides: {
    common: {
      animation: { enabled: false },
      legend: { position: 'bottom', item: { label: { fontSize: 12 } } },
      padding: { top: 8, right: 12, bottom: 4, left: 4 },
    },
  },
};

/** Euros on an axis, in the app's language: « 12 k€ », « 1,2 M€ » (money is fixed point, shared/money). */
export function axisMoney(locale: Locale): (p: { value: unknown }) => string {
  const nf = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { notation: 'compact', maximumFractionDigits: 1 });
  return (p) => (typeof p.value === 'number' ? `${nf.format(p.value / MONEY_SCALE)} €`.replace(/\u202f/g, '\u00a0') : String(p.value));
}

export type ChartOptions = Omit<AgCartesianChartOptions, 'theme'>;

/** A chart in the app's theme; its instance (ref) downloads it as PNG. */
export const Chart = forwardRef<AgChartInstance, { options: ChartOptions; height: number; label: string }>(function Chart(
  { options, height, label },
  ref,
) {
  return (
    <div className="chart" style={{ height }} role="figure" aria-label={label}>
      <AgCharts ref={ref} options={{ ...options, theme: THEME } as AgCartesianChartOptions} style={{ height: '100%' }} />
    </div>
  );
});

/** A tooltip: the category as heading, the series and its value, more rows if any. */
export const tip = (heading: string, title: string, value: string, more: { label: string; value: string }[] = []) => ({
  heading,
  data: [{ label: title, value }, ...more],
});
