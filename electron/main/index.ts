import { app, BrowserWindow } from 'electron';
import { registerAppScheme } from './protocol';
import { startDesktop } from './desktop';

/** Electron main: one instance, the app's scheme, then the desktop (windows, core, connector, tray, menu, updates). It never touches data (DESIGN.md §5). */
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let desktop: Awaited<ReturnType<typeof startDesktop>> | null = null;

  // a second launch: the running window comes to the front instead
  app.on('second-instance', () => desktop?.showMain());
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  void app.whenReady().then(async () => {
    desktop = await startDesktop();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) desktop?.showMain();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => desktop?.stop());
}
