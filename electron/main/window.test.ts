import { describe, expect, it, vi } from 'vitest';

const created: { options: unknown; loadURL: ReturnType<typeof vi.fn>; webContents: unknown }[] = [];
vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    loadURL = vi.fn(() => Promise.resolve());
    once = vi.fn();
    constructor(public options: unknown) {
      created.push(this);
    }
  }
  return { BrowserWindow, shell: { openExternal: vi.fn() } };
});

const { createMainWindow, windowOptions } = await import('./window');

describe('main window', () => {
  it('is created with context isolation, sandbox and no Node in the renderer', () => {
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

  it('loads the UI from the custom protocol and hardens its contents', () => {
    const win = createMainWindow('/app/preload.cjs') as unknown as (typeof created)[number];
    expect(win.loadURL).toHaveBeenCalledWith('app://comptoir/index.html');
    const contents = win.webContents as { on: ReturnType<typeof vi.fn>; setWindowOpenHandler: ReturnType<typeof vi.fn> };
    expect(contents.on.mock.calls.map((c) => c[0] as string)).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    );
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
  });
});
