import { closeDatabase, openDatabase, type Db } from '../../db/client';
import { captureOf, type Capture } from '../../db/team-capture';
import { writeCompanySetup } from '../../db/demo/setup';
import { writeDemoCompany } from '../../db/demo/write';
import { counts } from '../../db/queries/catalog';
import { refreshOpportunityTotals } from '../../db/queries/totals';
import { describeCompany, type Preset } from '../shared/demo';
import { dispatch, serve, type Handlers, type Port } from '../shared/rpc';
import type { ActivityDue, Input, Method, Output } from '../shared/contract';
import { createDashboard } from './dashboard';
import { createActivities } from './activities';
import { createDocuments, type Documents } from './documents';
import { createEventBus, type EventBus } from './event-bus';
import { createAutomation } from './automation';
import { createHandlers } from './handlers';
import { getSettings } from './settings';
import { opportunityView } from './workspace';
import { silentLogger, type Logger } from '../shared/log';
import { createErpLink, type ErpLink, type SecretStore } from './erp-link';
import { createTeamLink, type TeamLink, type TokenStore } from './team-link';
import { createDeskCare, type DeskCare } from './desk-care';
import { pullEverythingAgain } from '../../db/queries/restore';

export const VERSION = '0.1.0';

export type CoreOptions = {
  dbPath: string;
  /** Loaded when the database is new (no warehouse yet); 'none' leaves it empty. */
  demo?: Preset | 'none';
  migrationsFolder?: string;
  nativeBinding?: string;
  validateOutput?: boolean;
  log?: Logger;
  now?: () => string;
  /** what runs core (web host, desktop app), named to another process that finds the file taken */
  owner?: string;
  /** where the ERP secret is kept (see SecretStore); none: the environment variable only */
  secrets?: SecretStore;
  /** where the hub session token is kept (see TokenStore); none: for this run only */
  teamToken?: TokenStore;
  /** how often the reminder rules run and due reminders fire (default 30 s, and once at start); 0: only when `tick` is called */
  reminderEveryMs?: number;
  /** where the host writes its log files (« Exporter un diagnostic » takes them) */
  logsDir?: string;
  /** the host starts core again on its file (a restore was staged, or damage was found); none: at the next start */
  restart?: () => void;
};

export type Core = {
  db: Db;
  bus: EventBus;
  handlers: Handlers;
  /** backups, restore and the idle integrity check of the desk's file */
  care: DeskCare;
  link: ErpLink;
  team: TeamLink;
  /** Serves the contract on a port; returns a function that stops serving it. */
  serve(port: Port): () => void;
  /** Serves the connector: the one port allowed its methods; when it closes the connector counts as stopped. */
  serveConnector(port: Port): () => void;
  /** A typed call of the contract, as a client makes it (validated like one). */
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  /** A stored document's file, name and type, for the host that serves it, fetched from the hub when another desk attached it (null: none). */
  documentFile(hash: string): Promise<{ path: string; name: string; mime: string } | null>;
  /** One turn of core's clock: the reminder rules make their follow-ups, the reminders due fire (`activity.due`). */
  tick(): { created: number; due: ActivityDue[] };
  close(): void;
};

