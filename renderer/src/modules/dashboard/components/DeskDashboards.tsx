import type { ExposureRow, ShortageRow, DemandRow } from '../../../../../electron/shared/contract';
import { formatInt, formatMoney } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { axisMoney, tip } from '../../../ui/chart';
import { useLiveQuery } from '../../../ui/use-live-query';
import { xlsxCell } from '../../../ui/xlsx';
import { ChartCard } from './ChartCard';

/** Where a bar leads: a screen with its grid, searched for what the bar is. */
export type GoTo = (area: 'purchasing' | 'finance' | 'activities', search?: string) => void;

const BUYER_DATA = ['shortages', 'purchaseDrafts', 'opportunities', 'stock', 'receipts'];
const FINANCE_DATA = ['customers', 'opportunities', 'approvals', 'operations'];
const NO_SHORTAGES: ShortageRow[] = [];
const NO_DEMAND: DemandRow[] = [];
const NO_EXPOSURE: ExposureRow[] = [];
const wholeOnly = (p: { value: unknown }) => (typeof p.value === 'number' && Number.isInteger(p.value) ? String(p.value) : '');

/** The buyer's desk: open shortages by warehouse, and the products the weighted demand of the next 8 weeks leaves short. */
export function BuyerDashboard({ go }: { go: GoTo }) {
  const { t, locale } = useT();
  const shortages = useLiveQuery('purchasing.shortages', { status: 'open' }, BUYER_DATA).data ?? NO_SHORTAGES;
  const demand = useLiveQuery('purchasing.demand', { weeks: 8 }, BUYER_DATA).data ?? NO_DEMAND;
  const grouped = new Map<string, ShortageRow[]>();
  for (const s of shortages) grouped.set(s.warehouseCode, [...(grouped.get(s.warehouseCode) ?? []), s]);
  const byWarehouse = [...grouped].map(([code, rows]) => ({ code, n: rows.length, deals: new Set(rows.map((r) => r.opportunityId)).size }));
  const short = demand
    .filter((d) => d.projected < 0)
    .sort((a, b) => a.projected - b.projected)
    .slice(0, 12)
    .map((d) => ({ code: d.productCode, name: d.productName, missing: -d.projected / 1000, unit: d.unit, warehouse: d.warehouseCode ?? '—' }));
  return (
    <div className="dash-grid">
      <ChartCard
        title={t('dash.buyer.shortages')}
        help={t('dash.buyer.shortages.help')}
        testId="buyer-shortages"
        options={{
          data: byWarehouse,
          series: [
            {
              type: 'bar',
              xKey: 'code',
              yKey: 'n',
              yName: t('dash.buyer.lines'),
              listeners: { seriesNodeClick: (e: { datum: { code: string } }) => go('purchasing', e.datum.code) },
              tooltip: {
                renderer: (p: { datum: (typeof byWarehouse)[number] }) =>
                  tip(p.datum.code, t('dash.buyer.lines'), formatInt(p.datum.n, locale), [
                    { label: t('dash.deals'), value: formatInt(p.datum.deals, locale) },
                  ]),
              },
            },
          ],
          axes: { x: { type: 'category', position: 'bottom' }, y: { type: 'number', position: 'left', label: { formatter: wholeOnly } } },
        }}
        sheet={() => ({
          name: t('dash.buyer.shortages'),
          headers: [t('dash.warehouse'), t('dash.buyer.lines'), t('dash.deals')],
          rows: byWarehouse.map((w) => [{ value: w.code }, xlsxCell('int', w.n, ''), xlsxCell('int', w.deals, '')]),
        })}
      />
      <ChartCard
        title={t('dash.buyer.demand')}
        help={t('dash.buyer.demand.help')}
        testId="buyer-demand"
        options={{
          data: short,
          series: [
            {
              type: 'bar',
              direction: 'horizontal',
              xKey: 'code',
              yKey: 'missing',
              yName: t('dash.buyer.missing'),
              listeners: { seriesNodeClick: (e: { datum: { code: string } }) => go('purchasing', e.datum.code) },
              tooltip: {
                renderer: (p: { datum: (typeof short)[number] }) =>
                  tip(
                    `${p.datum.code} ${p.datum.name}`,
                    t('dash.buyer.missing'),
                    `${formatInt(Math.round(p.datum.missing), locale)} ${p.datum.unit} · ${p.datum.warehouse}`,
                  ),
              },
            },
          ],
          axes: { x: { type: 'category', position: 'left' }, y: { type: 'number', position: 'bottom' } },
        }}
        height={Math.max(200, 40 + short.length * 24)}
        sheet={() => ({
          name: t('dash.buyer.demand'),
          headers: [t('dash.product'), t('dash.warehouse'), t('dash.buyer.missing')],
          rows: short.map((s) => [{ value: `${s.code} ${s.name}` }, { value: s.warehouse }, { value: s.missing }]),
        })}
      />
    </div>
  );
}

