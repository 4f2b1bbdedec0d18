import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Win = {
  options: Record<string, unknown>;
  loadURL: ReturnType<typeof vi.fn>;
  focus: ReturnType<typeof vi.fn>;
  maximize: ReturnType<typeof vi.fn>;
  handlers: Map<string, () => void>;
  url: string;
  webContents: unknown;
};
const created: Win[] = [];
vi.mock('electron', () => {
  class BrowserWindow {
    handlers = new Map<string, () => void>();
    url = '';
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), getURL: () => this.url };
    loadURL = vi.fn((u: string) => ((this.url = u), Promise.resolve()));
    focus = vi.fn();
    maximize = vi.fn();
    on = (e: string, h: () => void) => this.handlers.set(e, h);
    once = (e: string, h: () => void) => this.handlers.set(e, h);
    getNormalBounds = () => ({ x: 40, y: 30, width: 1500, height: 880 });
    isMaximized = () => true;
    static getAllWindows = () => created;
    constructor(public options: Record<string, unknown>) {
      created.push(this);
    }
  }
  return {
    BrowserWindow,
    shell: { openExternal: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
  };
});

const { createMainWindow, openDealWindow, windowOptions } = await import('./window');

describe('windows', () => {
  beforeEach(() => {
    created.length = 0;
  });

  it('are created with context isolation, sandbox and no Node in the renderer', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('load the UI from the custom protocol and harden their contents', () => {
    const win = createMainWindow('/app/preload.cjs') as unknown as Win;
    expect(win.loadURL).toHaveBeenCalledWith('app://comptoir/index.html');
    const contents = win.webContents as { on: ReturnType<typeof vi.fn>; setWindowOpenHandler: ReturnType<typeof vi.fn> };
    expect(contents.on.mock.calls.map((c) => c[0] as string)).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    );
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
  });

  it('the main window comes back where it was left, maximised again, and saves its place when it closes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-win-'));
    try {
      const file = join(dir, 'window-state.json');
      writeFileSync(file, JSON.stringify({ x: 100, y: 80, width: 1280, height: 800, maximized: true }));
      const win = createMainWindow('/app/preload.cjs', file) as unknown as Win;
      expect(win.options).toMatchObject({ x: 100, y: 80, width: 1280, height: 800 });
      win.handlers.get('ready-to-show')!();
      expect(win.maximize).toHaveBeenCalled();
      win.handlers.get('close')!();
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 40, y: 30, width: 1500, height: 880, maximized: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a deal opens in a window of its own; the same deal again is brought to the front, not opened twice', () => {
    const a = openDealWindow('/app/preload.cjs', 42) as unknown as Win;
    expect(a.loadURL).toHaveBeenCalledWith('app://comptoir/index.html#/opportunities/42');
    const b = openDealWindow('/app/preload.cjs', 7) as unknown as Win;
    expect(created).toHaveLength(2);
    expect(openDealWindow('/app/preload.cjs', 42)).toBe(a);
    expect(a.focus).toHaveBeenCalled();
    expect(created).toHaveLength(2);
    // closed: opened anew the next time
    a.handlers.get('closed')!();
    openDealWindow('/app/preload.cjs', 42);
    expect(created).toHaveLength(3);
    expect(b.options).toMatchObject({ width: 1280, height: 820 });
  });
});
