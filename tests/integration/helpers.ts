import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRunner } from '../../electron/connector/runner';
import { startTeamRunner } from '../../electron/connector/team-runner';
import { startCore, type Core } from '../../electron/core/core';
import { connect, portPair } from '../../electron/shared/rpc';
import { testClock } from '../clock';

/** The instant every integration suite starts at (COMPTOIR_TEST_NOW for the chosen-days runs, see tests/clock.ts). */
export const NOW = testClock().now();
export const TODAY = NOW.slice(0, 10);

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

/** The connector as the app runs it, in-process over a port pair: core serves it the connector's methods only on that port. */
export function inProcessConnector(core: Core, o: { maxWaitMs?: number; retryMs?: number; now?: () => string; pullEveryMs?: number } = {}) {
  const [corePort, connectorPort] = portPair();
  core.serveConnector(corePort);
  const client = connect(connectorPort);
  const runner = startRunner({
    call: (m, i) => client.call(m, i),
    maxWaitMs: o.maxWaitMs ?? 200,
    retryMs: o.retryMs ?? 60_000,
    now: o.now ?? (() => NOW),
  });
  runner.done.catch(() => undefined);
  const team = startTeamRunner({
    call: (m, i) => client.call(m, i),
    maxWaitMs: o.maxWaitMs ?? 200,
    retryMs: 100,
    pullEveryMs: o.pullEveryMs ?? 60_000,
  });
  team.done.catch(() => undefined);
  return {
    team,
    kill: () => {
      runner.stop();
      team.stop();
      connectorPort.close();
    },
  };
}

/** Polls until `check` holds (10 s by default). */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
