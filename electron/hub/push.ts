import type { Pool, PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { HubOutput, Mutation } from '../shared/contract/hub';
import { AppError } from '../shared/errors';
import { tableSpec, type TeamTable } from '../shared/team/tables';
import type { Session } from './auth';
import { inTransaction, type Clock } from './db';
import { fourEyesOf, writeHubRow } from './hub-rows';
import { passReference } from './references';
import { grantReservation } from './reservations';
import { authorise, checkShape, merge, type Refusal, type Row } from './rules';

type Result = HubOutput<'hub.push'>['results'][number];
type Current = { version: number; data: Row; deleted: boolean } | null;

async function currentRow(c: PoolClient, m: Mutation): Promise<Current> {
  const r = await c.query<{ version: number; data: Row; deleted: boolean }>(
    'SELECT version, data, deleted FROM team_rows WHERE row_table = $1 AND row_id = $2 FOR UPDATE',
    [m.table, m.id],
  );
  return r.rows[0] ?? null;
}

type Kept = { version: number; data: Row; deleted: boolean };

/**
 * Runs the rule for one mutation against the hub's row of the moment: the row as the hub keeps it
 * (its rule's side effects — conflicts, a shortage for stock it could not grant — written here), or
 * why not. Every refusal comes before any write.
 */
async function applyOne(c: PoolClient, s: Session, m: Mutation, fourEyes: boolean, at: Date): Promise<Refusal | Kept> {
  const shape = checkShape(m);
  if (shape) return shape;
  const table = m.table as TeamTable;
  const cur = await currentRow(c, m);
  const live = cur && !cur.deleted ? cur : null;
  // a keyed row (one per customer…) created at two desks is one row: the second creation edits it
  const sameKey = m.op === 'insert' && live !== null && tableSpec(table).keyedBy !== undefined;
  if (m.op === 'insert' && cur && !sameKey) return { reason: 'idTaken' };
  if (m.op !== 'insert' && !live) return { reason: 'unknownRow' };
  if (m.op === 'delete') return { version: live!.version + 1, data: live!.data, deleted: true };
  const merged = m.op === 'insert' && !sameKey ? { data: m.fields, conflicts: [] } : merge(table, live!.data, live!.version, m);
  const refused = authorise(table, live?.data ?? null, merged.data, s, m, fourEyes);
  if (refused) return refused;
  const conflicts = merged.conflicts;
  // a reservation is what the team's stock allows; the rest becomes a shortage the hub writes
  const grant = table === 'reservations' && (live?.data.status ?? null) !== 'active' ? await grantReservation(c, m.id, merged.data, at) : null;
  const data = grant ? grant.data : merged.data;
  const version = (live?.version ?? 0) + 1;
  if (table === 'opportunities' && 'reference' in m.fields) await passReference(c, m.fields.reference);
  if (grant?.shortage) await writeHubRow(c, { table: 'shortages', id: grant.shortage.id, data: grant.shortage.data, by: s.userId, at });
  for (const k of conflicts) {
    const conflict = {
      table,
      rowId: m.id,
      field: k.field,
      hub: k.hub,
      desk: k.desk,
      deskId: s.deskId,
      mutation: m.number,
      by: s.userId,
      at: at.toISOString(),
    };
    const id = uuidv7();
    await c.query(
      'INSERT INTO conflicts (id, row_table, row_id, field, hub_value, desk_value, desk_id, mutation, user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [id, table, m.id, k.field, JSON.stringify(k.hub), JSON.stringify(k.desk), s.deskId, m.number, s.userId, at],
    );
    await c.query(
      `INSERT INTO changes (row_table, row_id, version, data, deleted, desk_id, mutation, user_id, at) VALUES ('team_conflicts', $1, 1, $2, false, $3, $4, $5, $6)`,
      [id, conflict, s.deskId, m.number, s.userId, at],
    );
  }
  return { version, data, deleted: false };
}

/**
 * The outcome in one statement: the row as the hub keeps it, its change in the feed (its xid fences
 * the pull), the mutation's result, the desk's count. A rejected mutation is processed all the same
 * (one bad change never blocks the queue): the hub's row goes out again so the desk's copy returns
 * to it (or disappears, for a refused insert).
 */
async function record(c: PoolClient, s: Session, m: Mutation, kept: Kept | null, reason: string | null, at: Date) {
  let out = kept;
  if (!out) {
    const cur = await c.query<Kept>('SELECT version, data, deleted FROM team_rows WHERE row_table = $1 AND row_id = $2', [m.table, m.id]);
    out = cur.rows[0] ?? { version: 0, data: {}, deleted: true };
  }
  const row = kept
    ? `r AS (INSERT INTO team_rows (row_table, row_id, version, data, deleted, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (row_table, row_id) DO UPDATE SET version = $3, data = $4, deleted = $5, updated_at = $6, updated_by = $7 RETURNING 1),`
    : '';
  await c.query(
    `WITH ${row}
     ch AS (INSERT INTO changes (row_table, row_id, version, data, deleted, desk_id, mutation, user_id, at) VALUES ($1, $2, $3, $4, $5, $8, $9, $7, $6) RETURNING 1),
     mu AS (INSERT INTO mutations (desk_id, number, user_id, row_table, row_id, op, status, reason, version, applied_at)
            VALUES ($8, $9, $7, $1, $2, $10, $11, $12, $13, $6) RETURNING 1)
     UPDATE desks SET last_mutation = $9, last_seen_at = $6 WHERE id = $8`,
    [
      m.table,
      m.id,
      out.version,
      out.data,
      out.deleted,
      at,
      s.userId,
      s.deskId,
      m.number,
      m.op,
      kept ? 'applied' : 'rejected',
      reason,
      kept ? kept.version : null,
    ],
  );
}

/**
 * Push (TEAM.md protocol 4): in order, each mutation in its own transaction with its result
 * recorded; numbers already processed are answered from that record (a replay applies nothing);
 * a gap is refused before anything is applied.
 */
export async function push(pool: Pool, s: Session, mutations: Mutation[], now: Clock, changed: () => void): Promise<HubOutput<'hub.push'>> {
  if (!s.deskId) throw new AppError('forbidden', 'This session belongs to no desk: log in from a desk to push', { reason: 'hub.noDesk' });
  for (let i = 1; i < mutations.length; i++)
    if (mutations[i]!.number !== mutations[i - 1]!.number + 1)
      throw new AppError('invalid_input', `Mutation numbers must follow each other: ${mutations[i - 1]!.number} then ${mutations[i]!.number}`, {
        reason: 'hub.notConsecutive',
      });
  const desk = s.deskId;
  const results: Result[] = [];
  let lastNumber = 0;
  // a company setting, read once per batch
  const fourEyes = await fourEyesOf(pool);
  for (const m of mutations) {
    const result = await inTransaction(pool, async (c) => {
      const d = await c.query<{ last_mutation: number }>('SELECT last_mutation FROM desks WHERE id = $1 FOR UPDATE', [desk]);
      const last = d.rows[0]?.last_mutation ?? 0;
      lastNumber = Math.max(last, lastNumber);
      if (m.number <= last) {
        const prev = await c.query<{ reason: string | null; row_table: string; row_id: string }>(
          'SELECT reason, row_table, row_id FROM mutations WHERE desk_id = $1 AND number = $2',
          [desk, m.number],
        );
        const was = prev.rows[0];
        // a replay is the same change; another change under a used number means the desk lost its count
        if (was && (was.row_table !== m.table || was.row_id !== m.id))
          throw new AppError('conflict', `Mutation ${m.number} of this desk was ${was.row_table} ${was.row_id}, not ${m.table} ${m.id}`, {
            reason: 'hub.numberReused',
            number: m.number,
            expected: last + 1,
          });
        return { number: m.number, status: 'duplicate', reason: was?.reason ?? null } satisfies Result;
      }
      if (m.number !== last + 1)
        throw new AppError('conflict', `Mutation ${m.number} comes after ${last}: ${last + 1} is missing`, {
          reason: 'hub.gap',
          expected: last + 1,
          got: m.number,
        });
      const at = now();
      const outcome = await applyOne(c, s, m, fourEyes, at);
      const rejected = 'reason' in outcome;
      const reason = rejected ? [`hub.${outcome.reason}`, outcome.detail].filter(Boolean).join(': ') : null;
      await record(c, s, m, rejected ? null : outcome, reason, at);
      lastNumber = m.number;
      return { number: m.number, status: rejected ? 'rejected' : 'applied', reason } satisfies Result;
    });
    results.push(result);
  }
  // after the commits, to every hub instance: they poke their desks (a hint; the cursor is the truth)
  if (results.some((r) => r.status !== 'duplicate')) changed();
  return { lastNumber, results };
}
