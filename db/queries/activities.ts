import type { ActivityDue, ActivityRow } from '../../electron/shared/contract/activities';
import { bucketBounds, bucketOf, deskPerson, mayChangeActivity, type Bucket, type Recurrence } from '../../electron/shared/domain/activities';
import type { Db } from '../client';
import { prepareCached } from './statements';

/** Reads and writes of activities: « Mes activités », a deal's or a customer's, the reminders a desk fired. */
const run = (db: Db, sql: string, ...params: unknown[]) => prepareCached(db.$client, sql).run(...params);
const all = <T>(db: Db, sql: string, ...params: unknown[]) => prepareCached(db.$client, sql).all(...params) as T[];

/** Whose activities a list shows: a person's and their roles' (`userId` null: a team of one, everyone's), or one person's. */
export type Whose = { userId: number | null; roles: readonly string[] } | { ownerId: number } | 'everyone';

type SqlRow = Omit<ActivityRow, 'recurrence' | 'bucket' | 'mine'> & { recurrence: string | null; createdBy: number | null };

const SELECT = `SELECT a.id, a.kind, a.title, a.notes, a.due_at AS dueAt, a.done_at AS doneAt, a.outcome, a.owner_id AS ownerId,
    u.name AS ownerName, a.role, a.opportunity_id AS opportunityId, o.reference, o.title AS dealTitle,
    coalesce(a.customer_id, o.customer_id) AS customerId, c.name AS customerName, a.recurrence, a.source, a.created_by AS createdBy
  FROM activities a
  LEFT JOIN users u ON u.id = a.owner_id
  LEFT JOIN opportunities o ON o.id = a.opportunity_id
  LEFT JOIN customers c ON c.id = coalesce(a.customer_id, o.customer_id)`;

/** Each bucket as SQL over `a` (the same bounds as shared/domain/activities bucketOf), and its order. */
const BUCKET: Record<Bucket | 'open', { where: string; order: string }> = {
  open: { where: 'a.done_at IS NULL', order: 'a.due_at IS NULL, a.due_at, a.id' },
  overdue: { where: 'a.done_at IS NULL AND a.due_at < @now', order: 'a.due_at, a.id' },
  today: { where: 'a.done_at IS NULL AND a.due_at >= @now AND a.due_at < @tomorrow', order: 'a.due_at, a.id' },
  upcoming: { where: 'a.done_at IS NULL AND (a.due_at >= @tomorrow OR a.due_at IS NULL)', order: 'a.due_at IS NULL, a.due_at, a.id' },
  done: { where: 'a.done_at >= @doneSince', order: 'a.done_at DESC, a.id DESC' },
};

/**
 * What a list reads of each bucket, in parts its indexes hand over already in order (an OR of
 * dated and undated, or `due_at IS NULL` first, would sort the person's whole bucket): each part
 * is cut to the list's length before the rows are joined and merged.
 */
const PARTS: Record<Bucket | 'open', { where: string; order: string }[]> = {
  open: [
    { where: 'a.done_at IS NULL AND a.due_at IS NOT NULL', order: 'a.due_at, a.id' },
    { where: 'a.done_at IS NULL AND a.due_at IS NULL', order: 'a.id' },
  ],
  overdue: [BUCKET.overdue],
  today: [BUCKET.today],
  upcoming: [
    { where: 'a.done_at IS NULL AND a.due_at >= @tomorrow', order: 'a.due_at, a.id' },
    { where: 'a.done_at IS NULL AND a.due_at IS NULL', order: 'a.id' },
  ],
  done: [BUCKET.done],
};

/** Done activities shown (and counted) over the last 30 days. */
const DONE_DAYS = 30;

/**
 * The ids of the activities a list shows, as indexed branches (DESIGN P6: a person's by owner, their
 * roles' by role), each narrowed by the bucket.
 */
function whoseBranches(whose: Whose, where: string, extra: string): string[] {
  if (whose === 'everyone' || ('userId' in whose && whose.userId === null)) return [`SELECT a.id FROM activities a WHERE ${where}${extra}`];
  if ('ownerId' in whose) return [`SELECT a.id FROM activities a WHERE a.owner_id = @owner AND ${where}${extra}`];
  return [
    `SELECT a.id FROM activities a WHERE a.owner_id = @owner AND ${where}${extra}`,
    `SELECT a.id FROM activities a WHERE a.owner_id IS NULL AND a.role IN (SELECT value FROM json_each(@roles)) AND ${where}${extra}`,
  ];
}

function params(whose: Whose, now: string, subject: { opportunityId?: number; customerId?: number }) {
  const { tomorrow } = bucketBounds(now);
  const owner = whose === 'everyone' ? null : 'ownerId' in whose ? whose.ownerId : whose.userId;
  const roles = whose !== 'everyone' && 'roles' in whose ? JSON.stringify(whose.roles) : '[]';
  const doneSince = new Date(Date.parse(now) - DONE_DAYS * 86_400_000).toISOString();
  return { now, tomorrow, doneSince, owner, roles, opp: subject.opportunityId ?? null, cust: subject.customerId ?? null };
}

