import { BrowserWindow, Notification } from 'electron';
import type { CoreToMain } from '../shared/contract/control';

type Reminder = Extract<CoreToMain, { type: 'reminder' }>;

/**
 * A reminder as an OS notification (DESIGN §2.7): a click brings the window back and opens the
 * deal (the renderer hears `comptoir:open-deal`). Nothing shows where the OS has no notifications.
 */
export function showReminder(r: Reminder): Notification | null {
  if (!Notification.isSupported()) return null;
  const n = new Notification({ title: r.title, body: r.body, silent: false });
  n.on('click', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    if (r.opportunityId !== null) win.webContents.send('comptoir:open-deal', r.opportunityId);
  });
  n.show();
  return n;
}
