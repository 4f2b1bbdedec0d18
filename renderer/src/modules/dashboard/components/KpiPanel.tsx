import type { DealsSlice, KpiSet, Output } from '../../../../../electron/shared/contract';
import { formatInt, formatMoney, formatRate } from '../../../../../electron/shared/format';
import { useT, type MessageKey } from '../../../i18n';
import { today } from '../../../ui/today';
import { download, workbook, xlsxCell } from '../../../ui/xlsx';
import { periodLabel } from '../labels';
import { ChartCard } from './ChartCard';
import { tip } from '../../../ui/chart';

type Kpis = Output<'dashboard.kpis'>;
type Scope = { grain: Kpis['grain']; period: string; ownerId: number | null; categoryId: number | null };
/** `lower`: a fall is good news (fewer lost deals, a shorter cycle). */
type Card = { key: string; value: (k: KpiSet) => number | null; format: 'rate' | 'money' | 'days' | 'int'; drill?: 'won' | 'lost'; lower?: true };

/** The KPIs shown as cards, each with its definition (`dash.kpi.<key>.help`). */
const CARDS: Card[] = [
  { key: 'winRateCount', value: (k) => k.winRateCount, format: 'rate' },
  { key: 'winRateValue', value: (k) => k.winRateValue, format: 'rate' },
  { key: 'won', value: (k) => k.won, format: 'int', drill: 'won' },
  { key: 'lost', value: (k) => k.lost, format: 'int', drill: 'lost', lower: true },
  { key: 'basket', value: (k) => k.basket, format: 'money' },
  { key: 'wonMarginRate', value: (k) => k.wonMarginRate, format: 'rate' },
  { key: 'pipelineMarginRate', value: (k) => k.pipelineMarginRate, format: 'rate' },
  { key: 'cycleMedian', value: (k) => k.cycle.all.median, format: 'days', lower: true },
  { key: 'cycleP75', value: (k) => k.cycle.all.p75, format: 'days', lower: true },
];

/** The KPIs of a period against the one before; the stages' conversion and times; the lost reasons. */
export function KpiPanel({ data, scope, onDrill }: { data: Kpis; scope: Scope; onDrill: (slice: DealsSlice, title: string) => void }) {
  const { t, locale } = useT();
  const text = (v: number | null, f: Card['format']) =>
    v === null
      ? '—'
      : f === 'rate'
        ? formatRate(v, locale)
        : f === 'money'
          ? formatMoney(v, locale, 'EUR', 0)
          : f === 'days'
            ? t('dash.days', { n: v })
            : formatInt(v, locale);
  const closed = (outcome: 'won' | 'lost', reason: string | null = null) =>
    onDrill(
      { kind: 'closed', grain: scope.grain, period: scope.period, outcome, reason, ownerId: scope.ownerId, categoryId: scope.categoryId },
      `${t(`dash.kpi.${outcome}`)} · ${periodLabel(scope.period, t, locale)}${reason ? ` · ${reason}` : ''}`,
    );
  const exportKpis = () => {
    const rows = CARDS.map((c) => [
      { value: t(`dash.kpi.${c.key}` as MessageKey) },
      kpiCell(c, data.current),
      kpiCell(c, data.previous),
      { value: t(`dash.kpi.${c.key}.help` as MessageKey) },
    ]);
    const name = `${t('dash.kpis')} ${periodLabel(scope.period, t, locale)}`;
    void workbook({
      name: t('dash.kpis'),
      headers: [t('dash.kpi'), periodLabel(data.current.period, t, locale), periodLabel(data.previous.period, t, locale), t('dash.definition')],
      rows,
    }).then((b) => download(b, `${name}-${today()}.xlsx`));
  };
  return (
    <>
      <section className="panel" aria-label={t('dash.kpis')} data-testid="kpis">
        <div className="panel-head">
          <h2>
            {t('dash.kpis')} · {periodLabel(data.current.period, t, locale)}
          </h2>
          <span className="fresh">{t('dash.vs', { period: periodLabel(data.previous.period, t, locale) })}</span>
          <span className="spacer" />
          <button type="button" className="btn" onClick={exportKpis}>
            {t('export.xlsx')}
          </button>
        </div>
        <div className="kpi-cards">
          {CARDS.map((c) => {
            const now = c.value(data.current);
            const before = c.value(data.previous);
            const delta = now !== null && before !== null ? now - before : null;
            const body = (
              <>
                <span className="kpi-label">{t(`dash.kpi.${c.key}` as MessageKey)}</span>
                <b className="kpi-value">{text(now, c.format)}</b>
                <span className={`kpi-delta ${deltaClass(delta, c.lower)}`}>{t('dash.before', { value: text(before, c.format) })}</span>
              </>
            );
            return (
              <div key={c.key} className="kpi-card" title={t(`dash.kpi.${c.key}.help` as MessageKey)} data-testid={`kpi-${c.key}`}>
                {c.drill ? (
                  <button type="button" className="kpi-button" onClick={() => closed(c.drill!)}>
                    {body}
                  </button>
                ) : (
                  body
                )}
              </div>
            );
          })}
        </div>
        <StageTable data={data} />
        <p className="help">{t('dash.kpis.help')}</p>
      </section>
      <LostReasons set={data.current} onReason={(r) => closed('lost', r)} />
    </>
  );
}