const AGES = ['1–30', '31–60', '61–90', '> 90'];
/** A customer's name short enough for an axis (the tooltip gives it whole). */
const short = (name: string) => (name.length > 24 ? `${name.slice(0, 23)}…` : name);

/** Credit control's desk: what customers owe past due by age, and the biggest exposures against their limit. */
export function FinanceDashboard({ go }: { go: GoTo }) {
  const { t, locale } = useT();
  const rows = useLiveQuery('finance.exposure', {}, FINANCE_DATA).data ?? NO_EXPOSURE;
  const ages = AGES.map((label, i) => ({
    label: t('dash.fin.age', { days: label }),
    amount: rows.reduce((s, r) => s + r.ageing[i]!, 0),
    customers: rows.filter((r) => r.ageing[i]! > 0).length,
  }));
  const top = [...rows]
    .map((r) => ({ name: r.name, exposure: r.creditLimit - r.headroom, limit: r.creditLimit }))
    .sort((a, b) => b.exposure - a.exposure)
    .slice(0, 12);
  const money = (v: number) => formatMoney(v, locale, 'EUR', 0);
  return (
    <div className="dash-grid">
      <ChartCard
        title={t('dash.fin.overdue')}
        help={t('dash.fin.overdue.help')}
        testId="finance-ageing"
        options={{
          data: ages,
          series: [
            {
              type: 'bar',
              xKey: 'label',
              yKey: 'amount',
              yName: t('dash.fin.overdueAmount'),
              listeners: { seriesNodeClick: () => go('finance') },
              tooltip: {
                renderer: (p: { datum: (typeof ages)[number] }) =>
                  tip(p.datum.label, t('dash.fin.overdueAmount'), money(p.datum.amount), [
                    { label: t('dash.fin.customers'), value: formatInt(p.datum.customers, locale) },
                  ]),
              },
            },
          ],
          axes: { x: { type: 'category', position: 'bottom' }, y: { type: 'number', position: 'left', label: { formatter: axisMoney(locale) } } },
        }}
        sheet={() => ({
          name: t('dash.fin.overdue'),
          headers: [t('dash.fin.ageCol'), t('dash.fin.overdueAmount'), t('dash.fin.customers')],
          rows: ages.map((a) => [{ value: a.label }, xlsxCell('money', a.amount, ''), xlsxCell('int', a.customers, '')]),
        })}
      />
      <ChartCard
        title={t('dash.fin.exposure')}
        help={t('dash.fin.exposure.help')}
        testId="finance-exposure"
        height={Math.max(220, 40 + top.length * 24)}
        options={{
          data: top,
          series: [
            {
              type: 'bar',
              direction: 'horizontal',
              xKey: 'name',
              yKey: 'exposure',
              yName: t('dash.fin.exposureAmount'),
              listeners: { seriesNodeClick: (e: { datum: { name: string } }) => go('finance', e.datum.name) },
              tooltip: {
                renderer: (p: { datum: (typeof top)[number] }) =>
                  tip(p.datum.name, t('dash.fin.exposureAmount'), money(p.datum.exposure), [
                    { label: t('dash.fin.limit'), value: money(p.datum.limit) },
                  ]),
              },
            },
            { type: 'bar', direction: 'horizontal', xKey: 'name', yKey: 'limit', yName: t('dash.fin.limit') },
          ],
          axes: {
            x: { type: 'category', position: 'left', label: { formatter: (p: { value: unknown }) => short(String(p.value)) } },
            y: { type: 'number', position: 'bottom', label: { formatter: axisMoney(locale) } },
          },
        }}
        sheet={() => ({
          name: t('dash.fin.exposure'),
          headers: [t('dash.fin.customer'), t('dash.fin.exposureAmount'), t('dash.fin.limit')],
          rows: top.map((r) => [{ value: r.name }, xlsxCell('money', r.exposure, ''), xlsxCell('money', r.limit, '')]),
        })}
      />
    </div>
  );
}

/** The trader's own activities: overdue, today, upcoming; a click goes to « Mes activités ». */
export function MyActivities({ go }: { go: GoTo }) {
  const { t, locale } = useT();
  const counts = useLiveQuery('activities.counts', {}, ['activities', 'reminders', 'settings']).data;
  const { settings } = useApp();
  if (!counts || settings.currentUserId === null) return null;
  return (
    <section className="panel" aria-label={t('dash.trader.activities')} data-testid="my-activities">
      <div className="panel-head">
        <h2>{t('dash.trader.activities')}</h2>
      </div>
      <div className="kpi-cards">
        {(['overdue', 'today', 'upcoming'] as const).map((k) => (
          <div key={k} className="kpi-card">
            <button type="button" className="kpi-button" onClick={() => go('activities')}>
              <span className="kpi-label">{t(`act.bucket.${k}`)}</span>
              <b className={`kpi-value ${k === 'overdue' && counts[k] > 0 ? 'bad' : ''}`}>{formatInt(counts[k], locale)}</b>
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
