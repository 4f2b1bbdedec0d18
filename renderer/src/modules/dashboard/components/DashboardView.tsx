import { useState } from 'react';
import type { DealsSlice } from '../../../../../electron/shared/contract';
import { periodOf, shiftPeriod, type Grain } from '../../../../../electron/shared/domain/forecast';
import { useT } from '../../../i18n';
import { today } from '../../../ui/today';
import { useLiveQuery } from '../../../ui/use-live-query';
import { ApprovalQueue } from '../../finance/components/ApprovalQueue';
import { DASHBOARD_DATA } from '../data';
import { periodLabel } from '../labels';
import '../dashboard.css';
import { AccuracyPanel } from './AccuracyPanel';
import { DrillGrid } from './DrillGrid';
import { ForecastPanel, ForecastTable } from './ForecastPanel';
import { KpiPanel } from './KpiPanel';
import { MarginRiskPanel } from './MarginRiskPanel';
import { BuyerDashboard, FinanceDashboard, MyActivities, type GoTo } from './DeskDashboards';
import { useApp } from '../../../app/client-context';

type Dimension = 'none' | 'owner' | 'category' | 'warehouse' | 'customer';
const DIMENSIONS: Dimension[] = ['none', 'owner', 'category', 'warehouse', 'customer'];
const STATIC = ['users', 'categories'];

/**
 * The sales manager's desk (issue 14): the team's forecast and its accuracy, the KPIs of a period
 * against the one before, the stagnant deals and the margin requests waiting. Every figure drills
 * into the deals behind it, shown above the charts.
 */
export function DashboardView({ onOpen, go }: { onOpen: (id: number) => void; go: GoTo }) {
  const { t } = useT();
  const { settings } = useApp();
  const [desk, setDesk] = useState<Desk>(() => DESK_OF[settings.role]);
  const me = settings.currentUserId;
  return (
    <div className="dashboard" data-testid="dashboard">
      <div className="toolbar">
        <h1>{t('dash.title')}</h1>
        <div className="tabs" role="tablist" aria-label={t('dash.desks')}>
          {DESKS.map((d) => (
            <button
              key={d}
              type="button"
              role="tab"
              aria-selected={desk === d}
              className={desk === d ? 'tab active' : 'tab'}
              onClick={() => setDesk(d)}
            >
              {t(`dash.desk.${d}`)}
            </button>
          ))}
        </div>
      </div>
      {desk === 'manager' && <ManagerDashboard onOpen={onOpen} />}
      {desk === 'trader' && (
        <div className="dash-body" data-testid="trader-dashboard">
          {me === null ? <p className="help">{t('dash.trader.noUser')}</p> : <TraderDashboard me={me} onOpen={onOpen} go={go} />}
        </div>
      )}
      {desk === 'purchasing' && (
        <div className="dash-body" data-testid="buyer-dashboard">
          <BuyerDashboard go={go} />
        </div>
      )}
      {desk === 'finance' && (
        <div className="dash-body" data-testid="finance-dashboard">
          <FinanceDashboard go={go} />
        </div>
      )}
    </div>
  );
}

type Desk = 'manager' | 'trader' | 'purchasing' | 'finance';
const DESKS: Desk[] = ['manager', 'trader', 'purchasing', 'finance'];
const DESK_OF: Record<'trader' | 'purchasing' | 'finance' | 'manager', Desk> = {
  trader: 'trader',
  purchasing: 'purchasing',
  finance: 'finance',
  manager: 'manager',
};

/** The trader's desk: my pipeline by month, my activities, my margin and KPIs, my stagnant deals and margin at risk. */
function TraderDashboard({ me, onOpen, go }: { me: number; onOpen: (id: number) => void; go: GoTo }) {
  const { t } = useT();
  const [drill, setDrill] = useState<{ slice: DealsSlice; title: string } | null>(null);
  const forecast = useLiveQuery('dashboard.forecast', { grain: 'month', dimension: 'none', periods: 6, ownerId: me }, DASHBOARD_DATA);
  const month = periodOf(today(), 'month');
  const kpis = useLiveQuery('dashboard.kpis', { grain: 'month', period: month, ownerId: me, categoryId: null }, DASHBOARD_DATA);
  const onDrill = (slice: DealsSlice, title: string) => setDrill({ slice, title });
  return (
    <>
      {drill && <DrillGrid slice={drill.slice} title={drill.title} onOpen={onOpen} onClose={() => setDrill(null)} />}
      <div className="dash-grid">
        {forecast.data && <ForecastPanel data={forecast.data} ownerId={me} onDrill={onDrill} />}
        <MyActivities go={go} />
      </div>
      {kpis.data && <KpiPanel data={kpis.data} scope={{ grain: 'month', period: month, ownerId: me, categoryId: null }} onDrill={onDrill} />}
      <DrillGrid
        slice={{ kind: 'stagnant', ownerId: me }}
        title={t('dash.trader.stagnant')}
        onOpen={onOpen}
        height={220}
        testId="stagnant"
        limit={200}
      />
      <MarginRiskPanel ownerId={me} onOpen={onOpen} />
    </>
  );
}

