import { safeStorage } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The ERP password or API key at rest (DESIGN.md §10): encrypted with Electron safeStorage
 * (Keychain, DPAPI, libsecret) in a file of the user-data folder; main only stores and loads it,
 * core hands it to the connector. Where the OS offers no encryption it is not written at all.
 */
export function secretVault(file: string, log: (m: string) => void) {
  return {
    canStore: () => safeStorage.isEncryptionAvailable(),
    load(): string | null {
      if (!existsSync(file) || !safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(readFileSync(file));
      } catch {
        log('the stored ERP secret could not be decrypted (another user or machine?): type it again');
        return null;
      }
    },
    save(secret: string): boolean {
      if (!safeStorage.isEncryptionAvailable()) {
        log('no OS encryption available: the ERP secret is kept for this session only');
        return false;
      }
      writeFileSync(file, safeStorage.encryptString(secret), { mode: 0o600 });
      return true;
    },
  };
}
