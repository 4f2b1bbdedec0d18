import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type ClientRequest, type RequestOptions, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { DebUpdater, type AppUpdater } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHECK_EVERY_MS, failReason, feedFrom, superviseUpdates, type UpdateStatus } from './updater';

// electron-updater reaches for Electron only lazily (its app adapter, its net module): the test gives it both
vi.mock('electron', () => ({}));

/**
 * electron-updater's own code (the generic provider, latest-linux.yml, the staged rollout, the
 * download and its sha512 check), against a real HTTP server on loopback. What Electron gives it
 * in the app — its app object and its `net` requests — are given here by Node: an app adapter and
 * Node's http, with the same download path as electron-updater's ElectronHttpExecutor.
 */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void): ClientRequest {
    return request(options, callback);
  }
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers || undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, callback: (error) => (error ? reject(error) : resolve(destination)), responseHandler: null },
        0,
      );
    });
  }
}

const PACKAGE = 'Comptoir_0.2.0_amd64.deb';
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');

type Serve = { yml: string; file: (attempt: number) => { body: Buffer; cut?: boolean } };
let server: Server;
let base = '';
let dir = '';
let serve: Serve;
let fileRequests = 0;

function latestYml(o: { sha: string; size: number; staging?: number }) {
  return [
    'version: 0.2.0',
    'files:',
    `  - url: ${PACKAGE}`,
    `    sha512: ${o.sha}`,
    `    size: ${o.size}`,
    `path: ${PACKAGE}`,
    `sha512: ${o.sha}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    ...(o.staging !== undefined ? [`stagingPercentage: ${o.staging}`] : []),
    '',
  ].join('\n');
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'comptoir-updater-'));
  fileRequests = 0;
  server = createServer((req, res) => {
    if (req.url?.startsWith('/latest-linux.yml')) return void res.writeHead(200, { 'Content-Type': 'text/yaml' }).end(serve.yml);
    if (req.url?.startsWith(`/${PACKAGE}`)) {
      const { body, cut } = serve.file(++fileRequests);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length) });
      // a download cut half-way: the connection closes before the last byte
      if (cut) return void res.write(body.subarray(0, body.length >> 1), () => res.destroy());
      return void res.end(body);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

/** The updater as the installed app 0.1.0 runs it (packaged), on this folder. */
function updater(): AppUpdater {
  const app = {
    version: '0.1.0',
    name: 'Comptoir',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: vi.fn(),
    quit: vi.fn(),
    onQuit: vi.fn(),
  };
  // what electron-builder writes beside app.asar from the `publish` of electron-builder.yml
  writeFileSync(app.appUpdateConfigPath, `provider: generic\nurl: ${base}\nupdaterCacheDirName: comptoir-updater\n`);
  const u = new DebUpdater(null, app);
  (u as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  return u;
}

function supervise(u = updater()) {
  const statuses: UpdateStatus[] = [];
  const log: string[] = [];
  const repeats: [number, () => void][] = [];
  const updates = superviseUpdates(u, {
    feed: { provider: 'generic', url: base },
    onStatus: (s) => statuses.push(s),
    log: (m) => log.push(m),
    every: (ms, run) => (repeats.push([ms, run]), () => undefined),
  });
  return { u, updates, statuses, log, repeats };
}
const pending = () => (existsSync(join(dir, 'cache')) ? readdirSync(join(dir, 'cache'), { recursive: true }).map(String) : []);

describe('updates against an update server on loopback', () => {
  const good = Buffer.from('Comptoir 0.2.0 — a package of the new version\n'.repeat(5_000));
  const tampered = Buffer.from(good);
  tampered[1_000] = tampered[1_000]! ^ 0xff;

  it('downloads a new version whose sha512 matches, with its progress, and has it ready to install', async () => {
    serve = { yml: latestYml({ sha: sha512(good), size: good.length }), file: () => ({ body: good }) };
    const { updates, statuses, repeats } = supervise();
    const done = await updates.afterFirstPaint();
    expect(done).toEqual({ state: 'ready', version: '0.2.0' });
    expect(statuses[0]).toEqual({ state: 'checking' });
    expect(statuses.some((s) => s.state === 'downloading' && s.version === '0.2.0')).toBe(true);
    // checked again every 6 hours
    expect(repeats.map(([ms]) => ms)).toEqual([CHECK_EVERY_MS]);
    expect(fileRequests).toBe(1);
    const downloaded = pending().find((f) => f.endsWith(PACKAGE));
    expect(downloaded).toBeDefined();
    expect(readFileSync(join(dir, 'cache', downloaded!)).equals(good)).toBe(true);
  });

  it('refuses a file whose sha512 does not match, tries once more, then reports it — nothing is installed', async () => {
    serve = { yml: latestYml({ sha: sha512(good), size: good.length }), file: () => ({ body: tampered }) };
    const { u, updates, log } = supervise();
    const install = vi.spyOn(u, 'quitAndInstall').mockImplementation(() => undefined);
    const done = await updates.checkNow();
    expect(done).toMatchObject({ state: 'failed', reason: 'checksum' });
    expect(fileRequests).toBe(2);
    expect(log.filter((l) => /download \d refused \(checksum\)/.test(l))).toHaveLength(2);
    expect(updates.installNow()).toBe(false);
    expect(install).not.toHaveBeenCalled();
    expect(pending().filter((f) => f.endsWith(PACKAGE))).toEqual([]);
  });

  it('refuses a download cut half-way and takes the whole file at the second try', async () => {
    serve = { yml: latestYml({ sha: sha512(good), size: good.length }), file: (n) => ({ body: good, cut: n === 1 }) };
    const { updates, log } = supervise();
    expect(await updates.checkNow()).toEqual({ state: 'ready', version: '0.2.0' });
    expect(fileRequests).toBe(2);
    expect(log.some((l) => /download 1 refused/.test(l))).toBe(true);
  });

  it('honours a staged rollout: at 0 % this install is not offered the version', async () => {
    serve = { yml: latestYml({ sha: sha512(good), size: good.length, staging: 0 }), file: () => ({ body: good }) };
    const { updates } = supervise();
    expect(await updates.checkNow()).toEqual({ state: 'none' });
    expect(fileRequests).toBe(0);
  });

  it('installs on demand once ready (and on quit by default)', async () => {
    serve = { yml: latestYml({ sha: sha512(good), size: good.length }), file: () => ({ body: good }) };
    const { u, updates } = supervise();
    const install = vi.spyOn(u, 'quitAndInstall').mockImplementation(() => undefined);
    expect(updates.installNow()).toBe(false);
    await updates.checkNow();
    expect(u.autoInstallOnAppQuit).toBe(true);
    expect(updates.installNow()).toBe(true);
    expect(install).toHaveBeenCalledWith(false, true);
  });

  it('says the server is unreachable without retrying forever', async () => {
    serve = { yml: '', file: () => ({ body: good }) };
    const u = updater();
    const statuses: UpdateStatus[] = [];
    const s = superviseUpdates(u, {
      feed: { provider: 'generic', url: 'http://127.0.0.1:9/' },
      onStatus: (x) => statuses.push(x),
      log: () => undefined,
    });
    expect(await s.checkNow()).toMatchObject({ state: 'failed', reason: 'network' });
    s.stop();
  });
});

describe('the update feed and its errors', () => {
  it('reads the company server or a GitHub repository from the environment, and refuses anything else', () => {
    expect(feedFrom({})).toBeNull();
    expect(feedFrom({ COMPTOIR_UPDATE_URL: 'https://updates.example.com/comptoir/' })).toEqual({
      provider: 'generic',
      url: 'https://updates.example.com/comptoir/',
    });
    expect(feedFrom({ COMPTOIR_UPDATE_GITHUB: 'negoce/comptoir' })).toEqual({ provider: 'github', owner: 'negoce', repo: 'comptoir' });
    expect(() => feedFrom({ COMPTOIR_UPDATE_URL: 'http://updates.example.com/' })).toThrow(/must be https/);
    expect(() => feedFrom({ COMPTOIR_UPDATE_URL: 'not a url' })).toThrow(/not an address/);
    expect(() => feedFrom({ COMPTOIR_UPDATE_GITHUB: 'just-a-name' })).toThrow(/owner\/repo/);
  });

  it('names what went wrong', () => {
    expect(failReason(Object.assign(new Error('sha512 checksum mismatch, expected a, got b'), { code: 'ERR_CHECKSUM_MISMATCH' }))).toBe('checksum');
    expect(failReason(new Error('New version 0.2.0 is not signed by the application owner: publisherNames: Comptoir'))).toBe('signature');
    expect(failReason(new Error('connect ECONNREFUSED 127.0.0.1:9'))).toBe('network');
    expect(failReason(new Error('something else'))).toBe('other');
  });
});
