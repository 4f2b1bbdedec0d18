/**
 * Packaging check (npm run test:package): builds the app, packs it with `electron-builder --dir`
 * around a stand-in Electron distribution (a real one cannot be downloaded here; `npmRebuild:
 * false` as in electron-builder.yml), then checks what a user's machine would get: app.asar holds
 * the renderer (index.html and every asset it names), main, preload; the migrations ship beside
 * it; better-sqlite3's native addon is unpacked; the fuses of electron-builder.yml are burnt in.
 * Prints what it found; exits 1 on the first thing missing.
 */
import { listPackage } from '@electron/asar';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; devDependencies: Record<string, string> };

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's own fuse wire, before electron-builder changes it: RunAsNode on, cookie encryption off, … */
const ELECTRON_DEFAULT_WIRE = '10110001';

/** An Electron distribution with nothing but what electron-builder handles: the binary (with its fuse wire), locales, licence, version. */
function standInElectron(dir: string) {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron"\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, 8]),
    Buffer.from(ELECTRON_DEFAULT_WIRE),
  ]);
  writeFileSync(join(dir, 'electron'), binary, { mode: 0o755 });
  writeFileSync(join(dir, 'locales', 'fr.pak'), '');
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(join(dir, 'version'), pkg.devDependencies.electron!);
}

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

function fail(message: string): never {
  process.stderr.write(`package check: ${message}\n`);
  process.exit(1);
}

const found: string[] = [];
const expectThat = (ok: boolean, what: string) => {
  if (!ok) fail(`missing: ${what}`);
  found.push(what);
};

const readPackage = (name: string) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };

/** The installers of each platform, and no secret in the file (signing comes from the environment). */
function checkTargets(yml: string) {
  const block = (name: string) => new RegExp(`^${name}:\\n((?:[ ]+.*\\n)+)`, 'm').exec(yml)?.[1] ?? '';
  expectThat(/target: nsis/.test(block('win')), 'win: NSIS installer');
  expectThat(/- dmg/.test(block('mac')) && /- zip/.test(block('mac')), 'mac: dmg, and the zip electron-updater downloads');
  expectThat(/- AppImage/.test(block('linux')) && /- deb/.test(block('linux')), 'linux: AppImage and deb');
  expectThat(/publisherName: \S+/.test(block('win')), 'win: the publisher electron-updater checks the signature against');
  expectThat(/provider: generic/.test(block('publish')) && /provider: github/.test(block('publish')), 'publish: a generic server, and GitHub');
  const secrets = yml
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#') && /(password|certificateFile|cscLink|cscKeyPassword|apple_?id)\s*:/i.test(l));
  expectThat(secrets.length === 0, 'electron-builder.yml: no certificate or password (they come from the environment)');
}

/** The unpacked app as a user's disk holds it, two levels deep, with sizes. */
function layout(dir: string, depth = 0, prefix = '  '): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return [`${prefix}${e.name}/`, ...(depth < 1 || e.name === 'resources' ? layout(p, depth + 1, `${prefix}  `) : [])];
      return [`${prefix}${e.name}  ${(statSync(p).size / 1024).toFixed(0)} KiB`];
    });
}

