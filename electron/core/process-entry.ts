import { fromMainPort, type MainPortLike } from '../shared/rpc';
import { startCore } from './core';
import { mainToCore, RESTART_EXIT_CODE, type CoreToMain } from '../shared/contract/control';
import { createLogger, levelFrom } from '../shared/log';
import { alertIsFor } from '../shared/domain/authority';
import type { EventPayload } from '../shared/contract';

/**
 * Core as its own process: an Electron utilityProcess. Main sends `{type: 'connect'}` with a
 * MessagePort for each renderer, `{type: 'connector'}` with the connector's; core serves the contract on it.
 */
type ParentPort = { on(event: 'message', listener: (e: { data: unknown; ports: MainPortLike[] }) => void): void; postMessage(m: unknown): void };

const log = createLogger('core', (l) => process.stderr.write(`${l}\n`), levelFrom(process.env.COMPTOIR_LOG_LEVEL));
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  log.error('core must run as a utility process');
  process.exit(1);
}

const dbPath = process.env.COMPTOIR_DB_PATH;
if (!dbPath) {
  log.error('COMPTOIR_DB_PATH is not set');
  process.exit(1);
}

const core = startCore({
  dbPath,
  migrationsFolder: process.env.COMPTOIR_MIGRATIONS,
  nativeBinding: process.env.COMPTOIR_NATIVE_BINDING,
  demo: 'default',
  log,
  owner: 'desktop app',
  logsDir: process.env.COMPTOIR_LOGS_DIR,
  // main keeps the ERP secret encrypted (safeStorage); core only holds it in memory for the connector
  secrets: {
    canStore: process.env.COMPTOIR_CAN_STORE_SECRET === '1',
    persist: (secret) => tell({ type: 'store-secret', name: 'erp', secret }),
    env: process.env,
  },
  // the session with the team's hub, kept encrypted by main like the ERP secret
  teamToken: { persist: (token) => tell({ type: 'store-secret', name: 'team', secret: token }) },
  // main starts core again at once on this exit code
  restart: () => {
    core.close();
    process.exit(RESTART_EXIT_CODE);
  },
});

// a reminder due: main shows it as an OS notification
core.bus.source((event, payload) => {
  if (event !== 'activity.due') return;
  const d = payload as EventPayload<'activity.due'>;
  tell({ type: 'reminder', title: d.title, body: [d.reference, d.customerName].filter(Boolean).join(' · '), opportunityId: d.opportunityId });
});

// a notice for this desk's person (an approval to decide, a decision on theirs): an OS notification too
core.bus.source((event, payload) => {
  if (event !== 'alert.raised') return;
  const a = payload as EventPayload<'alert.raised'>;
  void Promise.resolve(core.handlers['settings.get']({})).then((desk) => {
    if (alertIsFor(a, desk)) tell({ type: 'alert', body: a.message.slice(0, 500), opportunityId: a.opportunityId ?? null });
  });
});

// (main's own reads go to the handlers: they are not a person using the app, which keeps core from its idle work)
// the person's overdue activities for the tray: after every change to them, and each minute (time makes them overdue)
let counting: ReturnType<typeof setTimeout> | null = null;
const countOverdue = () => {
  counting = null;
  void Promise.resolve(core.handlers['activities.counts']({})).then((c) => tell({ type: 'overdue', count: c.overdue }));
};
core.bus.source((event, payload) => {
  if (event !== 'data.changed' || counting) return;
  const entities = (payload as EventPayload<'data.changed'>).entities;
  if (['activities', 'reminders', 'settings'].some((e) => entities.includes(e))) counting = setTimeout(countOverdue, 500);
});
setInterval(countOverdue, 60_000).unref();
countOverdue();

function tell(m: CoreToMain) {
  parentPort!.postMessage(m);
}

parentPort.on('message', (e) => {
  const port = e.ports[0];
  const parsed = mainToCore.safeParse(e.data);
  if (!parsed.success) return log.warn('ignored a message from main that is not a control message');
  const m = parsed.data;
  if (m.type === 'connect' && port) core.serve(fromMainPort(port));
  if (m.type === 'connector' && port) core.serveConnector(fromMainPort(port));
  if (m.type === 'secret' && m.name === 'erp') core.link.useSecret(m.secret);
  if (m.type === 'secret' && m.name === 'team') core.team.useToken(m.secret);
});

const stop = () => {
  core.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
