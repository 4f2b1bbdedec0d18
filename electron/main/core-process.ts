import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';

export type CoreProcessOptions = {
  entry: string;
  env: Record<string, string>;
  log: (message: string) => void;
};

export type CoreSupervisor = {
  /** Gives a renderer a fresh MessagePort to core. */
  connect(contents: WebContents): void;
  stop(): void;
};

/** Forks core as a utilityProcess, restarts it with backoff after a crash, brokers ports to renderers. */
export function superviseCore({ entry, env, log }: CoreProcessOptions): CoreSupervisor {
  let child: UtilityProcess | null = null;
  let stopping = false;
  let failures = 0;
  const waiting = new Set<WebContents>();

  const start = () => {
    child = utilityProcess.fork(entry, [], { serviceName: 'Comptoir core', env: { ...process.env, ...env }, stdio: 'inherit' });
    const startedAt = Date.now();
    child.once('spawn', () => {
      for (const contents of waiting) connect(contents);
      waiting.clear();
    });
    child.once('exit', (code) => {
      child = null;
      if (stopping) return;
      failures = Date.now() - startedAt > 60_000 ? 1 : failures + 1;
      const delay = Math.min(30_000, 500 * 2 ** (failures - 1));
      log(`core exited with code ${code}; restarting in ${delay} ms`);
      setTimeout(start, delay);
    });
  };

  const connect = (contents: WebContents) => {
    if (!child || !child.pid) {
      waiting.add(contents);
      return;
    }
    const { port1, port2 } = new MessageChannelMain();
    child.postMessage({ type: 'connect' }, [port1]);
    contents.postMessage('comptoir:core-port', null, [port2]);
  };

  start();
  return {
    connect,
    stop: () => {
      stopping = true;
      child?.kill();
    },
  };
}
