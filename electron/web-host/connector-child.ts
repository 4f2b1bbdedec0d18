import { fork, type ChildProcess } from 'node:child_process';
import type { Core } from '../core/core';
import type { Logger } from '../shared/log';
import { restartDelayMs } from '../shared/domain/backoff';
import { fromChannel, type ChannelLike } from '../shared/rpc';

/**
 * The web host's connector (DESIGN.md §4): a Node child process speaking the contract to the
 * in-process core over its IPC channel, restarted with backoff when it dies. Core keeps serving
 * the app whether it runs or not.
 */
export function superviseConnector(o: { core: Core; entry: string; log: Logger; env?: NodeJS.ProcessEnv }) {
  let child: ChildProcess | null = null;
  let stopping = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const start = () => {
    timer = null;
    const startedAt = Date.now();
    const c = fork(o.entry, [], { env: o.env ?? process.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    child = c;
    const port = fromChannel(c as unknown as ChannelLike, 'exit');
    const stopServing = o.core.serveConnector(port);
    c.once('exit', (code, signal) => {
      stopServing();
      child = null;
      if (stopping) return;
      const next = restartDelayMs(failures, Date.now() - startedAt);
      failures = next.failures;
      o.log.warn('connector exited; restarting', { code, signal, inMs: next.delay });
      timer = setTimeout(start, next.delay);
    });
  };

  start();
  return {
    pid: () => child?.pid ?? null,
    stop: () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      child?.kill();
    },
  };
}
