import { restartDelayMs } from '../shared/domain/backoff';
import { coreToMain, RESTART_EXIT_CODE, secretName, type CoreToMain, type MainToCore, type SecretName } from '../shared/contract/control';
import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess, type WebContents } from 'electron';

export type CoreProcessOptions = {
  entry: string;
  env: Record<string, string>;
  log: (message: string) => void;
  /** the secrets kept encrypted by main (the ERP's, the team session), handed to core at each start */
  secret?: (name: SecretName) => string | null;
  /** core asks main to keep a new one (null: forget it) */
  storeSecret?: (name: SecretName, secret: string | null) => void;
  /** core says an activity fell due, raises a notice for the person, or counts the overdue activities (main shows them) */
  onNotice?: (m: Exclude<CoreToMain, { type: 'store-secret' }>) => void;
  /** core has gone (it restarts): the windows say « reconnexion… » and ask for a new port */
  onDown?: () => void;
  /** where its output goes (the log file); none: main's own stdout and stderr */
  output?: (child: UtilityProcess) => void;
};

export type CoreSupervisor = {
  /** Gives a renderer a fresh MessagePort to core. */
  connect(contents: WebContents): void;
  /** Gives core its end of the connector's port. */
  connectConnector(port: MessagePortMain): void;
  stop(): void;
};

/** Forks core as a utilityProcess, restarts it with backoff after a crash, brokers ports to renderers. */
export function superviseCore({ entry, env, log, secret, storeSecret, onNotice, onDown, output }: CoreProcessOptions): CoreSupervisor {
  let child: UtilityProcess | null = null;
  const tell = (m: MainToCore, ports?: MessagePortMain[]) => child?.postMessage(m, ports);
  let stopping = false;
  let failures = 0;
  const waiting = new Set<WebContents>();

  const start = () => {
    child = utilityProcess.fork(entry, [], { serviceName: 'Comptoir core', env: { ...process.env, ...env }, stdio: output ? 'pipe' : 'inherit' });
    output?.(child);
    const startedAt = Date.now();
    child.on('message', (raw: unknown) => {
      const m = coreToMain.safeParse(raw);
      if (!m.success) return log('ignored a message from core that is not a control message');
      if (m.data.type === 'store-secret') storeSecret?.(m.data.name, m.data.secret);
      else onNotice?.(m.data);
    });
    child.once('spawn', () => {
      for (const name of secretName.options) {
        const known = secret?.(name);
        if (known) tell({ type: 'secret', name, secret: known });
      }
      for (const contents of waiting) connect(contents);
      waiting.clear();
    });
    child.once('exit', (code) => {
      child = null;
      if (stopping) return;
      onDown?.();
      // asked for (a restore was staged): at once, not counted as a crash
      if (code === RESTART_EXIT_CODE) {
        log('core restarts on its file');
        return void setTimeout(start, 0);
      }
      const next = restartDelayMs(failures, Date.now() - startedAt);
      failures = next.failures;
      const delay = next.delay;
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
    tell({ type: 'connect' }, [port1]);
    contents.postMessage('comptoir:core-port', null, [port2]);
  };

  start();
  return {
    connect,
    connectConnector: (port) => {
      // a connector whose core is not up yet closes its port; its supervisor starts it again
      if (child?.pid) tell({ type: 'connector' }, [port]);
      else port.close();
    },
    stop: () => {
      stopping = true;
      child?.kill();
    },
  };
}
