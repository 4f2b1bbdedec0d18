import type { MenuItemConstructorOptions } from 'electron';
import { SCREEN_SHORTCUTS } from '../shared/shortcuts';

export type MenuActions = {
  /** the focused window goes to a screen (`#/…`) */
  go: (hash: string) => void;
  /** the focused window's deal in a window of its own */
  dealWindow: () => void;
  diagnostic: () => void;
  checkUpdates: () => void;
  installUpdate: () => void;
  about: () => void;
};

/** `Ctrl+1` → Electron's `CmdOrCtrl+1` (⌘ on macOS). */
const accelerator = (keys: string) => keys.replace(/^Ctrl\+/, 'CmdOrCtrl+');

/**
 * The desktop menu, in French, with the app's own shortcuts (DESIGN §2.10). The screens' keys are
 * the renderer's (it listens to them in both hosts): the menu shows them without taking them.
 */
export function menuTemplate(
  a: MenuActions,
  o: { platform: NodeJS.Platform; packaged: boolean; updateReady: boolean },
): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const menus: MenuItemConstructorOptions[] = [
    {
      label: 'Fichier',
      submenu: [
        { label: 'Nouvelle opportunité', accelerator: 'CmdOrCtrl+N', click: () => a.go('#/opportunities/new') },
        { label: 'Ouvrir l’affaire dans une nouvelle fenêtre', accelerator: 'CmdOrCtrl+Shift+N', click: a.dealWindow },
        sep,
        { label: 'Exporter un diagnostic…', click: a.diagnostic },
        ...(mac ? [] : [sep, { label: 'Quitter', role: 'quit', accelerator: 'Ctrl+Q' } as MenuItemConstructorOptions]),
      ],
    },
    {
      label: 'Édition',
      submenu: [
        { label: 'Annuler', role: 'undo' },
        { label: 'Rétablir', role: 'redo' },
        sep,
        { label: 'Couper', role: 'cut' },
        { label: 'Copier', role: 'copy' },
        { label: 'Coller', role: 'paste' },
        { label: 'Tout sélectionner', role: 'selectAll' },
      ],
    },
    {
      label: 'Aller à',
      submenu: [
        { label: 'Aller à… (recherche)', accelerator: 'CmdOrCtrl+K', registerAccelerator: false, click: () => undefined, enabled: false },
        sep,
        ...SCREEN_SHORTCUTS.map((s) => ({ label: s.label, accelerator: accelerator(s.keys), registerAccelerator: false, click: () => a.go(s.hash) })),
      ],
    },
    {
      label: 'Affichage',
      submenu: [
        { label: 'Recharger', role: 'reload' },
        sep,
        { label: 'Taille réelle', role: 'resetZoom' },
        { label: 'Zoom avant', role: 'zoomIn' },
        { label: 'Zoom arrière', role: 'zoomOut' },
        sep,
        { label: 'Plein écran', role: 'togglefullscreen' },
        ...(o.packaged ? [] : [sep, { label: 'Outils de développement', role: 'toggleDevTools' } as MenuItemConstructorOptions]),
      ],
    },
    {
      label: 'Fenêtre',
      submenu: [
        { label: 'Réduire', role: 'minimize' },
        { label: 'Fermer la fenêtre', role: 'close' },
      ],
    },
    {
      label: 'Aide',
      submenu: [
        { label: 'Rechercher des mises à jour', click: a.checkUpdates },
        { label: 'Installer la mise à jour et redémarrer', enabled: o.updateReady, click: a.installUpdate },
        sep,
        { label: 'À propos de Comptoir', click: a.about },
      ],
    },
  ];
  if (mac)
    menus.unshift({
      label: 'Comptoir',
      submenu: [
        { label: 'À propos de Comptoir', click: a.about },
        sep,
        { label: 'Masquer Comptoir', role: 'hide' },
        { label: 'Masquer les autres', role: 'hideOthers' },
        { label: 'Tout afficher', role: 'unhide' },
        sep,
        { label: 'Quitter Comptoir', role: 'quit' },
      ],
    });
  return menus;
}
