import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import { restartDelayMs } from '../shared/domain/backoff';

/**
 * Forks the ERP connector as a utilityProcess and hands it a port to core (`link` gives core the
 * other end); restarts it with backoff when it dies — which it does when core restarts and its port
 * closes. Main never sees what goes through the port.
 */
export function superviseConnector(o: {
  entry: string;
  link: (port: MessagePortMain) => void;
  log: (m: string) => void;
  /** where its output goes (the log file); none: main's own stdout and stderr */
  output?: (child: UtilityProcess) => void;
}) {
  let child: UtilityProcess | null = null;
  let stopping = false;
  let failures = 0;

  const start = () => {
    const startedAt = Date.now();
    const c = utilityProcess.fork(o.entry, [], { serviceName: 'Comptoir connector', stdio: o.output ? 'pipe' : 'inherit' });
    child = c;
    o.output?.(c);
    c.once('spawn', () => {
      const { port1, port2 } = new MessageChannelMain();
      o.link(port1);
      c.postMessage({ type: 'core' }, [port2]);
    });
    c.once('exit', (code) => {
      child = null;
      if (stopping) return;
      const next = restartDelayMs(failures, Date.now() - startedAt);
      failures = next.failures;
      o.log(`connector exited with code ${code}; restarting in ${next.delay} ms`);
      setTimeout(start, next.delay);
    });
  };

  start();
  return {
    stop: () => {
      stopping = true;
      child?.kill();
    },
  };
}