const kpiCell = (c: Card, k: KpiSet) => {
  const v = c.value(k);
  return xlsxCell(c.format === 'rate' ? 'rate' : c.format === 'money' ? 'money' : 'int', v, '');
};

/** Each stage: deals that entered it in the period and how many moved forward, time spent in it (median, p75), its stagnation threshold. */
function StageTable({ data }: { data: Kpis }) {
  const { t, locale } = useT();
  const rate = (r: number | null) => (r === null ? '—' : formatRate(r, locale, 0));
  const days = (d: number | null) => (d === null ? '—' : t('dash.days', { n: d }));
  return (
    <table className="dense stage-kpis" data-testid="stage-kpis">
      <thead>
        <tr>
          <th>{t('dash.stage')}</th>
          <th title={t('dash.entered.help')}>{t('dash.entered')}</th>
          <th title={t('dash.conversion.help')}>{t('dash.conversion')}</th>
          <th>{t('dash.backward')}</th>
          <th>{t('dash.still')}</th>
          <th title={t('dash.stageTime.help')}>{t('dash.stageTime')}</th>
          <th title={t('dash.threshold.help')}>{t('dash.threshold')}</th>
        </tr>
      </thead>
      <tbody>
        {data.stages
          .filter((s) => s.kind === 'open')
          .map((s) => {
            const k = data.current.stages.find((x) => x.stageId === s.id);
            const before = data.previous.stages.find((x) => x.stageId === s.id);
            return (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td className="num">{formatInt(k?.entered ?? 0, locale)}</td>
                <td className="num" title={t('dash.before', { value: rate(before?.conversion ?? null) })}>
                  {rate(k?.conversion ?? null)}
                </td>
                <td className="num">{formatInt(k?.backward ?? 0, locale)}</td>
                <td className="num">{formatInt(k?.still ?? 0, locale)}</td>
                <td className="num">
                  {days(k?.time.median ?? null)} / {days(k?.time.p75 ?? null)}
                </td>
                <td className="num">{s.threshold === null ? '—' : `${days(s.threshold)}${s.threshold === s.p75 ? ` (${t('dash.p75')})` : ''}`}</td>
              </tr>
            );
          })}
      </tbody>
    </table>
  );
}

/** The period's lost deals by reason; a bar drills into them. */
function LostReasons({ set, onReason }: { set: KpiSet; onReason: (reason: string | null) => void }) {
  const { t, locale } = useT();
  const points = set.lostReasons.map((r) => ({ reason: r.reason ?? t('dash.noReason'), key: r.reason, deals: r.deals, amount: r.amount }));
  const options = {
    data: points,
    series: [
      {
        type: 'bar' as const,
        direction: 'horizontal' as const,
        xKey: 'reason',
        yKey: 'deals',
        yName: t('dash.deals'),
        listeners: { seriesNodeClick: (e: { datum: { key: string | null } }) => onReason(e.datum.key) },
        label: { enabled: true, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatInt(p.value, locale) : '') },
        tooltip: {
          renderer: (p: { datum: (typeof points)[number] }) =>
            tip(p.datum.reason, t('dash.deals'), formatInt(p.datum.deals, locale), [
              { label: t('dash.amount'), value: formatMoney(p.datum.amount, locale, 'EUR', 0) },
            ]),
        },
      },
    ],
  };
  const sheet = () => ({
    name: t('dash.lostReasons'),
    headers: [t('dash.reason'), t('dash.deals'), t('dash.amount')],
    rows: points.map((p) => [{ value: p.reason }, xlsxCell('int', p.deals, ''), xlsxCell('money', p.amount, '')]),
  });
  const axes = {
    x: { type: 'category' as const, position: 'left' as const },
    y: { type: 'number' as const, position: 'bottom' as const, label: { formatter: wholeOnly } },
  };
  return (
    <ChartCard
      title={t('dash.lostReasons')}
      help={t('dash.lostReasons.help')}
      options={{ ...options, axes }}
      sheet={sheet}
      height={Math.max(120, 60 + points.length * 28)}
      testId="lost-chart"
    />
  );
}

/** A count axis shows whole numbers only. */
const wholeOnly = (p: { value: unknown }) => (typeof p.value === 'number' && Number.isInteger(p.value) ? String(p.value) : '');

/** The arrow says which way the figure went, its colour whether that is good news. */
const deltaClass = (delta: number | null, lower?: true) =>
  delta === null || delta === 0 ? '' : `${delta > 0 ? 'up' : 'down'} ${delta > 0 !== (lower === true) ? 'good' : 'bad'}`;
