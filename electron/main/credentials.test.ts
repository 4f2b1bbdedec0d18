import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const storage = { available: true };
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => storage.available,
    // a stand-in for the OS keychain: reversible, and never the clear text on disk
    encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
    decryptString: (b: Buffer) => {
      const text = b.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice(4), 'base64').toString();
    },
  },
}));

const { secretVault } = await import('./credentials');

describe('the ERP secret at rest', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vault-'));
    storage.available = true;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is written encrypted, never in clear, and read back', () => {
    const log = vi.fn();
    const vault = secretVault(join(dir, 'erp-secret.bin'), log);
    expect(vault.load()).toBeNull();
    expect(vault.save('s3cret-API-key')).toBe(true);
    expect(readFileSync(join(dir, 'erp-secret.bin'), 'utf8')).not.toContain('s3cret-API-key');
    expect(secretVault(join(dir, 'erp-secret.bin'), log).load()).toBe('s3cret-API-key');
    expect(log).not.toHaveBeenCalled();
  });

  it('is not written at all where the OS offers no encryption, and says so without the secret', () => {
    storage.available = false;
    const log = vi.fn();
    const vault = secretVault(join(dir, 'erp-secret.bin'), log);
    expect(vault.canStore()).toBe(false);
    expect(vault.save('s3cret')).toBe(false);
    expect(existsSync(join(dir, 'erp-secret.bin'))).toBe(false);
    expect(log.mock.calls.flat().join(' ')).not.toContain('s3cret');
  });

  it('asks to type it again when it cannot be decrypted (another user or machine)', () => {
    const log = vi.fn();
    const file = join(dir, 'erp-secret.bin');
    secretVault(file, log).save('x');
    rmSync(file);
    writeFileSync(file, 'garbage');
    expect(secretVault(file, log).load()).toBeNull();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('type it again'));
  });

  it('forgets a secret when core asks (a logout): the file goes', () => {
    const vault = secretVault(join(dir, 'team-session.bin'), vi.fn(), 'team session');
    expect(vault.save('token-123')).toBe(true);
    expect(existsSync(join(dir, 'team-session.bin'))).toBe(true);
    expect(vault.save(null)).toBe(true);
    expect(existsSync(join(dir, 'team-session.bin'))).toBe(false);
    expect(vault.load()).toBeNull();
  });
});