/** The sales manager's desk. */
function ManagerDashboard({ onOpen }: { onOpen: (id: number) => void }) {
  const { t, locale } = useT();
  const [ownerId, setOwnerId] = useState<number | null>(null);
  const [grain, setGrain] = useState<'month' | 'quarter'>('month');
  const [dimension, setDimension] = useState<Dimension>('owner');
  const [kpiGrain, setKpiGrain] = useState<Grain>('month');
  const [kpiPeriod, setKpiPeriod] = useState(() => periodOf(today(), 'month'));
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [drill, setDrill] = useState<{ slice: DealsSlice; title: string } | null>(null);
  const users = useLiveQuery('users.list', {}, STATIC);
  const categories = useLiveQuery('categories.list', {}, STATIC);
  const forecast = useLiveQuery('dashboard.forecast', { grain, dimension, periods: grain === 'month' ? 6 : 4, ownerId }, DASHBOARD_DATA);
  const kpis = useLiveQuery('dashboard.kpis', { grain: kpiGrain, period: kpiPeriod, ownerId, categoryId }, DASHBOARD_DATA);
  const queue = useLiveQuery('approvals.queue', { status: 'pending', kind: 'margin' }, DASHBOARD_DATA);
  const onDrill = (slice: DealsSlice, title: string) => setDrill({ slice, title });
  const traders = (users.data ?? []).filter((u) => u.role === 'trader' || u.role === 'manager');
  const chooseKpiGrain = (g: Grain) => {
    setKpiGrain(g);
    setKpiPeriod(periodOf(today(), g));
  };
  return (
    <>
      <div className="toolbar subbar">
        <label>
          {t('dash.scope')}{' '}
          <select
            aria-label={t('dash.scope')}
            value={ownerId ?? ''}
            onChange={(e) => setOwnerId(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">{t('dash.team')}</option>
            {traders.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <label>
          {t('dash.forecastBy')}{' '}
          <select aria-label={t('dash.grain')} value={grain} onChange={(e) => setGrain(e.target.value as 'month' | 'quarter')}>
            <option value="month">{t('dash.grain.month')}</option>
            <option value="quarter">{t('dash.grain.quarter')}</option>
          </select>{' '}
          <select aria-label={t('dash.dimension')} value={dimension} onChange={(e) => setDimension(e.target.value as Dimension)}>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`dash.dim.${d}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="dash-body">
        {drill && <DrillGrid slice={drill.slice} title={drill.title} onOpen={onOpen} onClose={() => setDrill(null)} />}
        <div className="dash-grid">
          {forecast.data && <ForecastPanel data={forecast.data} ownerId={ownerId} onDrill={onDrill} />}
          {forecast.data && <AccuracyPanel history={forecast.data.history} ownerId={ownerId} onDrill={onDrill} />}
        </div>
        {forecast.data && forecast.data.dimension !== 'none' && <ForecastTable data={forecast.data} ownerId={ownerId} onDrill={onDrill} />}
        <div className="toolbar subbar">
          <b>{t('dash.kpis')}</b>
          <select aria-label={t('dash.kpiGrain')} value={kpiGrain} onChange={(e) => chooseKpiGrain(e.target.value as Grain)}>
            <option value="month">{t('dash.grain.month')}</option>
            <option value="quarter">{t('dash.grain.quarter')}</option>
            <option value="year">{t('dash.grain.year')}</option>
          </select>
          <button type="button" className="btn" aria-label={t('dash.previous')} onClick={() => setKpiPeriod(shiftPeriod(kpiPeriod, kpiGrain, -1))}>
            ‹
          </button>
          <b data-testid="kpi-period">{periodLabel(kpiPeriod, t, locale)}</b>
          <button type="button" className="btn" aria-label={t('dash.next')} onClick={() => setKpiPeriod(shiftPeriod(kpiPeriod, kpiGrain, 1))}>
            ›
          </button>
          <select
            aria-label={t('dash.category')}
            value={categoryId ?? ''}
            onChange={(e) => setCategoryId(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">{t('dash.allCategories')}</option>
            {treeOrder(categories.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.parentId === null ? c.name : `· ${c.name}`}
              </option>
            ))}
          </select>
        </div>
        {kpis.data && <KpiPanel data={kpis.data} scope={{ grain: kpiGrain, period: kpiPeriod, ownerId, categoryId }} onDrill={onDrill} />}
        <MarginRiskPanel ownerId={ownerId} onOpen={onOpen} />
        <DrillGrid slice={{ kind: 'stagnant', ownerId }} title={t('dash.stagnant')} onOpen={onOpen} height={240} testId="stagnant" limit={200} />
        <ApprovalQueue rows={queue.data ?? []} search="" kind="margin" onDecided={() => queue.reload()} onOpen={onOpen} />
      </div>
    </>
  );
}

/** Categories as a tree reads: each top one followed by those under it. */
function treeOrder<C extends { id: number; parentId: number | null }>(all: C[]): C[] {
  return all.filter((c) => c.parentId === null).flatMap((root) => [root, ...all.filter((c) => c.parentId === root.id)]);
}