/** Opens the database (migrating it, loading the demo company on first start) and serves the contract. */
export function startCore(options: CoreOptions): Core {
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date().toISOString());
  const { db, backupPath, appliedMigrations, quickCheckMs, restored } = openDatabase({
    path: options.dbPath,
    migrationsFolder: options.migrationsFolder,
    nativeBinding: options.nativeBinding,
    log: (m) => log.info(m),
    owner: options.owner ?? 'Comptoir',
    now,
  });
  log.info('database opened', { path: options.dbPath, quickCheckMs: Math.round(quickCheckMs) });
  if (backupPath) log.info('backup before migrations', { backupPath, appliedMigrations });
  // a backup in the file's place is older than the ERP and the hub: everything is pulled again
  if (restored) log.warn('database restored from a backup: pulling everything again', { ...restored, ...pullEverythingAgain(db) });
  // a new schema may store a figure the old one did not (the deal's guard): computed once here
  if (appliedMigrations > 0) refreshOpportunityTotals(db, { today: now().slice(0, 10) });
  const capture = captureOf(db.$client);
  capture.setClock(now);
  const empty = counts(db).warehouses === 0;
  const demo = options.demo ?? 'default';
  if (empty && demo !== 'none') {
    const t0 = Date.now();
    // the demo company is this desk's own sample: written outside the team's log (joining a hub uploads what the desk holds)
    capture.without(() => writeDemoCompany(db, describeCompany({ preset: demo, today: now().slice(0, 10) }), now()));
    log.info('demo company loaded', { preset: demo, ms: Date.now() - t0 });
  } else if (writeCompanySetup(db, now())) log.info('new company database: default pipeline and rules written');
  const bus = createEventBus();
  const link = createErpLink(db, bus, now, options.secrets ?? { canStore: false, env: process.env });
  const team = createTeamLink(db, bus, now, options.teamToken);
  const unit = captureUnit(db, capture, team);
  const care = createDeskCare({ db, dbPath: options.dbPath, now, log, bus, nativeBinding: options.nativeBinding, restart: options.restart });
  const handlers = capturedCalls(
    createHandlers({ db, dbPath: options.dbPath, bus, version: VERSION, startedAt: now(), now, link, team, care, logsDir: options.logsDir ?? null }),
    unit,
  );
  // a person's calls (not the connector's) keep core from its idle work
  const used = noting(handlers, care.used);
  // the demo's accepted quotes hold their stock like real ones (the large preset, built for benchmarks, is left raw)
  if (empty && (demo === 'small' || demo === 'default')) {
    const committed = capture.without(() => createAutomation(db, (id) => opportunityView(db, id, now())).catchUp(now()));
    log.info('demo accepted quotes committed', { committed });
  }
  const documents = createDocuments(db, options.dbPath, team, now);
  const tick = clockTurn(db, bus, unit, now, documents, log);
  const every = options.reminderEveryMs ?? 30_000;
  // a turn that fails is logged and the next one tries again (a timer's error would end the process)
  const turn = () => {
    const failed = (err: unknown) => log.error('clock turn failed', { error: err instanceof Error ? err.stack : String(err) });
    try {
      tick();
      care.turn()?.catch(failed);
    } catch (err) {
      failed(err);
    }
  };
  const timer = every > 0 ? setInterval(turn, every) : null;
  timer?.unref();
  // the first turn just after start, not on its way: the window opens first
  const first = every > 0 ? setTimeout(turn, 0) : null;
  const serveOptions = {
    validateOutput: options.validateOutput,
    events: bus.source,
    onError: (method: string, err: unknown) => log.error('rpc failed', { method, error: err instanceof Error ? err.stack : String(err) }),
  };
  return {
    db,
    bus,
    handlers,
    link,
    team,
    care,
    serve: (port) => serve(port, used, serveOptions),
    serveConnector: (port) =>
      serve(port, handlers, {
        ...serveOptions,
        connector: true,
        onClose: () => {
          link.disconnected();
          team.disconnected();
        },
      }),
    call: (method, input) => dispatch(used, method, input, serveOptions) as never,
    tick,
    documentFile: (hash) => documents.fetch(hash).catch(() => null),
    close: () => {
      if (timer) clearInterval(timer);
      if (first) clearTimeout(first);
      closeDatabase(db);
    },
  };
}

/**
 * One unit of capture (TEAM.md protocol 3): a call's changes to a row fold into one mutation, made
 * by the desk's current user; a unit that captured something tells the connector to push.
 */
function captureUnit(db: Db, capture: Capture, team: TeamLink) {
  const last = db.$client.prepare('SELECT coalesce(max(number), 0) FROM team_mutations').pluck();
  return <T>(fn: () => T): T => {
    capture.nextCall();
    capture.setUser(getSettings(db).currentUserId);
    const before = last.get() as number;
    const pushSoon = <V>(v: V) => {
      if ((last.get() as number) > before) team.poke();
      return v;
    };
    const out = fn();
    return (out instanceof Promise ? out.then(pushSoon) : pushSoon(out)) as T;
  };
}

/**
 * A turn of core's clock, captured like a call (the follow-ups the rules make are team rows, made by
 * the desk's person): tells the screens what changed and fires the reminders due.
 */
function clockTurn(db: Db, bus: EventBus, unit: ReturnType<typeof captureUnit>, now: () => string, documents: Documents, log: Logger) {
  const activities = createActivities(db, now);
  const dashboard = createDashboard(db, now);
  let sending = false;
  return (): { created: number; due: ActivityDue[] } => {
    const { created, due } = unit(() => activities.sweep({ userId: getSettings(db).currentUserId, at: now() }));
    if (created.length > 0) bus.emit('data.changed', { entities: ['activities', 'opportunities', 'timeline'] });
    if (due.length > 0) bus.emit('data.changed', { entities: ['reminders'] });
    // a new month: what the forecast says of it at its start, for the accuracy later
    if (dashboard.snapshots() > 0) bus.emit('data.changed', { entities: ['dashboard'] });
    for (const d of due) bus.emit('activity.due', d);
    // the documents attached here go to the hub by their hash, one turn after the other
    if (!sending) {
      sending = true;
      void documents
        .sendPending()
        .catch((err: unknown) => log.warn('documents not sent to the hub yet', { error: err instanceof Error ? err.message : String(err) }))
        .finally(() => (sending = false));
    }
    return { created: created.length, due };
  };
}

/** The same calls, each run through `around` (given the call to make). */
function wrapEach(handlers: Handlers, around: (call: () => unknown) => unknown): Handlers {
  const wrapped: Record<string, (input: never) => unknown> = {};
  for (const [method, handler] of Object.entries(handlers) as [string, (input: never) => unknown][])
    wrapped[method] = (input) => around(() => handler(input));
  return wrapped as Handlers;
}

/** Each call is one unit of capture. */
function capturedCalls(handlers: Handlers, unit: ReturnType<typeof captureUnit>): Handlers {
  return wrapEach(handlers, unit);
}

/** The same calls, each telling `touch` first. */
function noting(handlers: Handlers, touch: () => void): Handlers {
  return wrapEach(handlers, (call) => (touch(), call()));
}
