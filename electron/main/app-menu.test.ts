import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { SCREEN_SHORTCUTS } from '../shared/shortcuts';
import { menuTemplate, type MenuActions } from './app-menu';

const actions = (): MenuActions => ({
  go: vi.fn(),
  dealWindow: vi.fn(),
  diagnostic: vi.fn(),
  checkUpdates: vi.fn(),
  installUpdate: vi.fn(),
  about: vi.fn(),
});
const items = (m: MenuItemConstructorOptions) => (m.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator');
const find = (menus: MenuItemConstructorOptions[], label: string) => menus.flatMap(items).find((i) => i.label === label)!;

describe('the desktop menu', () => {
  it('is in French, with the app’s screens under « Aller à » and their keys (left to the page to handle)', () => {
    const a = actions();
    const menus = menuTemplate(a, { platform: 'win32', packaged: true, updateReady: false });
    expect(menus.map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Aller à', 'Affichage', 'Fenêtre', 'Aide']);
    const go = items(menus[2]!).slice(1);
    expect(go.map((i) => [i.label, i.accelerator])).toEqual(SCREEN_SHORTCUTS.map((s) => [s.label, s.keys.replace('Ctrl+', 'CmdOrCtrl+')]));
    expect(go.every((i) => i.registerAccelerator === false)).toBe(true);
    (find(menus, 'Achats').click as () => void)();
    expect(a.go).toHaveBeenCalledWith('#/purchasing');
    expect(items(menus[1]!).map((i) => i.label)).toEqual(['Annuler', 'Rétablir', 'Couper', 'Copier', 'Coller', 'Tout sélectionner']);
  });

  it('opens a new deal, the current deal in its own window, and the diagnostic', () => {
    const a = actions();
    const menus = menuTemplate(a, { platform: 'linux', packaged: true, updateReady: false });
    const fichier = items(menus[0]!);
    expect(fichier.map((i) => [i.label, i.accelerator ?? null])).toEqual([
      ['Nouvelle opportunité', 'CmdOrCtrl+N'],
      ['Ouvrir l’affaire dans une nouvelle fenêtre', 'CmdOrCtrl+Shift+N'],
      ['Exporter un diagnostic…', null],
      ['Quitter', 'Ctrl+Q'],
    ]);
    (fichier[0]!.click as () => void)();
    expect(a.go).toHaveBeenCalledWith('#/opportunities/new');
    (fichier[1]!.click as () => void)();
    expect(a.dealWindow).toHaveBeenCalled();
    (fichier[2]!.click as () => void)();
    expect(a.diagnostic).toHaveBeenCalled();
  });

  it('offers to install an update only once one is downloaded, and no developer tools once packaged', () => {
    const waiting = menuTemplate(actions(), { platform: 'linux', packaged: true, updateReady: false });
    expect(find(waiting, 'Installer la mise à jour et redémarrer').enabled).toBe(false);
    expect(find(waiting, 'Outils de développement')).toBeUndefined();
    const a = actions();
    const ready = menuTemplate(a, { platform: 'linux', packaged: false, updateReady: true });
    const install = find(ready, 'Installer la mise à jour et redémarrer');
    expect(install.enabled).toBe(true);
    (install.click as () => void)();
    expect(a.installUpdate).toHaveBeenCalled();
    expect(find(ready, 'Outils de développement')).toBeDefined();
  });

  it('on macOS: the app’s own menu first, and « Quitter » there', () => {
    const menus = menuTemplate(actions(), { platform: 'darwin', packaged: true, updateReady: false });
    expect(menus[0]!.label).toBe('Comptoir');
    expect(items(menus[0]!).map((i) => i.label)).toContain('Quitter Comptoir');
    expect(items(menus[1]!).map((i) => i.label)).not.toContain('Quitter');
  });
});
