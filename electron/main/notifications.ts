import { Notification, type BrowserWindow } from 'electron';

/** What an OS notification says, and the deal a click opens. */
export type Notice = { title: string; body: string; opportunityId: number | null };

/**
 * A reminder, an approval to decide or a decision on one's request, as an OS notification (DESIGN
 * §2.7): a click brings the main window back and opens the deal (the renderer hears
 * `comptoir:open-deal`). Nothing shows where the OS has no notifications.
 */
export function showNotice(n: Notice, target: () => BrowserWindow | null): Notification | null {
  if (!Notification.isSupported()) return null;
  const shown = new Notification({ title: n.title, body: n.body, silent: false });
  shown.on('click', () => {
    const win = target();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    if (n.opportunityId !== null) win.webContents.send('comptoir:open-deal', n.opportunityId);
  });
  shown.show();
  return shown;
}
