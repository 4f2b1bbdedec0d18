import type Database from 'better-sqlite3';
import { keyedUid } from '../electron/shared/team/keyed-uid';
import { v7 as uuidv7 } from 'uuid';
import {
  columnOf,
  LOCAL_AUDIT_ENTITIES,
  TEAM_TABLE_NAMES,
  TEAM_TABLES,
  type Field,
  type TableSpec,
  type TeamTable,
} from '../electron/shared/team/tables';

/**
 * Capture (TEAM.md protocol 3): every write to a team table appends its mutation to
 * `team_mutations` in the same transaction, whoever makes it — the triggers are created on every
 * connection core opens, from the one descriptor of the team's tables. Rows get their UUIDv7 here
 * too. Pulled changes and the demo company are written with capture off.
 */
export type Capture = {
  /** writes inside fn are not captured (rows pulled from the hub, the demo company) */
  without<T>(fn: () => T): T;
  /** who the next mutations are made by (the desk's current user) */
  setUser(userId: number | null): void;
  /** the clock mutations are stamped with (core's, injected in tests) */
  setClock(now: () => string): void;
  /** a new core call begins: its changes to one row fold into one mutation */
  nextCall(): void;
};

const captures = new WeakMap<Database.Database, Capture>();

export function captureOf(raw: Database.Database): Capture {
  const c = captures.get(raw);
  if (!c) throw new Error('capture is not installed on this connection (open it with openDatabase)');
  return c;
}

/** A field's value in global form: app rows by their uid, ERP rows by ERP id (or code), users by uid (or login). */
function globalValue(row: string, field: string, f: Field): string {
  const col = `${row}.${columnOf(field)}`;
  const ref = f.ref;
  const erpRef = (t: string) => `(SELECT COALESCE(erp_id, 'code:' || code) FROM ${t} WHERE id = ${col})`;
  const appRef = (t: string) => `(SELECT uid FROM ${t} WHERE id = ${col})`;
  if (!ref) return f.type === 'json' ? `json(${col})` : col;
  if ('app' in ref) return appRef(ref.app);
  if ('erp' in ref) return erpRef(ref.erp);
  if ('user' in ref) return `(SELECT COALESCE(uid, 'login:' || login) FROM users WHERE id = ${col})`;
  const cases = Object.entries(ref.map).map(([k, target]) => `WHEN '${k}' THEN ${'app' in target ? appRef(target.app) : erpRef(target.erp)}`);
  return `CASE ${row}.${columnOf(ref.by)} ${cases.join(' ')} ELSE NULL END`;
}

/** The row as the hub reads it: a JSON object of its team fields in global form (`row` is NEW, OLD or a table alias). */
export const objectOf = (table: TeamTable, row: string) =>
  `json_object(${Object.entries(TEAM_TABLES[table].fields as Record<string, Field>)
    .map(([name, f]) => `'${name}', ${globalValue(row, name, f)}`)
    .join(', ')})`;

/** The SQL giving a new row of `table` its uid (`row` is NEW or the table itself). */
function newUid(table: TeamTable, row: string): string {
  const spec: TableSpec = TEAM_TABLES[table];
  if (!spec.keyedBy) return 'comptoir_uuid7()';
  const key = globalValue(row, spec.keyedBy, spec.fields[spec.keyedBy]!);
  // a row without its key (an activity made by hand) is an ordinary one
  return `CASE WHEN ${key} IS NULL THEN comptoir_uuid7() ELSE comptoir_keyed_uid('${table}', ${key}) END`;
}

const baseVersion = (table: TeamTable, row: 'NEW' | 'OLD') =>
  `COALESCE((SELECT version FROM team_versions WHERE tbl = '${table}' AND row_uid = ${row}.uid), 0)`;

/** Rows of this desk's own ERP link stay out of the team's log. */
export const localOnly = (table: TeamTable, row: string) =>
  table === 'audit_log' ? ` AND ${row}.entity NOT IN (${LOCAL_AUDIT_ENTITIES.map((e) => `'${e}'`).join(', ')})` : '';

/** A run belongs to the desk that started it (set after its insert is captured: the update folds into it). */
const OWN_RUN = `
       UPDATE automation_runs SET desk_uid = (SELECT value FROM team_state WHERE key = 'deskId') WHERE id = NEW.id AND desk_uid IS NULL;`;

