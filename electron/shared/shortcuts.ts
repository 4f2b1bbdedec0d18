/**
 * The app's keys to its screens, in one place: the renderer listens to them (in the desktop app
 * and in the web host alike) and the desktop menu « Aller à » shows them beside each screen.
 */
export const SCREEN_SHORTCUTS = [
  { keys: 'Ctrl+1', hash: '#/opportunities', label: 'Opportunités' },
  { keys: 'Ctrl+2', hash: '#/activities', label: 'Mes activités' },
  { keys: 'Ctrl+3', hash: '#/dashboard', label: 'Tableau de bord' },
  { keys: 'Ctrl+4', hash: '#/board', label: 'Tableau du pipeline' },
  { keys: 'Ctrl+5', hash: '#/purchasing', label: 'Achats' },
  { keys: 'Ctrl+6', hash: '#/finance', label: 'Crédit client' },
  { keys: 'Ctrl+7', hash: '#/sync', label: 'ERP' },
  { keys: 'Ctrl+8', hash: '#/team', label: 'Équipe' },
  { keys: 'Ctrl+9', hash: '#/settings', label: 'Paramètres' },
] as const;

/** Where main may send a window (a menu item, a notification): one of the screens, or one deal. */
export function isAppHash(hash: unknown): hash is string {
  return (
    typeof hash === 'string' && /^#\/(opportunities(\/(\d{1,12}|new))?|activities|dashboard|board|purchasing|finance|sync|team|settings)$/.test(hash)
  );
}
