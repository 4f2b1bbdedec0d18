import { safeStorage } from 'electron';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * A secret at rest (DESIGN.md §10) — the ERP password or API key, the desk's session with its
 * team: encrypted with Electron safeStorage (Keychain, DPAPI, libsecret) in a file of the user-data
 * folder; main only stores and loads it, core uses it. Where the OS offers no encryption it is not
 * written at all.
 */
export function secretVault(file: string, log: (m: string) => void, what = 'ERP secret') {
  return {
    canStore: () => safeStorage.isEncryptionAvailable(),
    load(): string | null {
      if (!existsSync(file) || !safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(readFileSync(file));
      } catch {
        log(`the stored ${what} could not be decrypted (another user or machine?): type it again`);
        return null;
      }
    },
    /** null forgets it (a logout) */
    save(secret: string | null): boolean {
      if (secret === null) {
        if (existsSync(file)) rmSync(file);
        return true;
      }
      if (!safeStorage.isEncryptionAvailable()) {
        log(`no OS encryption available: the ${what} is kept for this session only`);
        return false;
      }
      writeFileSync(file, safeStorage.encryptString(secret), { mode: 0o600 });
      return true;
    },
  };
}
