import { describe, expect, it } from 'vitest';
import { HOME, parseRoute, routeHref } from './route';

describe('routes', () => {
  it('reads the area and the opportunity id from the hash', () => {
    expect(parseRoute('#/opportunities/42')).toEqual({ area: 'opportunity', id: 42 });
    expect(parseRoute('#/settings')).toEqual({ area: 'settings' });
    expect(parseRoute('')).toEqual({ area: 'opportunities' });
    expect(parseRoute('#/opportunities/abc')).toEqual({ area: 'opportunities' });
    expect(parseRoute('#/purchasing')).toEqual({ area: 'purchasing' });
    expect(parseRoute('#/finance')).toEqual({ area: 'finance' });
  });

  it('sends each role to its own workspace', () => {
    expect(routeHref(HOME.purchasing)).toBe('#/purchasing');
    expect(routeHref(HOME.finance)).toBe('#/finance');
    expect(routeHref(HOME.trader)).toBe('#/opportunities');
  });

  it('round-trips through the href', () => {
    expect(parseRoute(routeHref({ area: 'opportunity', id: 7 }))).toEqual({ area: 'opportunity', id: 7 });
  });
});
