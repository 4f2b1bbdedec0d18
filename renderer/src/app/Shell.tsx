import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Alerts } from './Alerts';
import { CommandPalette } from './CommandPalette';
import { useShortcut } from '../ui/use-shortcut';
import { useApp } from './client-context';
import { useT } from '../i18n';
import { OpportunitiesGrid } from '../modules/opportunities/components/OpportunitiesGrid';
import { NewOpportunity } from '../modules/opportunity/components/NewOpportunity';
import { OpportunityView } from '../modules/opportunity/components/OpportunityView';
import { BoardView } from '../modules/pipeline/components/BoardView';
import { SettingsView } from '../modules/settings/components/SettingsView';
import { HOME, routeHref, useRoute } from './route';
import { handSearch } from './search-handoff';
import { FinanceView } from '../modules/finance/components/FinanceView';
import { PurchasingView } from '../modules/purchasing/components/PurchasingView';
import { FreshnessBadge } from '../modules/sync/components/FreshnessBadge';
import { SyncView } from '../modules/sync/components/SyncView';
import { TeamView } from '../modules/team/components/TeamView';
import { LoginForm } from '../modules/team/components/LoginForm';
import { useLiveQuery } from '../ui/use-live-query';
import { ActivitiesView } from '../modules/activities/components/ActivitiesView';
import { ReminderCentre } from '../modules/activities/components/ReminderCentre';
import { UpdateBadge, useDesktopCommands } from './desktop';

const TEAM_DATA = ['team'];
// the dashboards carry the charts library: loaded the first time one is opened
const DashboardView = lazy(() => import('../modules/dashboard/components/DashboardView').then((m) => ({ default: m.DashboardView })));
const COUNT_DATA = ['activities', 'reminders', 'settings'];

/** « Mes activités » in the navigation, with the count of the person's overdue ones (read again each minute: time makes them overdue). */
function ActivitiesLink({ active }: { active: boolean }) {
  const { t } = useT();
  const counts = useLiveQuery('activities.counts', {}, COUNT_DATA);
  const { reload } = counts;
  useEffect(() => {
    const timer = setInterval(reload, 60_000);
    return () => clearInterval(timer);
  }, [reload]);
  const overdue = counts.data?.overdue ?? 0;
  return (
    <a href={routeHref({ area: 'activities' })} className={active ? 'active' : ''} data-testid="nav-activities">
      {t('nav.activities')}
      {overdue > 0 && (
        <span className="nav-count" title={t('nav.overdue', { n: overdue })} aria-label={t('nav.overdue', { n: overdue })}>
          {overdue}
        </span>
      )}
    </a>
  );
}

/**
 * The desk's team session ended: log in to go on — or go on offline (the hub down, no password at
 * hand): the desk works on its own data, its changes wait and go once someone logs in (« Équipe »).
 */
function LoginScreen({ url, onOffline }: { url: string | null; onOffline: () => void }) {
  const { t } = useT();
  return (
    <div className="login-screen" data-testid="login-screen">
      <h1>{t('team.login')}</h1>
      <LoginForm url={url} />
      <button type="button" className="btn" onClick={onOffline}>
        {t('team.goOffline')}
      </button>
    </div>
  );
}

