// The Electron build of better-sqlite3's addon lives in build/electron-native/, apart from the
// Node build in node_modules (DESIGN.md §6): switching between npm start and npm test never breaks
// either. It is compiled from a copy of the package, against Electron's headers (needs network).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export function ensureElectronNative(root) {
  const electronVersion = require('electron/package.json').version;
  const sqliteVersion = require('better-sqlite3/package.json').version;
  const outDir = join(root, 'build', 'electron-native');
  const stampFile = join(outDir, 'versions.json');
  const wanted = JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion });
  if (existsSync(join(outDir, 'better_sqlite3.node')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted) return { ok: true };
  const work = join(root, 'build', 'electron-native-src');
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  const gyp = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node-gyp.cmd' : 'node-gyp');
  const gypCmd = existsSync(gyp) ? gyp : 'node-gyp';
  const r = spawnSync(
    gypCmd,
    ['rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    {
      cwd: work,
      stdio: 'ignore',
      timeout: 600_000,
      shell: process.platform === 'win32',
    },
  );
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (r.status !== 0 || !existsSync(built)) return { ok: false, error: 'the Electron build of better-sqlite3 could not be compiled' };
  mkdirSync(outDir, { recursive: true });
  cpSync(built, join(outDir, 'better_sqlite3.node'));
  writeFileSync(stampFile, wanted);
  rmSync(work, { recursive: true, force: true });
  return { ok: true };
}
