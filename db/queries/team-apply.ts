import type { Db } from '../client';
import { captureOf, localOnly, objectOf } from '../team-capture';
import { columnOf, isTeamTable, TEAM_TABLE_NAMES, TEAM_TABLES, type ErpTable, type Field, type TeamTable } from '../../electron/shared/team/tables';
import { foldForSearch } from '../../electron/shared/text';
import { prepareCached } from './statements';
import { readTeamState, writeTeamState } from './team-state';
import { runsWaitingFor } from './operations';
import { upsertHubUser } from './team-users';
import { refreshOpportunityTotals } from './totals';
import { forgetSnapshotsAfter } from './forecast';

export type PulledChange = {
  table: string;
  id: string;
  version: number;
  deleted: boolean;
  data: Record<string, unknown>;
  desk: string | null;
  mutation: number | null;
};
export type PulledPage = {
  epoch: string;
  cursor: string;
  reset: boolean;
  /** more pages follow (absent: this one is the last) */
  more?: boolean;
  changes: PulledChange[];
  acked: number;
  rejected: { number: number; table: string; id: string; reason: string }[];
};
/** An approval decided at another desk that a run of this desk waits for: core resumes (or ends) the run. */
export type Decision = { approvalId: number; opportunityId: number; approved: boolean };
/** A deal whose reservation the hub could not grant (another desk took the stock first): its trader is told. */
export type Lost = { opportunityId: number; reference: string; ownerId: number | null };
export type ApplyResult = { applied: number; parked: number; entities: string[]; opportunityIds: number[]; decisions: Decision[]; lost: Lost[] };

/** A reference this desk cannot resolve yet: the change waits in team_parked. */
class Unresolved extends Error {}
const isConstraint = (err: unknown) =>
  typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('SQLITE_CONSTRAINT');

const ENTITY: Record<TeamTable, string[]> = {
  company_settings: ['settings', 'opportunities'],
  stages: ['stages', 'opportunities'],
  rules: ['rules', 'opportunities'],
  opportunities: ['opportunities'],
  opportunity_lines: ['opportunities'],
  stage_history: ['opportunities'],
  reservations: ['operations', 'stock'],
  shortages: ['shortages', 'operations'],
  approvals: ['approvals', 'opportunities'],
  credit_holds: ['customers', 'opportunities'],
  automation_runs: ['operations'],
  activities: ['opportunities', 'activities'],
  timeline_entries: ['opportunities', 'timeline'],
  documents: ['timeline', 'documents'],
  audit_log: ['opportunities'],
  purchase_drafts: ['purchaseDrafts'],
  purchase_draft_lines: ['purchaseDrafts'],
};

function erpRow(db: Db, table: ErpTable, ref: string): number {
  const byCode = ref.startsWith('code:');
  const id = prepareCached(db.$client, `SELECT id FROM ${table} WHERE ${byCode ? 'code' : 'erp_id'} = ?`)
    .pluck()
    .get(byCode ? ref.slice(5) : ref) as number | undefined;
  if (id === undefined) throw new Unresolved(`${table} ${ref} is not on this desk yet`);
  return id;
}
function appRow(db: Db, table: TeamTable, uid: string): number {
  const id = prepareCached(db.$client, `SELECT id FROM ${table} WHERE uid = ?`).pluck().get(uid) as number | undefined;
  if (id === undefined) throw new Unresolved(`${table} ${uid} is not on this desk yet`);
  return id;
}
/** A person: by the hub's id, or by login for a desk's own user; unknown here → nobody (every user column may be empty). */
function userRow(db: Db, ref: string): number | null {
  const byLogin = ref.startsWith('login:');
  return (
    (prepareCached(db.$client, `SELECT id FROM users WHERE ${byLogin ? 'login' : 'uid'} = ?`)
      .pluck()
      .get(byLogin ? ref.slice(6) : ref) as number | undefined) ?? null
  );
}

