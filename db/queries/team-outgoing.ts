import type { Db } from '../client';
import type { Mutation } from '../../electron/shared/contract/hub';
import { readTeamState, writeTeamState } from './team-state';

type Row = {
  number: number;
  tbl: string;
  row_uid: string;
  op: Mutation['op'];
  after: string | null;
  before: string | null;
  base_version: number;
  at: string;
  push_number: number | null;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A captured row as the hub reads it: an insert with every field, an update with the fields it changed and their old values. */
export function toWire(r: Row & { push_number: number }): Mutation {
  const after = r.after ? (JSON.parse(r.after) as Record<string, unknown>) : {};
  const before = r.before ? (JSON.parse(r.before) as Record<string, unknown>) : {};
  const keys = r.op === 'update' ? Object.keys(after).filter((k) => !same(after[k], before[k])) : [];
  return {
    number: r.push_number,
    table: r.tbl,
    id: r.row_uid,
    op: r.op,
    at: r.at,
    baseVersion: r.base_version,
    fields: r.op === 'insert' ? after : r.op === 'update' ? Object.fromEntries(keys.map((k) => [k, after[k]])) : {},
    old: r.op === 'update' ? Object.fromEntries(keys.map((k) => [k, before[k] ?? null])) : r.op === 'delete' ? before : {},
  };
}

/**
 * The next mutations for the hub, in order: those already handed out and not yet answered first
 * (a retry sends the same numbers), then new ones numbered last + 1. The numbers are dense even
 * where capture folded a row's changes away.
 */
export function leaseOutgoing(db: Db, limit: number): Mutation[] {
  const raw = db.$client;
  return raw.transaction(() => {
    const fresh = raw
      .prepare(`SELECT number FROM team_mutations WHERE status = 'pending' AND push_number IS NULL ORDER BY number LIMIT ?`)
      .pluck()
      .all(limit) as number[];
    // numbered on from the last number ever handed out (settled rows leave the log, their numbers stay used)
    const last = Math.max(
      raw.prepare('SELECT coalesce(max(push_number), 0) FROM team_mutations').pluck().get() as number,
      Number(readTeamState(db, 'lastPush') ?? 0),
    );
    let next = last + 1;
    const give = raw.prepare('UPDATE team_mutations SET push_number = ? WHERE number = ?');
    for (const n of fresh) give.run(next++, n);
    if (fresh.length > 0) writeTeamState(db, 'lastPush', String(next - 1));
    const rows = raw
      .prepare(`SELECT * FROM team_mutations WHERE status = 'pending' AND push_number IS NOT NULL ORDER BY push_number LIMIT ?`)
      .all(limit) as (Row & { push_number: number })[];
    return rows.map(toWire);
  })();
}

/** The hub's answer to a push: applied ones wait for the feed to bring them back, rejected ones keep the hub's reason. */
export function markPushed(db: Db, results: { number: number; status: 'applied' | 'rejected' | 'duplicate'; reason: string | null }[]): void {
  const raw = db.$client;
  const applied = raw.prepare(`UPDATE team_mutations SET status = 'applied' WHERE push_number = ? AND status = 'pending'`);
  const rejected = raw.prepare(`UPDATE team_mutations SET status = 'rejected', reason = ? WHERE push_number = ? AND status <> 'rejected'`);
  raw.transaction(() => {
    for (const r of results) {
      if (r.status === 'rejected' || (r.status === 'duplicate' && r.reason)) rejected.run(r.reason ?? 'hub.rejected', r.number);
      else applied.run(r.number);
    }
  })();
}

export type TeamCounts = { pending: number; rejected: { number: number; table: string; rowUid: string; reason: string; at: string }[] };
export function teamCounts(db: Db): TeamCounts {
  const raw = db.$client;
  return {
    pending: raw.prepare(`SELECT count(*) FROM team_mutations WHERE status = 'pending'`).pluck().get() as number,
    rejected: (
      raw
        .prepare(`SELECT push_number AS number, tbl, row_uid, reason, at FROM team_mutations WHERE status = 'rejected' ORDER BY number DESC LIMIT 50`)
        .all() as {
        number: number;
        tbl: string;
        row_uid: string;
        reason: string;
        at: string;
      }[]
    ).map((r) => ({ number: r.number, table: r.tbl, rowUid: r.row_uid, reason: r.reason, at: r.at })),
  };
}