const work = mkdtempSync(join(tmpdir(), 'comptoir-package-'));
try {
  run(bin('electron-vite'), ['build', '--logLevel', 'warn']);
  standInElectron(join(work, 'electron-dist'));
  const out = join(work, 'dist');
  run(bin('electron-builder'), [
    '--dir',
    '--linux',
    `-c.electronDist=${join(work, 'electron-dist')}`,
    `-c.electronVersion=${pkg.devDependencies.electron}`,
    `-c.directories.output=${out}`,
    '-c.npmRebuild=false',
  ]);
  const app = join(out, 'linux-unpacked');
  const resources = join(app, 'resources');
  const files = new Set(listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/')));

  expectThat(files.has('/out/renderer/index.html'), 'app.asar: out/renderer/index.html');
  const html = readFileSync(join(root, 'out/renderer/index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  expectThat(assets.length > 0, `index.html names its assets (${assets.length})`);
  for (const a of new Set([...assets, ...readdirSync(join(root, 'out/renderer/assets')).map((f) => `assets/${f}`)]))
    expectThat(files.has(`/out/renderer/${a}`), `app.asar: out/renderer/${a}`);
  for (const f of ['index.js', 'core.js', 'connector.js']) expectThat(files.has(`/out/main/${f}`), `app.asar: out/main/${f}`);
  expectThat(files.has('/out/preload/index.cjs'), 'app.asar: out/preload/index.cjs');
  expectThat(files.has('/package.json'), 'app.asar: package.json');

  const migrations = readdirSync(join(root, 'db/migrations')).filter((f) => f.endsWith('.sql'));
  for (const m of migrations) expectThat(existsSync(join(resources, 'db/migrations', m)), `resources: db/migrations/${m}`);
  expectThat(existsSync(join(resources, 'db/migrations/meta/_journal.json')), 'resources: db/migrations/meta/_journal.json');

  const addon = 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  expectThat(existsSync(join(resources, addon)), `unpacked: ${addon}`);

  const wire = await getCurrentFuseWire(join(app, pkg.name));
  // the wire holds the characters '1' (on) and '0' (off)
  const state = (o: FuseV1Options) => {
    const c = Number(wire[o]);
    return c === 0x31 ? true : c === 0x30 ? false : null;
  };
  const wanted: [FuseV1Options, boolean, string][] = [
    [FuseV1Options.RunAsNode, false, 'runAsNode'],
    [FuseV1Options.EnableCookieEncryption, true, 'enableCookieEncryption'],
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable, false, 'enableNodeOptionsEnvironmentVariable'],
    [FuseV1Options.EnableNodeCliInspectArguments, false, 'enableNodeCliInspectArguments'],
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true, 'enableEmbeddedAsarIntegrityValidation'],
    [FuseV1Options.OnlyLoadAppFromAsar, true, 'onlyLoadAppFromAsar'],
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot, false, 'loadBrowserProcessSpecificV8Snapshot'],
    [FuseV1Options.GrantFileProtocolExtraPrivileges, false, 'grantFileProtocolExtraPrivileges'],
  ];
  const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  for (const [fuse, on, name] of wanted) {
    expectThat(new RegExp(`^\\s+${name}: ${on}$`, 'm').test(yml), `electron-builder.yml: ${name}: ${on}`);
    expectThat(state(fuse) === on, `fuse ${name} ${on ? 'on' : 'off'} in the packaged binary`);
  }

  // what main loads at run time beyond its own bundle: the updater, the log files, the tray's icon, the diagnostic's zip
  for (const dep of ['electron-updater', 'pino', 'pino-roll', 'fflate'])
    expectThat(files.has(`/node_modules/${dep}/package.json`), `app.asar: node_modules/${dep} (${readPackage(dep).version})`);
  expectThat(existsSync(join(resources, 'icon.png')), 'resources: icon.png (the tray)');
  const icon = readFileSync(join(root, 'resources', 'icon.png'));
  const side = icon.readUInt32BE(16);
  expectThat(
    icon.subarray(1, 4).toString() === 'PNG' && side >= 512 && icon.readUInt32BE(20) === side,
    `resources/icon.png: ${side} × ${side} (≥ 512 for .icns and .ico)`,
  );
  const update = readFileSync(join(resources, 'app-update.yml'), 'utf8');
  expectThat(
    /^provider: generic$/m.test(update) && /^url: https:\/\//m.test(update),
    'resources: app-update.yml (the generic update server, over https)',
  );
  expectThat(/^updaterCacheDirName: /m.test(update), 'app-update.yml: updaterCacheDirName');
  checkTargets(yml);

  process.stdout.write(`package check: ${files.size} entries in app.asar; found:\n${found.map((f) => `  ✓ ${f}`).join('\n')}\n`);
  process.stdout.write(`layout of ${app.slice(work.length + 1)}:\n${layout(app).join('\n')}\n`);
  process.stdout.write(
    'installers (NSIS, dmg + zip, AppImage + deb) are built on the release machine: their tools are downloaded, and signing needs its certificates (docs/release.md)\n',
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