/** One mutation per changed row per core call: a row changed again by the same call folds into its pending mutation. */
export function captureTriggers(table: TeamTable): string[] {
  const fields = Object.keys(TEAM_TABLES[table].fields);
  const changed = fields.map((f) => `OLD.${columnOf(f)} IS NOT NEW.${columnOf(f)}`).join(' OR ');
  // folded only while not yet handed to the connector: what went out is never changed after
  const same = (row: 'NEW' | 'OLD') =>
    `tbl = '${table}' AND row_uid = ${row}.uid AND status = 'pending' AND push_number IS NULL AND tx = comptoir_tx()`;
  const append = (op: string, rowUid: string, after: string, before: string, base: string, when: string) =>
    `INSERT INTO team_mutations (tbl, row_uid, op, after, before, base_version, user_id, at, tx)
     SELECT '${table}', ${rowUid}, '${op}', ${after}, ${before}, ${base}, comptoir_user(), comptoir_now(), comptoir_tx() WHERE comptoir_capture()${when}`;
  return [
    // the uid first (always, even with capture off), then the mutation reads it back
    `CREATE TEMP TRIGGER team_${table}_insert AFTER INSERT ON main.${table} BEGIN
       UPDATE ${table} SET uid = ${newUid(table, 'NEW')} WHERE id = NEW.id AND uid IS NULL;
       ${append('insert', `(SELECT uid FROM ${table} WHERE id = NEW.id)`, objectOf(table, 'NEW'), 'NULL', '0', localOnly(table, 'NEW'))};${table === 'automation_runs' ? OWN_RUN : ''}
     END`,
    `CREATE TEMP TRIGGER team_${table}_update AFTER UPDATE ON main.${table} WHEN (${changed}) AND NEW.uid IS NOT NULL AND comptoir_capture() BEGIN
       UPDATE team_mutations SET after = ${objectOf(table, 'NEW')} WHERE ${same('NEW')};
       ${append('update', 'NEW.uid', objectOf(table, 'NEW'), objectOf(table, 'OLD'), baseVersion(table, 'NEW'), localOnly(table, 'NEW'))}
         AND NOT EXISTS (SELECT 1 FROM team_mutations WHERE ${same('NEW')});
     END`,
    // born and gone in one call: nothing to tell; updated then deleted: one delete
    `CREATE TEMP TRIGGER team_${table}_delete AFTER DELETE ON main.${table} WHEN OLD.uid IS NOT NULL AND comptoir_capture() BEGIN
       ${append('delete', 'OLD.uid', 'NULL', objectOf(table, 'OLD'), baseVersion(table, 'OLD'), localOnly(table, 'OLD'))}
         AND NOT EXISTS (SELECT 1 FROM team_mutations WHERE ${same('OLD')});
       UPDATE team_mutations SET op = 'delete', after = NULL WHERE ${same('OLD')} AND op = 'update';
       DELETE FROM team_mutations WHERE ${same('OLD')} AND op = 'insert';
     END`,
  ];
}

/**
 * Installs capture on a connection: the SQL functions the triggers call, the triggers, and uids
 * for rows that have none yet (rows written before migration 0010).
 */
export function installCapture(raw: Database.Database): Capture {
  let capturing = true;
  let userId: number | null = null;
  let clock = () => new Date().toISOString();
  // numbered on from the last call of the previous run: never folded into an older pending mutation
  let call = raw.prepare('SELECT coalesce(max(tx), 0) + 1 FROM team_mutations').pluck().get() as number;
  raw.function('comptoir_uuid7', { deterministic: false }, () => uuidv7());
  raw.function('comptoir_keyed_uid', { deterministic: true }, (table: unknown, key: unknown) => keyedUid(String(table), String(key)));
  raw.function('comptoir_capture', { deterministic: false }, () => (capturing ? 1 : 0));
  raw.function('comptoir_user', { deterministic: false }, () => userId);
  raw.function('comptoir_now', { deterministic: false }, () => clock());
  raw.function('comptoir_tx', { deterministic: false }, () => call);
  for (const t of TEAM_TABLE_NAMES) {
    for (const sql of captureTriggers(t)) raw.exec(sql);
  }
  const capture: Capture = {
    without(fn) {
      const was = capturing;
      capturing = false;
      try {
        return fn();
      } finally {
        capturing = was;
      }
    },
    setUser(id) {
      userId = id;
    },
    setClock(now) {
      clock = now;
    },
    nextCall() {
      call++;
    },
  };
  captures.set(raw, capture);
  capture.without(() => {
    for (const t of TEAM_TABLE_NAMES) raw.prepare(`UPDATE ${t} SET uid = ${newUid(t, t)} WHERE uid IS NULL`).run();
  });
  return capture;
}
