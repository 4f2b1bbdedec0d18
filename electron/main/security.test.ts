import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(() => Promise.resolve());
vi.mock('electron', () => ({
  shell: { openExternal },
  BrowserWindow: vi.fn(),
}));

const { hardenContents, denyPermissions, isTrustedSender, isAllowedExternal } = await import('./security');

type Handler = (...args: unknown[]) => void;

function fakeContents() {
  const on = new Map<string, Handler>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return {
    on: (event: string, h: Handler) => on.set(event, h),
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => (openHandler = h),
    fire(event: string, url: string) {
      const e = { preventDefault: vi.fn() };
      on.get(event)?.(e, url);
      return e.preventDefault.mock.calls.length > 0;
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('window contents hardening', () => {
  beforeEach(() => openExternal.mockClear());

  it('denies navigation away from the app and allows it inside', () => {
    const c = fakeContents();
    hardenContents(c as never);
    expect(c.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(c.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.fire('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(c.fire('will-navigate', 'app://comptoir/index.html#/settings')).toBe(false);
    expect(c.fire('will-attach-webview', '')).toBe(true);
  });

  it('denies every new window; only allow-listed https links open in the browser', () => {
    const c = fakeContents();
    hardenContents(c as never);
    expect(c.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(c.open('https://docs.comptoir.app/guide')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.comptoir.app/guide');
    expect(isAllowedExternal('http://docs.comptoir.app/')).toBe(false);
    expect(isAllowedExternal('https://comptoir.app.evil.example/')).toBe(false);
  });

  it('refuses every permission request and check', () => {
    const handlers: Record<string, Handler> = {};
    const session = {
      setPermissionRequestHandler: (h: Handler) => (handlers.request = h),
      setPermissionCheckHandler: (h: Handler) => (handlers.check = h),
      setDevicePermissionHandler: (h: Handler) => (handlers.device = h),
    };
    denyPermissions(session as never);
    const callback = vi.fn();
    handlers.request?.(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect((handlers.check as () => boolean)()).toBe(false);
    expect((handlers.device as () => boolean)()).toBe(false);
  });

  it('trusts messages only from the app top frame', () => {
    expect(isTrustedSender({ url: 'app://comptoir/index.html', parent: null } as never)).toBe(true);
    expect(isTrustedSender({ url: 'app://comptoir/index.html', parent: {} } as never)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null } as never)).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});
