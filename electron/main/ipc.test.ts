import { describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (event: unknown, ...args: unknown[]) => void>();
const reveal = vi.fn();
vi.mock('electron', () => ({
  ipcMain: { on: (channel: string, h: (event: unknown, ...args: unknown[]) => void) => handlers.set(channel, h) },
  shell: { showItemInFolder: (p: string) => void reveal(p), openExternal: vi.fn() },
}));

const { isInside, listen } = await import('./ipc');

const ours = { senderFrame: { parent: null, url: 'app://comptoir/index.html' } };
const foreign = { senderFrame: { parent: null, url: 'https://evil.example/' } };

describe('what a window may ask of main', () => {
  const a = {
    requestPort: vi.fn(),
    openDocument: vi.fn(),
    openDealWindow: vi.fn(),
    checkUpdates: vi.fn(),
    installUpdate: vi.fn(),
    revealable: '/home/u/.config/Comptoir/diagnostics',
  };
  const log = vi.fn();
  listen(a, log);

  it('answers our own page, with arguments checked', () => {
    handlers.get('comptoir:open-deal-window')!(ours, 42);
    expect(a.openDealWindow).toHaveBeenCalledWith(42);
    for (const bad of [-1, 0, 1.5, '42', null]) handlers.get('comptoir:open-deal-window')!(ours, bad);
    expect(a.openDealWindow).toHaveBeenCalledTimes(1);
    handlers.get('comptoir:reveal')!(ours, '/home/u/.config/Comptoir/diagnostics/comptoir-diagnostic-x.zip');
    expect(reveal).toHaveBeenCalledTimes(1);
    handlers.get('comptoir:reveal')!(ours, '/home/u/.config/Comptoir/diagnostics/../comptoir.sqlite');
    handlers.get('comptoir:reveal')!(ours, '/etc/passwd');
    expect(reveal).toHaveBeenCalledTimes(1);
    handlers.get('comptoir:install-update')!(ours);
    expect(a.installUpdate).toHaveBeenCalled();
  });

  it('refuses any other page, and says so in the log', () => {
    handlers.get('comptoir:request-port')!(foreign);
    handlers.get('comptoir:open-deal-window')!(foreign, 3);
    handlers.get('comptoir:install-update')!({ senderFrame: { parent: {}, url: 'app://comptoir/index.html' } });
    expect(a.requestPort).not.toHaveBeenCalled();
    expect(a.openDealWindow).not.toHaveBeenCalledWith(3);
    expect(log).toHaveBeenCalledWith('refused a message from https://evil.example/');
  });

  it('reveals only files inside the folder', () => {
    expect(isInside('/a/b', '/a/b/c.zip')).toBe(true);
    expect(isInside('/a/b', '/a/b')).toBe(false);
    expect(isInside('/a/b', '/a/bc/d')).toBe(false);
    expect(isInside('/a/b', '/a/b/../c')).toBe(false);
  });
});
