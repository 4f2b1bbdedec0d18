import { useCallback, useEffect, useState } from 'react';
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
import { FinanceView } from '../modules/finance/components/FinanceView';
import { PurchasingView } from '../modules/purchasing/components/PurchasingView';
import { FreshnessBadge } from '../modules/sync/components/FreshnessBadge';
import { SyncView } from '../modules/sync/components/SyncView';

/** Navigation on the left, the current area on the right. */
export function Shell() {
  const { t } = useT();
  const [route, go] = useRoute();
  const openOpportunity = useCallback((id: number) => go({ area: 'opportunity', id }), [go]);
  // a deal's parent is the opportunities list, whatever the browser's history holds
  const backToGrid = useCallback(() => go({ area: 'opportunities' }), [go]);
  const { settings } = useApp();
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
  const inOpportunities = route.area === 'opportunities' || route.area === 'opportunity' || route.area === 'new';
  return (
    <div className="shell">
      <nav className="nav" aria-label="Navigation">
        <div className="brand">{t('app.name')}</div>
        <a href={routeHref({ area: 'opportunities' })} className={inOpportunities ? 'active' : ''}>
          {t('nav.opportunities')}
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
        <a href={routeHref({ area: 'settings' })} className={route.area === 'settings' ? 'active' : ''}>
          {t('nav.settings')}
        </a>
        <FreshnessBadge />
        <div className="hint">{t('nav.shortcuts')}</div>
      </nav>
      <main className="main">
        {route.area === 'opportunities' && <OpportunitiesGrid onOpen={openOpportunity} onNew={() => go({ area: 'new' })} />}
        {route.area === 'opportunity' && <OpportunityView key={route.id} id={route.id} onBack={backToGrid} />}
        {route.area === 'new' && <NewOpportunity onCreated={openOpportunity} onCancel={backToGrid} />}
        {route.area === 'board' && <BoardView onOpen={openOpportunity} onGrid={() => go({ area: 'opportunities' })} />}
        {route.area === 'settings' && <SettingsView />}
        {route.area === 'purchasing' && <PurchasingView />}
        {route.area === 'finance' && <FinanceView onOpen={openOpportunity} />}
        {route.area === 'sync' && <SyncView />}
      </main>
      <Alerts onOpen={openOpportunity} />
      {palette && <CommandPalette go={go} onClose={() => setPalette(false)} />}
    </div>
  );
}
