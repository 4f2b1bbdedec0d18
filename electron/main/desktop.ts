import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { autoUpdater } from 'electron-updater';
import { levelFrom } from '../shared/log';
import { isAppHash } from '../shared/shortcuts';
import { menuTemplate, type MenuActions } from './app-menu';
import { superviseConnector } from './connector-process';
import { superviseCore } from './core-process';
import { secretVault } from './credentials';
import { openDocument } from './documents';
import { listen } from './ipc';
import { openLogFile } from './log-file';
import { showNotice } from './notifications';
import { appPaths } from './paths';
import { serveRenderer } from './protocol';
import { denyPermissions } from './security';
import { createTray } from './tray';
import { feedFrom, superviseUpdates, type UpdateStatus } from './updater';
import { createMainWindow, openDealWindow } from './window';

/** How long after the first paint the first update check waits (the user's first screen comes first). */
const FIRST_CHECK_DELAY_MS = 10_000;

/** The desktop app started: logs, core and the connector, the main window, the tray, the menu, updates. */
export async function startDesktop() {
  const paths = appPaths();
  const level = levelFrom(process.env.COMPTOIR_LOG_LEVEL);
  const logs = await openLogFile(paths.logs, level);
  const log = logs.logger('main');
  const say = (m: string) => log.info(m);
  denyPermissions(session.defaultSession);
  serveRenderer(paths.renderer, paths.documents);
  const vaults = { erp: secretVault(paths.erpSecret, say), team: secretVault(paths.teamSession, say, 'team session') };

  let main: BrowserWindow | null = null;
  const showMain = () => {
    if (!main || main.isDestroyed()) main = createMainWindow(paths.preload, paths.windowState);
    if (main.isMinimized()) main.restore();
    main.show();
    main.focus();
    return main;
  };
  const go = (win: BrowserWindow | null, hash: string) => isAppHash(hash) && win?.webContents.send('comptoir:navigate', hash);
  const focused = () => BrowserWindow.getFocusedWindow() ?? main;
  const tray = createTray({ icon: paths.icon, open: showMain, activities: () => go(showMain(), '#/activities') });

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
      showNotice(m.type === 'reminder' ? m : { title: 'Comptoir', body: m.body, opportunityId: m.opportunityId }, () => showMain());
    },
    // every window says « reconnexion… » and asks for a port to the new core
    onDown: () => BrowserWindow.getAllWindows().forEach((w) => w.webContents.send('comptoir:core-down')),
  });
  const connector = superviseConnector({
    entry: paths.connectorEntry,
    link: (port) => core.connectConnector(port),
    log: say,
    output: (c) => (logs.pipe('connector', c.stdout), logs.pipe('connector', c.stderr)),
  });

  let feed = null;
  try {
    feed = feedFrom(process.env);
  } catch (err) {
    log.error('update feed ignored', { error: (err as Error).message });
  }
  const updates = superviseUpdates(autoUpdater, {
    feed,
    log: (m) => logs.logger('updater').info(m),
    onStatus: (s: UpdateStatus) => {
      BrowserWindow.getAllWindows().forEach((w) => w.webContents.send('comptoir:update', s));
      if (s.state === 'ready' || s.state === 'none') setMenu();
    },
  });
  const actions: MenuActions = {
    go: (hash) => go(focused(), hash),
    dealWindow: () => {
      const m = /#\/opportunities\/(\d+)$/.exec(focused()?.webContents.getURL() ?? '');
      if (m) openDealWindow(paths.preload, Number(m[1]));
    },
    diagnostic: () => focused()?.webContents.send('comptoir:command', 'diagnostic'),
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
  showMain().once('ready-to-show', () => setTimeout(() => void updates.afterFirstPaint(), FIRST_CHECK_DELAY_MS).unref());
  return {
    showMain,
    stop: () => {
      updates.stop();
      connector.stop();
      core.stop();
      tray.destroy();
      logs.flush();
    },
  };
}
