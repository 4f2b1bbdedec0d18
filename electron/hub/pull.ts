import type { Pool } from 'pg';
import type { HubOutput } from '../shared/contract/hub';
import { AppError } from '../shared/errors';
import type { Session } from './auth';
import { newEpoch, readMeta } from './db';

type Cursor = { epoch: string; xid: string; seq: number };

/** A transaction id this database has not reached yet: the desk saw a later life of it. */
async function fromTheFuture(pool: Pool, xid: string): Promise<boolean> {
  const r = await pool.query<{ ahead: boolean }>('SELECT $1::text::xid8 >= pg_snapshot_xmax(pg_current_snapshot()) AS ahead', [xid]);
  return r.rows[0]!.ahead;
}

/** `epoch/xid/seq`: where a desk stands in the change feed of one life of the hub's database. */
export function parseCursor(cursor: string | null): Cursor | null {
  if (cursor === null) return null;
  const m = /^([0-9a-f-]{36})\/(\d{1,20})\/(\d{1,19})$/.exec(cursor);
  if (!m) throw new AppError('invalid_input', `Not a cursor of this hub: ${cursor.slice(0, 60)}`, { reason: 'hub.badCursor' });
  return { epoch: m[1]!, xid: m[2]!, seq: Number(m[3]) };
}
const cursorOf = (epoch: string, xid: string, seq: number) => `${epoch}/${xid}/${seq}`;

/**
 * Pull (TEAM.md protocol 5): changes in (xid, seq) order, only those written by transactions older
 * than the oldest one still running (`pg_snapshot_xmin`), so a long transaction that commits late
 * delays the feed instead of being skipped. A cursor from another epoch (the hub was restored)
 * starts again from the beginning, and says so.
 */
export async function pull(pool: Pool, s: Session, input: { cursor: string | null; limit: number; since: number }): Promise<HubOutput<'hub.pull'>> {
  let epoch = await readMeta(pool, 'epoch');
  const given = parseCursor(input.cursor);
  // a cursor of this epoch but from the database's future: it was restored without --restored
  if (given && given.epoch === epoch && (await fromTheFuture(pool, given.xid))) epoch = await newEpoch(pool, epoch);
  const reset = given !== null && given.epoch !== epoch;
  const from = given && !reset ? given : { xid: '0', seq: 0 };
  const r = await pool.query<{
    seq: number;
    xid_text: string;
    row_table: string;
    row_id: string;
    version: number;
    data: Record<string, unknown>;
    deleted: boolean;
    user_id: string | null;
    desk_id: string | null;
    mutation: number | null;
  }>(
    `SELECT seq, xid::text AS xid_text, row_table, row_id, version, data, deleted, user_id, desk_id, mutation FROM changes
     WHERE xid < pg_snapshot_xmin(pg_current_snapshot()) AND (xid, seq) > ($1::text::xid8, $2::bigint)
     ORDER BY changes.xid, changes.seq LIMIT $3`,
    [from.xid, from.seq, input.limit + 1],
  );
  const more = r.rows.length > input.limit;
  const rows = r.rows.slice(0, input.limit);
  const end = rows.at(-1);
  const acked = s.deskId
    ? ((await pool.query<{ last_mutation: number }>('SELECT last_mutation FROM desks WHERE id = $1', [s.deskId])).rows[0]?.last_mutation ?? 0)
    : 0;
  const rejected = s.deskId
    ? (
        await pool.query<{ number: number; row_table: string; row_id: string; reason: string }>(
          `SELECT number, row_table, row_id, reason FROM mutations WHERE desk_id = $1 AND status = 'rejected' AND number > $2 ORDER BY number`,
          [s.deskId, input.since],
        )
      ).rows.map((m) => ({ number: m.number, table: m.row_table, id: m.row_id, reason: m.reason }))
    : [];
  return {
    epoch,
    cursor: end ? cursorOf(epoch, end.xid_text, end.seq) : cursorOf(epoch, from.xid, from.seq),
    reset,
    more,
    changes: rows.map((c) => ({
      table: c.row_table,
      id: c.row_id,
      version: c.version,
      deleted: c.deleted,
      data: c.data,
      by: c.user_id,
      desk: c.desk_id,
      mutation: c.mutation,
    })),
    acked,
    rejected,
  };
}
