import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core } from '../../electron/core/core';

export const TODAY = '2026-11-30';
export const NOW = '2026-11-30T10:00:00.000Z';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A core on a fresh SQLite file with the small demo company, at a fixed date. */
export function smallCore(): { core: Core; dbPath: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'comptoir.sqlite');
  const core = startCore({ dbPath, demo: 'small', validateOutput: true, now: () => NOW });
  return {
    core,
    dbPath,
    cleanup: () => {
      core.close();
      cleanup();
    },
  };
}
