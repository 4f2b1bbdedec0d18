import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { autoUpdater } from 'electron-updater';
import { levelFrom, type Level } from '../shared/log';
import { isAppHash } from '../shared/shortcuts';
import { menuTemplate, type MenuActions } from './app-menu';
import { superviseConnector } from './connector-process';
import { superviseCore } from './core-process';
import { secretVault } from './credentials';
import { openDocument } from './documents';
import { listen } from './ipc';
import { openLogFile, type LogFile } from './log-file';
import { showNotice } from './notifications';
import { appPaths } from './paths';
import { serveRenderer } from './protocol';
import { denyPermissions } from './security';
import { createTray } from './tray';
import { feedFrom, superviseUpdates, type UpdateFeed } from './updater';
import { createMainWindow, openDealWindow } from './window';

/** How long after the first paint the first update check waits (the user's first screen comes first). */
const FIRST_CHECK_DELAY_MS = 10_000;

type Paths = ReturnType<typeof appPaths>;
const everyWindow = (channel: string, ...args: unknown[]) => BrowserWindow.getAllWindows().forEach((w) => w.webContents.send(channel, ...args));

/** The main window, made again if it was closed (macOS keeps the app running), brought to the front. */
function mainWindow(paths: Paths) {
  let main: BrowserWindow | null = null;
  const show = () => {
    if (!main || main.isDestroyed()) main = createMainWindow(paths.preload, paths.windowState);
    if (main.isMinimized()) main.restore();
    main.show();
    main.focus();
    return main;
  };
  const focused = () => BrowserWindow.getFocusedWindow() ?? main;
  const go = (win: BrowserWindow | null, hash: string) => isAppHash(hash) && win?.webContents.send('comptoir:navigate', hash);
  return { show, focused, go };
}

/** Core and the connector as utility processes, their output in the log file, core's notices to the tray and the OS. */
function startProcesses(paths: Paths, logs: LogFile, level: Level, windows: ReturnType<typeof mainWindow>) {
  const log = logs.logger('main');
  const say = (m: string) => log.info(m);
  const vaults = { erp: secretVault(paths.erpSecret, say), team: secretVault(paths.teamSession, say, 'team session') };
  const tray = createTray({ icon: paths.icon, open: windows.show, activities: () => windows.go(windows.show(), '#/activities') });
  const core = superviseCore({
    entry: paths.coreEntry,
    env: {
      COMPTOIR_DB_PATH: paths.database,
      COMPTOIR_MIGRATIONS: paths.migrations,
      COMPTOIR_LOGS_DIR: paths.logs,
      COMPTOIR_LOG_LEVEL: level,
      COMPTOIR_CAN_STORE_SECRET: vaults.erp.canStore() ? '1' : '0',
      ...(paths.nativeBinding ? { COMPTOIR_NATIVE_BINDING: paths.nativeBinding } : {}),
    },
    log: say,
    output: (c) => (logs.pipe('core', c.stdout), logs.pipe('core', c.stderr)),
    secret: (name) => vaults[name].load(),
    storeSecret: (name, secret) => void vaults[name].save(secret),
    onNotice: (m) => {
      if (m.type === 'overdue') return tray.setOverdue(m.count);
      showNotice(m.type === 'reminder' ? m : { title: 'Comptoir', body: m.body, opportunityId: m.opportunityId }, windows.show);
    },
    // every window says « reconnexion… » and asks for a port to the new core
    onDown: () => everyWindow('comptoir:core-down'),
  });
  const connector = superviseConnector({
    entry: paths.connectorEntry,
    link: (port) => core.connectConnector(port),
    log: say,
    output: (c) => (logs.pipe('connector', c.stdout), logs.pipe('connector', c.stderr)),
  });
  return { core, connector, tray };
}

/** The company's update feed from the environment; a wrong one is said in the log and the built-in one used. */
function feed(logs: LogFile): UpdateFeed | null {
  try {
    return feedFrom(process.env);
  } catch (err) {
    logs.logger('updater').error('update feed ignored', { error: (err as Error).message });
    return null;
  }
}

/** What the menu's items do. */
function menuActions(paths: Paths, windows: ReturnType<typeof mainWindow>, updates: ReturnType<typeof superviseUpdates>): MenuActions {
  return {
    go: (hash) => windows.go(windows.focused(), hash),
    dealWindow: () => {
      const m = /#\/opportunities\/(\d+)$/.exec(windows.focused()?.webContents.getURL() ?? '');
      if (m) openDealWindow(paths.preload, Number(m[1]));
    },
    diagnostic: () => windows.focused()?.webContents.send('comptoir:command', 'diagnostic'),
    checkUpdates: () => void updates.checkNow(),
    installUpdate: () => void updates.installNow(),
    about: () =>
      void dialog.showMessageBox({
        type: 'info',
        title: 'À propos de Comptoir',
        message: `Comptoir ${app.getVersion()}`,
        detail: `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
      }),
  };
}

/** The desktop app started: logs, core and the connector, the main window, the tray, the menu, updates. */
export async function startDesktop() {
  const paths = appPaths();
  const level = levelFrom(process.env.COMPTOIR_LOG_LEVEL);
  const logs = await openLogFile(paths.logs, level);
  const say = (m: string) => logs.logger('main').info(m);
  denyPermissions(session.defaultSession);
  serveRenderer(paths.renderer, paths.documents);
  const windows = mainWindow(paths);
  const { core, connector, tray } = startProcesses(paths, logs, level, windows);
  const updates = superviseUpdates(autoUpdater, {
    feed: feed(logs),
    log: (m) => logs.logger('updater').info(m),
    onStatus: (s) => {
      everyWindow('comptoir:update', s);
      if (s.state === 'ready' || s.state === 'none') setMenu();
    },
  });
  const actions = menuActions(paths, windows, updates);
  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(actions, { platform: process.platform, packaged: app.isPackaged, updateReady: updates.status().state === 'ready' }),
      ),
    );
  setMenu();
  listen(
    {
      requestPort: (event) => core.connect(event.sender),
      openDocument: (hash, name) =>
        void openDocument(paths.documents, hash, name).then((failed) => failed && say(`could not open a document: ${failed}`)),
      openDealWindow: (id) => openDealWindow(paths.preload, id),
      checkUpdates: actions.checkUpdates,
      installUpdate: actions.installUpdate,
      revealable: paths.diagnostics,
    },
    say,
  );
  windows.show().once('ready-to-show', () => setTimeout(() => void updates.afterFirstPaint(), FIRST_CHECK_DELAY_MS).unref());
  return {
    showMain: windows.show,
    stop: () => {
      updates.stop();
      connector.stop();
      core.stop();
      tray.destroy();
      logs.flush();
    },
  };
}
