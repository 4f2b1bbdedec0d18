import type { AgChartInstance } from 'ag-charts-community';
import { useRef, type ReactNode } from 'react';
import { useT } from '../../../i18n';
import { Chart, type ChartOptions } from '../../../ui/chart';
import { today } from '../../../ui/today';
import { download, workbook, type Sheet } from '../../../ui/xlsx';

/**
 * A chart with its title and what it shows, exported as an image (PNG) or its figures as a
 * workbook (.xlsx). A click on a bar or a point drills into the deals behind it (the options' listeners).
 */
export function ChartCard({
  title,
  help,
  options,
  sheet,
  height = 240,
  children,
  testId,
}: {
  title: string;
  help?: string;
  options: ChartOptions;
  sheet: () => Sheet;
  height?: number;
  children?: ReactNode;
  testId?: string;
}) {
  const { t } = useT();
  const chart = useRef<AgChartInstance | null>(null);
  const name = `${title}-${today()}`;
  return (
    <section className="panel chart-card" data-testid={testId} aria-label={title}>
      <div className="panel-head">
        <h2>{title}</h2>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => void chart.current?.download({ fileName: name })}>
          {t('dash.png')}
        </button>
        <button type="button" className="btn" onClick={() => void workbook(sheet()).then((data) => download(data, `${name}.xlsx`))}>
          {t('export.xlsx')}
        </button>
      </div>
      {help && <p className="help">{help}</p>}
      <Chart ref={chart} options={options} height={height} label={title} />
      {children}
    </section>
  );
}
