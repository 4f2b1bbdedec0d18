// npm start: builds and starts the Electron app; where Electron cannot start here, says so in one
// line and serves the same app through the web host on the default demo company instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './electron-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function electronBinary() {
  const pkg = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    // the binary is fetched on first start (npm ci skips electron's download script)
    const r = spawnSync(process.execPath, [join(pkg, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
    if (r.status !== 0 || !existsSync(pathFile)) return { error: 'the Electron binary could not be downloaded' };
  }
  const exe = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(exe)) return { error: `the Electron binary is missing (${exe})` };
  const probe = spawnSync(exe, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  if (probe.status !== 0)
    return { error: `the Electron binary does not run here (${(probe.stderr || probe.error?.message || '').trim().split('\n')[0]})` };
  return { exe };
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

const build = spawnSync(bin('electron-vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = electronBinary();
const native = electron.exe ? ensureElectronNative(root) : null;
if (electron.exe && native?.ok) {
  run(electron.exe, ['.']);
} else {
  const reason = electron.error ?? native?.error;
  process.stdout.write(`Electron cannot start on this machine (${reason}): serving the same app through the web host instead.\n`);
  run(bin('tsx'), ['electron/web-host/main.ts', ...process.argv.slice(2)]);
}
