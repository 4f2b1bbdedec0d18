import { beforeEach, describe, expect, it, vi } from 'vitest';

const trays: {
  setToolTip: ReturnType<typeof vi.fn>;
  setContextMenu: ReturnType<typeof vi.fn>;
  setTitle: ReturnType<typeof vi.fn>;
  on: ReturnType<typeof vi.fn>;
}[] = [];
const badge = vi.fn();
vi.mock('electron', () => ({
  app: { setBadgeCount: (n: number) => void badge(n) },
  nativeImage: { createFromPath: (p: string) => ({ path: p }) },
  Menu: { buildFromTemplate: (t: unknown) => ({ template: t }) },
  Tray: class {
    setToolTip = vi.fn();
    setContextMenu = vi.fn();
    setTitle = vi.fn();
    on = vi.fn();
    destroy = vi.fn();
    constructor() {
      trays.push(this);
    }
  },
}));

const { createTray, overdueLabel } = await import('./tray');

describe('the tray icon', () => {
  beforeEach(() => {
    trays.length = 0;
    badge.mockClear();
  });

  it('shows the count of overdue activities in its tooltip, its menu and the app badge', () => {
    const open = vi.fn();
    const activities = vi.fn();
    const tray = createTray({ icon: '/r/icon.png', open, activities });
    const t = trays[0]!;
    expect(t.setToolTip).toHaveBeenLastCalledWith('Comptoir');
    tray.setOverdue(3);
    expect(t.setToolTip).toHaveBeenLastCalledWith('Comptoir — 3 activités en retard');
    expect(badge).toHaveBeenLastCalledWith(3);
    const menu = (t.setContextMenu.mock.lastCall![0] as { template: { label?: string; click?: () => void }[] }).template;
    expect(menu.map((i) => i.label)).toEqual(['Ouvrir Comptoir', 'Mes activités — 3 activités en retard', undefined, 'Quitter']);
    menu[1]!.click!();
    expect(activities).toHaveBeenCalled();
    // a click on the icon brings the window back
    const [event, handler] = t.on.mock.calls[0] as [string, () => void];
    expect(event).toBe('click');
    handler();
    expect(open).toHaveBeenCalled();
    // the same count again changes nothing
    const calls = t.setContextMenu.mock.calls.length;
    tray.setOverdue(3);
    expect(t.setContextMenu.mock.calls.length).toBe(calls);
    tray.setOverdue(0);
    expect(badge).toHaveBeenLastCalledWith(0);
  });

  it('words the count', () => {
    expect([0, 1, 12].map(overdueLabel)).toEqual(['Aucune activité en retard', '1 activité en retard', '12 activités en retard']);
  });
});
