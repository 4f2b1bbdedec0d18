import { app, Menu, nativeImage, Tray } from 'electron';

/** The tray's words for the person's overdue activities. */
export function overdueLabel(count: number): string {
  if (count === 0) return 'Aucune activité en retard';
  return count === 1 ? '1 activité en retard' : `${count} activités en retard`;
}

/**
 * The tray icon (DESIGN §2.10): the count of the person's overdue activities in its tooltip, its
 * menu and the app's badge (macOS dock, Linux launchers); a click brings the window back.
 */
export function createTray(o: { icon: string; open: () => void; activities: () => void }) {
  const tray = new Tray(nativeImage.createFromPath(o.icon));
  let count = -1;
  tray.on('click', o.open);
  const show = (n: number) => {
    if (n === count) return;
    count = n;
    tray.setToolTip(n > 0 ? `Comptoir — ${overdueLabel(n)}` : 'Comptoir');
    if (process.platform === 'darwin') tray.setTitle(n > 0 ? String(n) : '');
    app.setBadgeCount(n);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Ouvrir Comptoir', click: o.open },
        { label: `Mes activités — ${overdueLabel(n)}`, click: o.activities },
        { type: 'separator' },
        { label: 'Quitter', role: 'quit' },
      ]),
    );
  };
  show(0);
  return { setOverdue: show, destroy: () => tray.destroy() };
}
