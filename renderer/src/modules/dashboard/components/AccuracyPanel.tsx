import type { DealsSlice, Output } from '../../../../../electron/shared/contract';
import { formatMoney, formatRate } from '../../../../../electron/shared/format';
import { useT } from '../../../i18n';
import { axisMoney, tip } from '../../../ui/chart';
import { xlsxCell } from '../../../ui/xlsx';
import { periodLabel } from '../labels';
import { ChartCard } from './ChartCard';

type History = Output<'dashboard.forecast'>['history'];

/** Forecast against won over the last 12 months: what was forecast at each month's start, what was won, the accuracy. */
export function AccuracyPanel({
  history,
  ownerId,
  onDrill,
}: {
  history: History;
  ownerId: number | null;
  onDrill: (slice: DealsSlice, title: string) => void;
}) {
  const { t, locale } = useT();
  const points = history.map((h) => ({ ...h, label: periodLabel(h.month, t, locale), forecast: h.forecast ?? undefined }));
  const money = (v: number | null | undefined) => (typeof v === 'number' ? formatMoney(v, locale, 'EUR', 0) : '—');
  const accuracyText = (a: number | null) => (a === null ? '—' : formatRate(a, locale, 0));
  const options = {
    data: points,
    series: [
      {
        type: 'bar' as const,
        xKey: 'label',
        yKey: 'won',
        yName: t('dash.won'),
        listeners: {
          seriesNodeClick: (e: { datum: { month: string } }) =>
            onDrill({ kind: 'won', month: e.datum.month, ownerId }, `${t('dash.won')} · ${periodLabel(e.datum.month, t, locale)}`),
        },
        tooltip: {
          renderer: (p: { datum: (typeof points)[number] }) => `${money(p.datum.won)} · ${t('dash.accuracy')} ${accuracyText(p.datum.accuracy)}`,
        },
      },
      {
        type: 'line' as const,
        xKey: 'label',
        yKey: 'forecast',
        yName: t('dash.forecastAtStart'),
        listeners: {
          seriesNodeClick: (e: { datum: { month: string } }) =>
            onDrill({ kind: 'snapshot', month: e.datum.month, ownerId }, `${t('dash.forecastAtStart')} · ${periodLabel(e.datum.month, t, locale)}`),
        },
        tooltip: { renderer: (p: { datum: (typeof points)[number] }) => tip(p.datum.label, t('dash.forecastAtStart'), money(p.datum.forecast)) },
      },
    ],
    axes: {
      x: { type: 'category' as const, position: 'bottom' as const },
      y: { type: 'number' as const, position: 'left' as const, label: { formatter: axisMoney(locale) } },
    },
  };
  const sheet = () => ({
    name: t('dash.accuracyTitle'),
    headers: [t('dash.month'), t('dash.forecastAtStart'), t('dash.deals'), t('dash.won'), t('dash.deals'), t('dash.accuracy')],
    rows: history.map((h) => [
      { value: periodLabel(h.month, t, locale) },
      xlsxCell('money', h.forecast, ''),
      xlsxCell('int', h.forecastDeals, ''),
      xlsxCell('money', h.won, ''),
      xlsxCell('int', h.wonDeals, ''),
      xlsxCell('rate', h.accuracy, ''),
    ]),
  });
  return <ChartCard title={t('dash.accuracyTitle')} help={t('dash.accuracy.help')} options={options} sheet={sheet} testId="accuracy-chart" />;
}
