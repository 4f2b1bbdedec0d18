import type { AppUpdater, ProgressInfo } from 'electron-updater';
import type { UpdateStatus } from '../shared/contract/control';

/**
 * Updates (DESIGN.md §10, issue 15): electron-updater against the company's server (generic) or
 * GitHub. Checked after the first paint and every 6 hours; downloaded with its progress shown in
 * the app; its sha512 checked by electron-updater (and, on Windows and macOS, its signature); a
 * download refused (a tampered or cut file) is tried once more, then reported. Installed when the
 * app quits, or at once on demand. Staged rollouts (`stagingPercentage` in latest.yml) are
 * honoured by electron-updater with a per-install id.
 */
export const CHECK_EVERY_MS = 6 * 3_600_000;

export type { UpdateStatus };
type FailReason = Extract<UpdateStatus, { state: 'failed' }>['reason'];

/** The feed a company sets (its own server, or a GitHub repository); none: the one built into the app (app-update.yml). */
export type UpdateFeed = { provider: 'generic'; url: string; channel?: string } | { provider: 'github'; owner: string; repo: string };

/** `COMPTOIR_UPDATE_URL` (an https server, or http on loopback) or `COMPTOIR_UPDATE_GITHUB` (owner/repo). */
export function feedFrom(env: Record<string, string | undefined>): UpdateFeed | null {
  const url = env.COMPTOIR_UPDATE_URL?.trim();
  if (url) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new Error(`COMPTOIR_UPDATE_URL is not an address: ${url.slice(0, 100)}`);
    }
    const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost';
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback))
      throw new Error('COMPTOIR_UPDATE_URL must be https (http only on loopback)');
    return { provider: 'generic', url: u.toString() };
  }
  const gh = env.COMPTOIR_UPDATE_GITHUB?.trim();
  if (gh) {
    const m = /^([\w.-]+)\/([\w.-]+)$/.exec(gh);
    if (!m) throw new Error(`COMPTOIR_UPDATE_GITHUB must read owner/repo: ${gh.slice(0, 100)}`);
    return { provider: 'github', owner: m[1]!, repo: m[2]! };
  }
  return null;
}

/** What went wrong, in the words the app shows (the message stays in the log). */
export function failReason(err: unknown): FailReason {
  const e = (err ?? {}) as { code?: unknown; message?: unknown };
  const text = `${typeof e.code === 'string' ? e.code : ''} ${typeof e.message === 'string' ? e.message : String(err)}`;
  if (/checksum mismatch|ERR_CHECKSUM_MISMATCH|sha512/i.test(text)) return 'checksum';
  if (/signature|not signed|ERR_UPDATER_INVALID_SIGNATURE/i.test(text)) return 'signature';
  if (/ECONN|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|net::|socket hang up|aborted|premature|ERR_STREAM_PREMATURE_CLOSE/i.test(text)) return 'network';
  return 'other';
}

export type UpdatesOptions = {
  onStatus: (status: UpdateStatus) => void;
  log: (message: string) => void;
  feed?: UpdateFeed | null;
  /** repeats `run` every `ms` (a test passes its own); returns the stop */
  every?: (ms: number, run: () => void) => () => void;
};

const repeat = (ms: number, run: () => void) => {
  const timer = setInterval(run, ms);
  timer.unref?.();
  return () => clearInterval(timer);
};

export function superviseUpdates(updater: AppUpdater, o: UpdatesOptions) {
  let status: UpdateStatus = { state: 'idle' };
  const say = (s: UpdateStatus) => {
    status = s;
    o.onStatus(s);
  };
  if (o.feed) updater.setFeedURL(o.feed);
  // downloaded by us, so a refused file is tried once more before it is reported
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = true;
  updater.logger = { info: (m) => o.log(String(m)), warn: (m) => o.log(String(m)), error: (m) => o.log(String(m)), debug: () => undefined };
  let version = '';
  updater.on('download-progress', (p: ProgressInfo) =>
    say({ state: 'downloading', version, percent: Math.floor(p.percent), transferred: p.transferred, total: p.total }),
  );

  let running: Promise<UpdateStatus> | null = null;
  const download = async (): Promise<UpdateStatus> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await updater.downloadUpdate();
        return { state: 'ready', version };
      } catch (err) {
        const reason = failReason(err);
        o.log(`update ${version}: download ${attempt} refused (${reason}): ${String((err as Error)?.message ?? err)}`);
        if (attempt >= 2) return { state: 'failed', reason, message: String((err as Error)?.message ?? err).slice(0, 300) };
      }
    }
  };
  const check = (): Promise<UpdateStatus> => {
    // one at a time; a downloaded update waits for the quit (or « Installer et redémarrer »)
    if (running) return running;
    if (status.state === 'ready') return Promise.resolve(status);
    running = (async () => {
      say({ state: 'checking' });
      try {
        const found = await updater.checkForUpdates();
        if (!found?.isUpdateAvailable) return { state: 'none' } as const;
        version = found.updateInfo.version;
        say({ state: 'downloading', version, percent: 0, transferred: 0, total: 0 });
        return await download();
      } catch (err) {
        o.log(`update check failed: ${String((err as Error)?.message ?? err)}`);
        return { state: 'failed', reason: failReason(err), message: String((err as Error)?.message ?? err).slice(0, 300) } as const;
      }
    })().then((s) => {
      running = null;
      say(s);
      return s;
    });
    return running;
  };

  let stop: () => void = () => undefined;
  return {
    status: () => status,
    /** the window has painted: the first check, then one every 6 hours */
    afterFirstPaint: () => {
      stop();
      stop = (o.every ?? repeat)(CHECK_EVERY_MS, () => void check());
      return check();
    },
    checkNow: check,
    /** « Installer et redémarrer »: only once an update is downloaded and verified */
    installNow: () => {
      if (status.state !== 'ready') return false;
      updater.quitAndInstall(false, true);
      return true;
    },
    stop: () => stop(),
  };
}
