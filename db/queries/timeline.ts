import type { TimelineItem, TimelineKind } from '../../electron/shared/contract/activities';
import type { Db } from '../client';
import { prepareCached } from './statements';

export function insertTimelineEntry(
  db: Db,
  t: { opportunityId: number | null; customerId: number | null; kind: string; body: string; data: unknown; at: string; by: number | null },
): number {
  return Number(
    prepareCached(
      db.$client,
      'INSERT INTO timeline_entries (opportunity_id, customer_id, kind, body, data, at, by) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(t.opportunityId, t.customerId, t.kind, t.body, JSON.stringify(t.data), t.at, t.by).lastInsertRowid,
  );
}

/**
 * One branch of the feed per kind of record, each over its own index, for a deal (`@opp`) or a
 * customer (`@cust`: their deals' records too). Columns: key, kind, at, by, title, body, data, deal.
 */
const BRANCHES: Record<TimelineKind, (on: 'opp' | 'cust') => string> = {
  note: (on) => entries(on, "t.kind = 'note'"),
  email: (on) => entries(on, "t.kind = 'email'"),
  document: (on) => entries(on, "t.kind = 'document'"),
  automation: (on) => entries(on, "t.kind = 'automation'"),
  activity: (on) => `SELECT 'a' || a.id AS key, 'activity' AS kind, a.done_at AS at, u.name AS by, a.kind AS title,
      a.title || CASE WHEN coalesce(a.outcome, '') = '' THEN '' ELSE ' — ' || a.outcome END AS body,
      json_object('outcome', a.outcome, 'notes', a.notes) AS data, a.opportunity_id AS deal
    FROM activities a LEFT JOIN users u ON u.id = coalesce(a.done_by, a.owner_id)
    WHERE a.done_at IS NOT NULL AND ${on === 'opp' ? 'a.opportunity_id = @opp' : 'a.customer_id = @cust'}`,
  stage: (on) => `SELECT 'h' || h.id AS key, 'stage' AS kind, h.changed_at AS at, u.name AS by, ts.name AS title,
      coalesce(fs.name || ' → ', '') || ts.name AS body, json_object('from', fs.name, 'to', ts.name, 'toKind', ts.kind) AS data, h.opportunity_id AS deal
    FROM stage_history h JOIN stages ts ON ts.id = h.to_stage_id LEFT JOIN stages fs ON fs.id = h.from_stage_id
    LEFT JOIN users u ON u.id = h.changed_by
    WHERE ${on === 'opp' ? 'h.opportunity_id = @opp' : 'h.opportunity_id IN (SELECT id FROM opportunities WHERE customer_id = @cust)'}`,
  approval: (on) => `SELECT 'p' || p.id AS key, 'approval' AS kind, coalesce(p.decided_at, p.requested_at) AS at,
      coalesce(d.name, r.name) AS by, p.kind AS title, CASE WHEN p.decided_at IS NULL THEN p.reason ELSE p.comment END AS body,
      json_object('status', p.status, 'requestedBy', r.name, 'requestedAt', p.requested_at, 'reason', p.reason) AS data, p.opportunity_id AS deal
    FROM approvals p LEFT JOIN users r ON r.id = p.requested_by LEFT JOIN users d ON d.id = p.decided_by
    WHERE ${on === 'opp' ? 'p.opportunity_id = @opp' : 'p.opportunity_id IN (SELECT id FROM opportunities WHERE customer_id = @cust)'}`,
  erp: (on) => `SELECT 'x' || x.id AS key, 'erp' AS kind, x.done_at AS at, NULL AS by, x.kind AS title, x.erp_ref AS body,
      json_object('status', x.status) AS data, CAST(substr(x.subject, 13) AS INTEGER) AS deal
    FROM outbox x WHERE x.erp_ref IS NOT NULL AND x.done_at IS NOT NULL AND ${
      on === 'opp' ? "x.subject = 'opportunity:' || @opp" : "x.subject IN (SELECT 'opportunity:' || id FROM opportunities WHERE customer_id = @cust)"
    }`,
};

function entries(on: 'opp' | 'cust', kind: string): string {
  return `SELECT 't' || t.id AS key, t.kind AS kind, t.at, u.name AS by, t.body AS title, '' AS body, coalesce(t.data, '{}') AS data,
      t.opportunity_id AS deal
    FROM timeline_entries t LEFT JOIN users u ON u.id = t.by WHERE ${kind} AND ${on === 'opp' ? 't.opportunity_id = @opp' : 't.customer_id = @cust'}`;
}

const KINDS = Object.keys(BRANCHES) as TimelineKind[];

type FeedQuery = { opportunityId?: number; customerId?: number; kinds?: TimelineKind[]; search?: string; limit: number };
type FeedRow = {
  key: string;
  kind: TimelineKind;
  at: string;
  by: string | null;
  title: string;
  body: string | null;
  data: string;
  deal: number | null;
  reference: string | null;
};

/**
 * The feed's SQL: each branch searched and cut to the newest `limit` on its own index, then the
 * branches merged and cut again (a busy customer's feed never sorts its whole history).
 */
export function timelineFeedSql(q: FeedQuery): { sql: string; params: Record<string, unknown> } {
  const on = q.opportunityId !== undefined ? 'opp' : 'cust';
  const kinds = q.kinds && q.kinds.length > 0 ? KINDS.filter((k) => q.kinds!.includes(k)) : KINDS;
  const search = q.search?.trim() ? ` WHERE (b.title || ' ' || coalesce(b.body, '') || ' ' || b.data) LIKE @search ESCAPE '\\'` : '';
  const branch = (k: TimelineKind) => `SELECT * FROM (SELECT * FROM (${BRANCHES[k](on)}) b${search} ORDER BY b.at DESC LIMIT @limit)`;
  return {
    sql: `SELECT f.*, o.reference FROM (${kinds.map(branch).join(' UNION ALL ')}) f
      LEFT JOIN opportunities o ON o.id = f.deal ORDER BY f.at DESC, f.key DESC LIMIT @limit`,
    params: {
      opp: q.opportunityId ?? null,
      cust: q.customerId ?? null,
      search: q.search ? `%${q.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
      limit: q.limit,
    },
  };
}

/**
 * The whole history of a deal or a customer, newest first: notes, e-mails, documents, automation
 * steps, activities done, stage changes, approvals and the ERP documents made for it. A search
 * keeps the records whose words contain it.
 */
export function readTimelineFeed(db: Db, q: FeedQuery): TimelineItem[] {
  const { sql, params } = timelineFeedSql(q);
  const rows = prepareCached(db.$client, sql).all(params) as FeedRow[];
  return rows.map((r) => ({
    key: r.key,
    kind: r.kind,
    at: r.at,
    by: r.by,
    title: r.title,
    body: r.body ?? '',
    data: JSON.parse(r.data) as Record<string, unknown>,
    opportunityId: r.deal,
    reference: r.reference,
  }));
}