const subjectSql = (s: { opportunityId?: number; customerId?: number }) =>
  (s.opportunityId !== undefined ? ' AND a.opportunity_id = @opp' : '') + (s.customerId !== undefined ? ' AND a.customer_id = @cust' : '');

/** Rows as the contract gives them; the person and the day's bounds worked out once per list. */
const rowsFor = (now: string, who: { userId: number | null; roles: readonly string[] }) => {
  const person = deskPerson(who.userId, who.roles);
  return (r: SqlRow): ActivityRow => {
    const rec = r.recurrence ? (JSON.parse(r.recurrence) as Recurrence) : null;
    // named field by field: a thousand rows spread and rebuilt cost more than the query
    return {
      id: r.id,
      kind: r.kind,
      title: r.title,
      notes: r.notes,
      dueAt: r.dueAt,
      doneAt: r.doneAt,
      outcome: r.outcome,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      role: r.role,
      opportunityId: r.opportunityId,
      reference: r.reference,
      dealTitle: r.dealTitle,
      customerId: r.customerId,
      customerName: r.customerName,
      recurrence: rec ? { every: rec.every, unit: rec.unit } : null,
      source: r.source,
      bucket: bucketOf(r, now),
      mine: mayChangeActivity({ ownerId: r.ownerId, role: r.role, createdBy: r.createdBy }, person),
    };
  };
};

type ListQuery = { bucket: Bucket | 'open'; whose: Whose; opportunityId?: number; customerId?: number; limit: number };

/** The SQL of one bucket of a list and its parameters (the benchmark runs it raw beside the app). */
export function activitiesListSql(q: ListQuery, now: string): { sql: string; params: Record<string, unknown> } {
  const b = BUCKET[q.bucket];
  const ids = PARTS[q.bucket]
    .flatMap((part) =>
      whoseBranches(q.whose, part.where, subjectSql(q)).map((branch) => `SELECT id FROM (${branch} ORDER BY ${part.order} LIMIT @limit)`),
    )
    .join(' UNION ALL ');
  return { sql: `${SELECT} WHERE a.id IN (${ids}) ORDER BY ${b.order} LIMIT @limit`, params: { ...params(q.whose, now, q), limit: q.limit } };
}

export function listActivities(db: Db, q: ListQuery, now: string, who: { userId: number | null; roles: readonly string[] }): ActivityRow[] {
  const { sql, params: p } = activitiesListSql(q, now);
  return all<SqlRow>(db, sql, p).map(rowsFor(now, who));
}

/** The counting statements of every bucket (one per indexed branch) and their parameters. */
export function activityCountSqls(whose: Whose, now: string, subject: { opportunityId?: number; customerId?: number } = {}) {
  const sqls = (bucket: Bucket) => whoseBranches(whose, BUCKET[bucket].where, subjectSql(subject)).map((sql) => `SELECT count(*) FROM (${sql})`);
  return {
    byBucket: { overdue: sqls('overdue'), today: sqls('today'), upcoming: sqls('upcoming'), done: sqls('done') },
    params: params(whose, now, subject),
  };
}

export function countActivities(
  db: Db,
  whose: Whose,
  now: string,
  subject: { opportunityId?: number; customerId?: number } = {},
): Record<Bucket, number> {
  const { byBucket, params: p } = activityCountSqls(whose, now, subject);
  const count = (bucket: Bucket) => byBucket[bucket].map((sql) => prepareCached(db.$client, sql).pluck().get(p) as number).reduce((s, n) => s + n, 0);
  return { overdue: count('overdue'), today: count('today'), upcoming: count('upcoming'), done: count('done') };
}

export function readActivity(db: Db, id: number, now: string, who: { userId: number | null; roles: readonly string[] }): ActivityRow | undefined {
  const r = prepareCached(db.$client, `${SELECT} WHERE a.id = ?`).get(id) as SqlRow | undefined;
  return r && rowsFor(now, who)(r);
}

/** What core checks before a change: who the activity is for, its due time and schedule. */
export type ActivityFacts = {
  id: number;
  ownerId: number | null;
  role: string | null;
  createdBy: number | null;
  dueAt: string | null;
  doneAt: string | null;
  recurrence: Recurrence | null;
  opportunityId: number | null;
  customerId: number | null;
  kind: string;
  title: string;
  notes: string;
};

export function activityFacts(db: Db, id: number): ActivityFacts | undefined {
  const r = prepareCached(
    db.$client,
    `SELECT id, owner_id AS ownerId, role, created_by AS createdBy, due_at AS dueAt, done_at AS doneAt, recurrence,
       opportunity_id AS opportunityId, customer_id AS customerId, kind, title, notes FROM activities WHERE id = ?`,
  ).get(id) as (Omit<ActivityFacts, 'recurrence'> & { recurrence: string | null }) | undefined;
  return r && { ...r, recurrence: r.recurrence ? (JSON.parse(r.recurrence) as Recurrence) : null };
}

