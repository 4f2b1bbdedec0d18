import { type EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The one instance: a second launch brings the running window to the front instead of starting another app. */
const m = vi.hoisted(() => ({ lock: true, quit: vi.fn(), showMain: vi.fn(), stop: vi.fn(), app: null as unknown as EventEmitter }));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  m.app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: () => m.lock,
    quit: m.quit,
    whenReady: () => Promise.resolve(),
  });
  return { app: m.app, BrowserWindow: { getAllWindows: () => [] } };
});
vi.mock('./protocol', () => ({ registerAppScheme: vi.fn() }));
vi.mock('./desktop', () => ({ startDesktop: () => Promise.resolve({ showMain: m.showMain, stop: m.stop }) }));

describe('one instance of the app', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.clearAllMocks();
  });

  it('a second launch focuses the running window; quitting stops core and the connector', async () => {
    m.lock = true;
    await import('./index');
    await vi.waitFor(() => expect(m.app.listenerCount('activate')).toBe(1));
    m.app.emit('second-instance');
    expect(m.showMain).toHaveBeenCalledOnce();
    m.app.emit('will-quit');
    expect(m.stop).toHaveBeenCalledOnce();
    expect(m.quit).not.toHaveBeenCalled();
  });

  it('the second process itself quits at once when the lock is held', async () => {
    m.lock = false;
    await import('./index');
    expect(m.quit).toHaveBeenCalledOnce();
  });
});
