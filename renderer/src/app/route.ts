import { useEffect, useState } from 'react';

export type Route =
  | { area: 'opportunities' }
  | { area: 'new' }
  | { area: 'board' }
  | { area: 'opportunity'; id: number }
  | { area: 'settings' }
  | { area: 'purchasing' }
  | { area: 'finance' }
  | { area: 'sync' }
  | { area: 'team' }
  | { area: 'activities' }
  | { area: 'dashboard' };

/** Where each role lands when the app opens (DESIGN.md §1). */
export const HOME: Record<'trader' | 'purchasing' | 'finance' | 'manager', Route> = {
  trader: { area: 'opportunities' },
  purchasing: { area: 'purchasing' },
  finance: { area: 'finance' },
  manager: { area: 'dashboard' },
};

/** `#/opportunities`, `#/opportunities/42`, `#/settings`; anything else is the opportunities grid. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'settings') return { area: 'settings' };
  if (parts[0] === 'board') return { area: 'board' };
  if (parts[0] === 'purchasing') return { area: 'purchasing' };
  if (parts[0] === 'finance') return { area: 'finance' };
  if (parts[0] === 'sync') return { area: 'sync' };
  if (parts[0] === 'team') return { area: 'team' };
  if (parts[0] === 'activities') return { area: 'activities' };
  if (parts[0] === 'dashboard') return { area: 'dashboard' };
  if (parts[0] === 'opportunities' && parts[1] === 'new') return { area: 'new' };
  if (parts[0] === 'opportunities' && parts[1] && /^\d+$/.test(parts[1])) return { area: 'opportunity', id: Number(parts[1]) };
  return { area: 'opportunities' };
}

export function routeHref(route: Route): string {
  if (route.area === 'opportunity') return `#/opportunities/${route.id}`;
  if (route.area === 'new') return '#/opportunities/new';
  return `#/${route.area}`;
}

export function useRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [route, (r) => (window.location.hash = routeHref(r))];
}