/** Navigation on the left, the current area on the right. */
export function Shell() {
  const { t } = useT();
  const [route, go] = useRoute();
  const openOpportunity = useCallback((id: number) => go({ area: 'opportunity', id }), [go]);
  // a deal's parent is the opportunities list, whatever the browser's history holds
  const backToGrid = useCallback(() => go({ area: 'opportunities' }), [go]);
  const { settings } = useApp();
  const openFromReminder = useCallback((id: number | null) => go(id === null ? { area: 'activities' } : { area: 'opportunity', id }), [go]);
  // the desktop app: a click on an OS notification opens its deal here
  useEffect(() => window.comptoir?.onOpenDeal?.(openOpportunity), [openOpportunity]);
  // no place asked for: the role's own workspace
  useEffect(() => {
    if (window.location.hash === '' || window.location.hash === '#/') go(HOME[settings.role]);
  }, [go, settings.role]);
  const [palette, setPalette] = useState(false);
  const openPalette = useCallback((e: KeyboardEvent) => {
    e.preventDefault();
    setPalette(true);
  }, []);
  useShortcut('Ctrl+K', openPalette);
  useDesktopCommands();
  // a desk of a team whose session ended: the person logs in again before anything else
  const team = useLiveQuery('team.status', {}, TEAM_DATA);
  const [offline, setOffline] = useState(false);
  const signedOut = team.data?.state === 'signed_out' && !offline;
  const inOpportunities = route.area === 'opportunities' || route.area === 'opportunity' || route.area === 'new';
  return (
    <div className="shell">
      <nav className="nav" aria-label="Navigation">
        <div className="brand">{t('app.name')}</div>
        <a href={routeHref({ area: 'opportunities' })} className={inOpportunities ? 'active' : ''}>
          {t('nav.opportunities')}
        </a>
        <ActivitiesLink active={route.area === 'activities'} />
        <a href={routeHref({ area: 'dashboard' })} className={route.area === 'dashboard' ? 'active' : ''} data-testid="nav-dashboard">
          {t('nav.dashboard')}
        </a>
        <a href={routeHref({ area: 'board' })} className={route.area === 'board' ? 'active' : ''}>
          {t('nav.board')}
        </a>
        <a href={routeHref({ area: 'purchasing' })} className={route.area === 'purchasing' ? 'active' : ''}>
          {t('nav.purchasing')}
        </a>
        <a href={routeHref({ area: 'finance' })} className={route.area === 'finance' ? 'active' : ''}>
          {t('nav.finance')}
        </a>
        <a href={routeHref({ area: 'sync' })} className={route.area === 'sync' ? 'active' : ''}>
          {t('nav.sync')}
        </a>
        <a href={routeHref({ area: 'team' })} className={route.area === 'team' ? 'active' : ''}>
          {t('nav.team')}
        </a>
        <a href={routeHref({ area: 'settings' })} className={route.area === 'settings' ? 'active' : ''}>
          {t('nav.settings')}
        </a>
        <FreshnessBadge />
        <ReminderCentre onOpen={openFromReminder} />
        <UpdateBadge />
        <div className="hint">{t('nav.shortcuts')}</div>
      </nav>
      <main className="main">
        {signedOut && route.area !== 'team' && <LoginScreen url={team.data?.url ?? null} onOffline={() => setOffline(true)} />}
        {!signedOut && route.area === 'opportunities' && <OpportunitiesGrid onOpen={openOpportunity} onNew={() => go({ area: 'new' })} />}
        {!signedOut && route.area === 'opportunity' && <OpportunityView key={route.id} id={route.id} onBack={backToGrid} />}
        {!signedOut && route.area === 'new' && <NewOpportunity onCreated={openOpportunity} onCancel={backToGrid} />}
        {!signedOut && route.area === 'board' && <BoardView onOpen={openOpportunity} onGrid={() => go({ area: 'opportunities' })} />}
        {!signedOut && route.area === 'settings' && <SettingsView />}
        {!signedOut && route.area === 'purchasing' && <PurchasingView />}
        {!signedOut && route.area === 'finance' && <FinanceView onOpen={openOpportunity} />}
        {!signedOut && route.area === 'sync' && <SyncView />}
        {!signedOut && route.area === 'activities' && <ActivitiesView onOpen={openOpportunity} />}
        {!signedOut && route.area === 'dashboard' && (
          <Suspense fallback={<div className="center">{t('dash.loading')}</div>}>
            <DashboardView
              onOpen={openOpportunity}
              go={(area, search) => {
                if (search !== undefined && area !== 'activities') handSearch(area, search);
                go({ area });
              }}
            />
          </Suspense>
        )}
        {route.area === 'team' && <TeamView />}
      </main>
      <Alerts onOpen={openOpportunity} />
      {palette && <CommandPalette go={go} onClose={() => setPalette(false)} />}
    </div>
  );
}