/** A field's global value (uids, ERP ids, users) as this desk stores it (local ids). */
function localValue(db: Db, f: Field, v: unknown, row: Record<string, unknown>): unknown {
  if (v === null || v === undefined) return null;
  const ref = f.ref;
  const id = typeof v === 'string' ? v : JSON.stringify(v);
  if (!ref) return f.type === 'json' ? JSON.stringify(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v;
  if ('app' in ref) return appRow(db, ref.app, id);
  if ('erp' in ref) return erpRow(db, ref.erp, id);
  if ('user' in ref) return userRow(db, id);
  const by = row[ref.by];
  const target = typeof by === 'string' ? ref.map[by] : undefined;
  if (!target) return null;
  return 'app' in target ? appRow(db, target.app, id) : erpRow(db, target.erp, id);
}

function localColumns(db: Db, table: TeamTable, data: Record<string, unknown>, only?: string[]): Record<string, unknown> {
  const fields = TEAM_TABLES[table].fields as Record<string, Field>;
  const out: Record<string, unknown> = {};
  for (const name of only ?? Object.keys(fields)) {
    const f = fields[name];
    if (f && name in data) out[columnOf(name)] = localValue(db, f, data[name], data);
  }
  return out;
}

/** Writes the hub's row (or the desk's own replayed one) into its table, keyed by uid; returns the local id. */
function upsert(db: Db, table: TeamTable, uid: string, cols: Record<string, unknown>): number {
  const raw = db.$client;
  const names = Object.keys(cols);
  const existing = prepareCached(raw, `SELECT id FROM ${table} WHERE uid = ?`).pluck().get(uid) as number | undefined;
  if (existing !== undefined) {
    if (names.length > 0)
      prepareCached(raw, `UPDATE ${table} SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`).run({ ...cols, id: existing });
    return existing;
  }
  // derived columns a new row needs (each desk computes them again after the page)
  const extra: Record<string, unknown> =
    table === 'opportunities' ? { search_text: foldForSearch(`${String(cols.reference)} ${String(cols.title)}`) } : {};
  const all = { uid, ...cols, ...extra };
  const keys = Object.keys(all);
  return Number(
    prepareCached(raw, `INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`).run(all).lastInsertRowid,
  );
}

function applyUser(db: Db, c: PulledChange): void {
  const d = c.data as { login: string; name: string; roles: string[]; active: boolean };
  upsertHubUser(db, { id: c.id, login: d.login, name: d.name, roles: d.roles, active: d.active });
}

function applyConflict(db: Db, c: PulledChange, at: string): void {
  const d = c.data as { table: string; rowId: string; field: string; hub: unknown; desk: unknown };
  const local = isTeamTable(d.table)
    ? ((prepareCached(db.$client, `SELECT id FROM ${d.table} WHERE uid = ?`).pluck().get(d.rowId) as number | undefined) ?? null)
    : null;
  db.$client
    .prepare('INSERT INTO sync_conflicts (entity, local_id, erp_id, field, local_value, erp_value, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(`team.${d.table}`, local, d.rowId, d.field, JSON.stringify(d.desk), JSON.stringify(d.hub), at);
}

/** One change of a team table; throws Unresolved when a reference is not on this desk yet. */
function applyRow(db: Db, table: TeamTable, c: PulledChange, touched: Touched): void {
  if (c.deleted) prepareCached(db.$client, `DELETE FROM ${table} WHERE uid = ?`).run(c.id);
  else {
    const cols = localColumns(db, table, c.data);
    touched.row(table, upsert(db, table, c.id, cols), cols);
  }
  prepareCached(
    db.$client,
    'INSERT INTO team_versions (tbl, row_uid, version) VALUES (?, ?, ?) ON CONFLICT(tbl, row_uid) DO UPDATE SET version = excluded.version',
  ).run(table, c.id, c.version);
}

/** `cols`: the local columns just written, when they name the row's deal (a pulled line does: no query for it). */
type Touched = {
  rows: Set<string>;
  tables: Set<TeamTable>;
  deals: Set<number>;
  row(table: TeamTable, id: number, cols?: Record<string, unknown>): void;
};
function touchedSet(db: Db): Touched {
  const t: Touched = {
    rows: new Set(),
    tables: new Set(),
    deals: new Set(),
    row(table, id, cols) {
      if (table === 'opportunities') t.deals.add(id);
      if (table === 'opportunity_lines' && typeof cols?.opportunity_id === 'number') t.deals.add(cols.opportunity_id);
      else if (table === 'opportunity_lines') {
        const deal = prepareCached(db.$client, 'SELECT opportunity_id FROM opportunity_lines WHERE id = ?').pluck().get(id) as number | undefined;
        if (deal !== undefined) t.deals.add(deal);
      }
    },
  };
  return t;
}

type Own = { tbl: string; row_uid: string; op: string; after: string | null; before: string | null };
/**
 * The desk's changes the feed has not brought back yet, put back on top of what was pulled (TEAM.md
 * protocol 5) — only for the rows this page touched, each row's in the order they were made.
 */
function replayOwn(db: Db, touched: Touched): void {
  const ownOf = prepareCached(
    db.$client,
    `SELECT tbl, row_uid, op, after, before FROM team_mutations WHERE tbl = ? AND row_uid = ? AND status IN ('pending', 'applied') ORDER BY number`,
  );
  for (const key of touched.rows) {
    const [tbl, uid] = key.split('/') as [string, string];
    for (const m of ownOf.all(tbl, uid) as Own[]) replayOne(db, m, touched);
  }
}

function replayOne(db: Db, m: Own, touched: Touched): void {
  if (!isTeamTable(m.tbl)) return;
  if (m.op === 'delete') {
    prepareCached(db.$client, `DELETE FROM ${m.tbl} WHERE uid = ?`).run(m.row_uid);
    return;
  }
  const after = JSON.parse(m.after ?? '{}') as Record<string, unknown>;
  const before = JSON.parse(m.before ?? '{}') as Record<string, unknown>;
  const changed = m.op === 'insert' ? undefined : Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
  try {
    touched.row(m.tbl, upsert(db, m.tbl, m.row_uid, localColumns(db, m.tbl, after, changed)));
  } catch (err) {
    if (!(err instanceof Unresolved)) throw err;
  }
}

/**
 * A pulled page in one SQLite transaction (TEAM.md protocol 5): the hub's rows (users, conflicts,
 * team tables) written with capture off, changes whose references are not here yet parked and
 * retried, this desk's acknowledged mutations settled, its unacknowledged ones replayed on top,
 * the cursor saved with them, and the derived columns of the deals touched computed again.
 */
export function applyTeamPage(db: Db, deskId: string, page: PulledPage, at: string): ApplyResult {
  const raw = db.$client;
  const touched = touchedSet(db);
  let applied = 0;
  const one = (c: PulledChange) => {
    if (c.table === 'users') applyUser(db, c);
    else if (c.table === 'team_conflicts') applyConflict(db, c, at);
    else if (isTeamTable(c.table)) {
      prepareCached(raw, 'SAVEPOINT team_row').run();
      try {
        applyRow(db, c.table, c, touched);
        prepareCached(raw, 'RELEASE team_row').run();
      } catch (err) {
        prepareCached(raw, 'ROLLBACK TO team_row').run();
        prepareCached(raw, 'RELEASE team_row').run();
        // a reference not here yet, or a row this desk cannot hold (a field missing, a value refused): kept aside, said, never a stalled feed
        if (!(err instanceof Unresolved) && !isConstraint(err)) throw err;
        raw.prepare('INSERT INTO team_parked (change, why, parked_at) VALUES (?, ?, ?)').run(JSON.stringify(c), (err as Error).message, at);
        return;
      }
      touched.rows.add(`${c.table}/${c.id}`);
      touched.tables.add(c.table);
    }
    applied++;
  };
  return captureOf(raw).without(() =>
    raw.transaction(() => {
      raw.pragma('defer_foreign_keys = ON');
      if (page.reset) restart(db, page.acked);
      const parked = raw.prepare('SELECT seq, change FROM team_parked ORDER BY seq').all() as { seq: number; change: string }[];
      raw.prepare('DELETE FROM team_parked').run();
      for (const c of page.changes) one(c);
      // waiting changes go again once this page brought what they name
      for (const p of parked) one(JSON.parse(p.change) as PulledChange);
      settleOwn(db, deskId, page);
      replayOwn(db, touched);
      // the hub's new life read to its end: what this desk holds and it does not goes to it
      if (readTeamState(db, 'restoring') === '1' && !page.more) {
        sendAgainWhatTheHubLacks(db, at);
        writeTeamState(db, 'restoring', '0');
      }
      writeTeamState(db, 'cursor', page.cursor);
      writeTeamState(db, 'epoch', page.epoch);
      writeTeamState(db, 'lastPullAt', at);
      // the company's cost basis changed at another desk: every deal's margin again
      if (touched.tables.has('company_settings')) refreshOpportunityTotals(db, { today: at.slice(0, 10) });
      const deals = [...touched.deals];
      if (deals.length > 0) {
        raw
          .prepare(`UPDATE opportunities SET search_text = fold(reference || ' ' || title) WHERE id IN (SELECT value FROM json_each(?))`)
          .run(JSON.stringify(deals));
        refreshOpportunityTotals(db, { today: at.slice(0, 10), ids: deals });
      }
      const lateStages = [...touched.rows].filter((r) => r.startsWith('stage_history/')).map((r) => r.slice('stage_history/'.length));
      const forgotten = forgetSnapshotsAfter(db, lateStages);
      const entities = [...new Set([...touched.tables].flatMap((t) => ENTITY[t]))];
      if (forgotten > 0) entities.push('dashboard');
      if (page.changes.some((c) => c.table === 'users')) entities.push('users');
      if (page.changes.some((c) => c.table === 'team_conflicts')) entities.push('sync');
      const stillParked = raw.prepare('SELECT count(*) FROM team_parked').pluck().get() as number;
      return {
        applied,
        parked: stillParked,
        entities: [...entities, 'team'],
        opportunityIds: deals,
        decisions: decisionsFor(db, page),
        lost: lostFor(db, page),
      };
    })(),
  );
}

/**
 * The hub's database began a new life (restored from a backup): what this desk sent and the feed
 * has not brought back may be missing there, so every change not yet seen goes again, numbered on
 * from what the hub now knows of this desk; versions of the old life mean nothing any more, and the
 * feed is read from its start (this page is its first).
 */
function restart(db: Db, acked: number): void {
  const raw = db.$client;
  raw.prepare(`UPDATE team_mutations SET status = 'pending', push_number = NULL, reason = NULL WHERE status IN ('pending', 'applied')`).run();
  raw.prepare('DELETE FROM team_versions').run();
  writeTeamState(db, 'lastPush', String(acked));
  writeTeamState(db, 'seen', String(acked));
  writeTeamState(db, 'since', String(acked));
  writeTeamState(db, 'restoring', '1');
}

/**
 * After the feed of a restored hub was read whole: the rows this desk holds that it did not bring
 * (made or changed here after the backup, and already seen back before it) go to the hub again as
 * new rows, as this desk's person — the hub's rules judge them like any other change (made by no
 * core call: tx 0, never folded with one).
 */
function sendAgainWhatTheHubLacks(db: Db, at: string): void {
  const raw = db.$client;
  const user = raw.prepare("SELECT json_extract(value, '$') FROM settings WHERE key = 'currentUserId'").pluck().get() ?? null;
  for (const t of TEAM_TABLE_NAMES)
    raw
      .prepare(
        `INSERT INTO team_mutations (tbl, row_uid, op, after, before, base_version, user_id, at, tx)
         SELECT '${t}', x.uid, 'insert', ${objectOf(t, 'x')}, NULL, 0, ?, ?, 0
         FROM ${t} x WHERE x.uid IS NOT NULL${localOnly(t, 'x')}
           AND NOT EXISTS (SELECT 1 FROM team_versions v WHERE v.tbl = '${t}' AND v.row_uid = x.uid)
           AND NOT EXISTS (SELECT 1 FROM team_mutations m WHERE m.tbl = '${t}' AND m.row_uid = x.uid AND m.status = 'pending')`,
      )
      .run(user, at);
}

/** What the hub processed: acknowledged ones settle, rejected ones keep the reason, and those the feed brought back are done. */
function settleOwn(db: Db, deskId: string, page: PulledPage): void {
  const raw = db.$client;
  for (const r of page.rejected)
    raw.prepare(`UPDATE team_mutations SET status = 'rejected', reason = ? WHERE push_number = ? AND status <> 'rejected'`).run(r.reason, r.number);
  raw.prepare(`UPDATE team_mutations SET status = 'applied' WHERE push_number <= ? AND status = 'pending'`).run(page.acked);
  const seen = Math.max(0, ...page.changes.filter((c) => c.desk === deskId && c.mutation !== null).map((c) => c.mutation!));
  const known = Number(readTeamState(db, 'seen') ?? 0);
  if (seen > known) {
    writeTeamState(db, 'seen', String(seen));
    raw.prepare(`DELETE FROM team_mutations WHERE status = 'applied' AND push_number <= ?`).run(seen);
  }
  const since = Math.max(Number(readTeamState(db, 'since') ?? 0), ...page.rejected.map((r) => r.number));
  writeTeamState(db, 'since', String(since));
}

function decisionsFor(db: Db, page: PulledPage): Decision[] {
  const ids = [...new Set(page.changes.filter((c) => c.table === 'approvals' && !c.deleted).map((c) => c.id))];
  const out: Decision[] = [];
  for (const uid of ids) {
    const a = db.$client.prepare('SELECT id, opportunity_id AS opportunityId, status FROM approvals WHERE uid = ?').get(uid) as
      { id: number; opportunityId: number; status: string } | undefined;
    if (!a || (a.status !== 'approved' && a.status !== 'refused') || runsWaitingFor(db, a.id).length === 0) continue;
    out.push({ approvalId: a.id, opportunityId: a.opportunityId, approved: a.status === 'approved' });
  }
  return out;
}

function lostFor(db: Db, page: PulledPage): Lost[] {
  const uids = page.changes
    .filter((c) => c.table === 'shortages' && !c.deleted && c.version === 1 && c.data.reason === 'team.reservedElsewhere')
    .map((c) => c.data.opportunityId)
    .filter((u): u is string => typeof u === 'string');
  return [...new Set(uids)].flatMap(
    (uid) => db.$client.prepare('SELECT id AS opportunityId, reference, owner_id AS ownerId FROM opportunities WHERE uid = ?').all(uid) as Lost[],
  );
}
