import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() }, net: { fetch: vi.fn() } }));
const { CSP, resolveInside } = await import('./protocol');

describe('app:// protocol', () => {
  it('serves files inside the renderer folder only', () => {
    expect(resolveInside('/app/out/renderer', '/index.html')).toBe('/app/out/renderer/index.html');
    expect(resolveInside('/app/out/renderer', '/')).toBe('/app/out/renderer/index.html');
    expect(resolveInside('/app/out/renderer', '/assets/index-1.js')).toBe('/app/out/renderer/assets/index-1.js');
    // dot-dot segments are folded at the root: the file asked for can never be outside the folder
    expect(resolveInside('/app/out/renderer', '/../../etc/passwd')).toBe('/app/out/renderer/etc/passwd');
    expect(resolveInside('/app/out/renderer', '/%2e%2e/%2e%2e/etc/passwd')).toBe('/app/out/renderer/etc/passwd');
    expect(resolveInside('/app/out/renderer', '/assets/..%2f..%2f..%2fetc/passwd')).toBe('/app/out/renderer/etc/passwd');
    expect(resolveInside('/app/out/renderer', '/..\\..\\etc\\passwd')).toBe('/app/out/renderer/etc/passwd');
  });

  it('answers a malformed path with null (400), never a thrown URIError', () => {
    expect(resolveInside('/app/out/renderer', '/%E0%A4%A')).toBeNull();
    expect(resolveInside('/app/out/renderer', '/a%00b')).toBeNull();
  });

  it('sends a strict content security policy', () => {
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(CSP).toContain("object-src 'none'");
  });
});