export type NewActivity = {
  kind: string;
  title: string;
  notes: string;
  dueAt: string | null;
  ownerId: number | null;
  role: string | null;
  opportunityId: number | null;
  customerId: number | null;
  recurrence: Recurrence | null;
  source: string | null;
  occasion: string | null;
  doneAt: string | null;
  doneBy: number | null;
  outcome: string | null;
  createdAt: string;
  createdBy: number | null;
};

export function insertActivity(db: Db, a: NewActivity): number {
  return Number(
    run(
      db,
      `INSERT INTO activities (kind, title, notes, due_at, owner_id, role, opportunity_id, customer_id, recurrence, source, occasion, done_at,
         done_by, outcome, created_at, created_by)
       VALUES (@kind, @title, @notes, @dueAt, @ownerId, @role, @opportunityId, @customerId, @recurrence, @source, @occasion, @doneAt,
         @doneBy, @outcome, @createdAt, @createdBy)`,
      { ...a, recurrence: a.recurrence ? JSON.stringify(a.recurrence) : null },
    ).lastInsertRowid,
  );
}

const COLUMNS = {
  kind: 'kind',
  title: 'title',
  notes: 'notes',
  dueAt: 'due_at',
  ownerId: 'owner_id',
  recurrence: 'recurrence',
  doneAt: 'done_at',
  doneBy: 'done_by',
  outcome: 'outcome',
} as const;
export type ActivityChange = Partial<{ [K in keyof typeof COLUMNS]: K extends 'recurrence' ? Recurrence | null : string | number | null }>;

export function updateActivity(db: Db, id: number, change: ActivityChange): void {
  const keys = (Object.keys(change) as (keyof typeof COLUMNS)[]).filter((k) => change[k] !== undefined);
  if (keys.length === 0) return;
  const values: Record<string, unknown> = { id };
  for (const k of keys) values[k] = k === 'recurrence' && change.recurrence ? JSON.stringify(change.recurrence) : change[k];
  run(db, `UPDATE activities SET ${keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ')} WHERE id = @id`, values);
}

export function deleteActivity(db: Db, id: number): void {
  run(db, 'DELETE FROM activities WHERE id = ?', id);
}

const DUE_SELECT = `SELECT a.id, a.kind, a.title, a.due_at AS dueAt, a.opportunity_id AS opportunityId, o.reference, c.name AS customerName,
    a.owner_id AS ownerId, a.role
  FROM activities a
  LEFT JOIN opportunities o ON o.id = a.opportunity_id
  LEFT JOIN customers c ON c.id = coalesce(a.customer_id, o.customer_id)`;

/**
 * The person's activities that fell due (since `since`) and have not fired for that due time:
 * recorded as fired in the same transaction, so each fires once, across restarts.
 */
export function fireDueReminders(db: Db, whose: Whose, now: string, since: string): ActivityDue[] {
  const ids = whoseBranches(whose, 'a.done_at IS NULL AND a.due_at <= @now AND a.due_at >= @since', '').join(' UNION ALL ');
  return db.$client.transaction(() => {
    const due = all<ActivityDue>(
      db,
      `${DUE_SELECT} WHERE a.id IN (${ids})
         AND NOT EXISTS (SELECT 1 FROM activity_reminders r WHERE r.activity_id = a.id AND r.due_at = a.due_at)
       ORDER BY a.due_at, a.id LIMIT 200`,
      { ...params(whose, now, {}), since },
    );
    for (const d of due) run(db, 'INSERT OR IGNORE INTO activity_reminders (activity_id, due_at, fired_at) VALUES (?, ?, ?)', d.id, d.dueAt, now);
    return due;
  })();
}

/** The notification centre: reminders fired for activities still open, newest first. */
export function firedReminders(db: Db, whose: Whose, now: string, limit = 50): ActivityDue[] {
  const ids = whoseBranches(whose, 'a.done_at IS NULL AND a.due_at <= @now', '').join(' UNION ALL ');
  return all<ActivityDue>(
    db,
    `${DUE_SELECT} JOIN activity_reminders r ON r.activity_id = a.id AND r.due_at = a.due_at
     WHERE a.id IN (${ids}) ORDER BY r.fired_at DESC, a.id DESC LIMIT @limit`,
    { ...params(whose, now, {}), limit },
  );
}

/** The customer of a deal (an activity on a deal is on its customer too); undefined: no such deal. */
export function dealCustomer(db: Db, opportunityId: number): number | undefined {
  return prepareCached(db.$client, 'SELECT customer_id FROM opportunities WHERE id = ?').pluck().get(opportunityId) as number | undefined;
}
