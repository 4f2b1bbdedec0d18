import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN, hardenContents } from './security';
import { DEFAULT_SIZE, placeWindow, readWindowState, writeWindowState } from './window-state';

/** The secure defaults of every window (Electron's security checklist). */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    ...DEFAULT_SIZE,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Comptoir',
    backgroundColor: '#f4f6f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  };
}

function openWindow(preloadPath: string, hash: string, extra: BrowserWindowConstructorOptions = {}): BrowserWindow {
  const win = new BrowserWindow({ ...windowOptions(preloadPath), ...extra });
  hardenContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html${hash}`);
  return win;
}

/** The main window, where the user left it (`stateFile`: its place, saved when it closes). */
export function createMainWindow(preloadPath: string, stateFile?: string): BrowserWindow {
  const placed = stateFile
    ? placeWindow(
        readWindowState(stateFile),
        screen.getAllDisplays().map((d) => d.workArea),
      )
    : null;
  const win = openWindow(preloadPath, '', placed ? { x: placed.x, y: placed.y, width: placed.width, height: placed.height } : {});
  if (placed?.maximized) win.once('ready-to-show', () => win.maximize());
  if (stateFile)
    win.on('close', () => {
      const b = win.getNormalBounds();
      writeWindowState(stateFile, { ...b, maximized: win.isMaximized() });
    });
  return win;
}

/** One deal in a window of its own, beside the main one (a trader compares two deals); the same deal twice is focused, not opened again. */
export function openDealWindow(preloadPath: string, opportunityId: number): BrowserWindow {
  const hash = `#/opportunities/${opportunityId}`;
  const open = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().endsWith(hash) && dealWindows.has(w));
  if (open) {
    open.focus();
    return open;
  }
  const win = openWindow(preloadPath, hash, { width: 1280, height: 820 });
  dealWindows.add(win);
  win.once('closed', () => dealWindows.delete(win));
  return win;
}
const dealWindows = new Set<BrowserWindow>();
