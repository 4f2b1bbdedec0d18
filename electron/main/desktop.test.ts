import { type EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PassThrough } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * The desktop as main wires it, with Electron mocked (its binary cannot run here): core's notices
 * reach the tray and the OS, a restart of core reaches every window, core's output reaches the
 * log file, the first update check waits for the first paint.
 */
type Child = EventEmitter & {
  pid?: number;
  postMessage: ReturnType<typeof vi.fn>;
  kill: ReturnType<typeof vi.fn>;
  stdout: PassThrough;
  stderr: PassThrough;
};
const m = vi.hoisted(() => ({
  children: [] as Child[],
  windows: [] as { send: ReturnType<typeof vi.fn>; handlers: Map<string, () => void>; show: ReturnType<typeof vi.fn> }[],
  notifications: [] as { options: { title: string; body: string } }[],
  badge: vi.fn(),
  menus: [] as unknown[],
  updater: { checks: 0 },
}));
const userData = mkdtempSync(join(tmpdir(), 'comptoir-desktop-'));
process.env.COMPTOIR_USER_DATA = userData;
afterAll(() => rmSync(userData, { recursive: true, force: true }));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { PassThrough: Pass } = await import('node:stream');
  class BrowserWindow {
    handlers = new Map<string, () => void>();
    send = vi.fn();
    show = vi.fn();
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), getURL: () => 'app://comptoir/index.html', send: this.send };
    loadURL = () => Promise.resolve();
    on = (e: string, h: () => void) => this.handlers.set(e, h);
    once = (e: string, h: () => void) => this.handlers.set(e, h);
    isDestroyed = () => false;
    isMinimized = () => false;
    restore = vi.fn();
    focus = vi.fn();
    static getAllWindows = () => m.windows;
    static getFocusedWindow = () => m.windows[0] ?? null;
    constructor() {
      m.windows.push(this);
    }
  }
  class Notification extends Emitter {
    static isSupported = () => true;
    show = vi.fn();
    constructor(public options: { title: string; body: string }) {
      super();
      m.notifications.push(this);
    }
  }
  return {
    app: {
      getAppPath: () => '/app',
      isPackaged: false,
      getPath: () => userData,
      getVersion: () => '0.1.0',
      setBadgeCount: m.badge,
    },
    BrowserWindow,
    Notification,
    Tray: class {
      on = vi.fn();
      setToolTip = vi.fn();
      setContextMenu = vi.fn();
      setTitle = vi.fn();
      destroy = vi.fn();
    },
    nativeImage: { createFromPath: () => ({}) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (t: unknown) => m.menus.push(t) },
    dialog: { showMessageBox: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() } },
    protocol: { handle: vi.fn(), registerSchemesAsPrivileged: vi.fn() },
    net: { fetch: vi.fn() },
    ipcMain: { on: vi.fn() },
    shell: { openExternal: vi.fn(), openPath: vi.fn(), showItemInFolder: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    safeStorage: { isEncryptionAvailable: () => false },
    utilityProcess: {
      fork: vi.fn(() => {
        const child = Object.assign(new Emitter(), { pid: 1, postMessage: vi.fn(), kill: vi.fn(), stdout: new Pass(), stderr: new Pass() });
        m.children.push(child);
        return child;
      }),
    },
    MessageChannelMain: class {
      port1 = { close: vi.fn() };
      port2 = {};
    },
  };
});
vi.mock('electron-updater', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const autoUpdater = Object.assign(new Emitter(), {
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(() => (m.updater.checks++, Promise.resolve(null))),
    downloadUpdate: vi.fn(),
    quitAndInstall: vi.fn(),
  });
  return { autoUpdater };
});

const { startDesktop } = await import('./desktop');

describe('the desktop app, wired', () => {
  it('starts core and the connector, opens the window where it was, and writes the log in the profile', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    const desktop = await startDesktop();
    const [core, connector] = m.children;
    expect(m.children).toHaveLength(2);
    expect(m.windows).toHaveLength(1);
    expect(m.menus).toHaveLength(1);

    // core's overdue count goes to the tray's badge; a notice for the person to the OS
    core!.emit('message', { type: 'overdue', count: 4 });
    expect(m.badge).toHaveBeenLastCalledWith(4);
    core!.emit('message', { type: 'alert', body: 'Approbation de marge demandée : OPP-2026-000012', opportunityId: 12 });
    core!.emit('message', { type: 'reminder', title: 'Relancer le devis', body: 'OPP-2026-000004', opportunityId: 4 });
    expect(m.notifications.map((n) => n.options)).toMatchObject([
      { title: 'Comptoir', body: 'Approbation de marge demandée : OPP-2026-000012' },
      { title: 'Relancer le devis', body: 'OPP-2026-000004' },
    ]);

    // core restarts on a restored file: every window hears it (« reconnexion… »)
    core!.emit('exit', 75);
    expect(m.windows[0]!.send).toHaveBeenCalledWith('comptoir:core-down');
    vi.advanceTimersByTime(0);
    expect(m.children).toHaveLength(3);

    // the first update check after the first paint, not before
    expect(m.updater.checks).toBe(0);
    m.windows[0]!.handlers.get('ready-to-show')!();
    vi.advanceTimersByTime(10_000);
    await vi.waitFor(() => expect(m.updater.checks).toBe(1));

    // core's and the connector's output in the log file, with main's own lines
    core!.stderr.write('{"t":"2026-12-01T10:00:00Z","level":"info","name":"core","message":"database opened"}\n');
    connector!.stderr.write('[connector] pulled 12 products\n');
    desktop.stop();
    await vi.waitFor(() => {
      const logs = join(userData, 'logs');
      expect(existsSync(logs)).toBe(true);
      const text = readdirSync(logs)
        .map((f) => readFileSync(join(logs, f), 'utf8'))
        .join('');
      expect(text).toContain('database opened');
      expect(text).toContain('pulled 12 products');
    });
    vi.useRealTimers();
  });
});
