import type { Pool, PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { HubOutput, Mutation } from '../shared/contract/hub';
import { AppError } from '../shared/errors';
import type { TeamTable } from '../shared/team/tables';
import type { Session } from './auth';
import { inTransaction, readMeta, type Clock } from './db';
import { passReference } from './references';
import { grantReservation } from './reservations';
import { authorise, checkShape, merge, type Refusal, type Row } from './rules';

type Result = HubOutput<'hub.push'>['results'][number];
type Current = { version: number; data: Row; deleted: boolean } | null;

/** One row of the change feed, in the transaction that changed the row (its xid fences the pull). */
async function appendChange(c: PoolClient, s: Session, m: Mutation, version: number, data: Row, deleted: boolean, at: Date) {
  await c.query(
    `INSERT INTO changes (row_table, row_id, version, data, deleted, desk_id, mutation, user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [m.table, m.id, version, data, deleted, s.deskId, m.number, s.userId, at],
  );
}

async function currentRow(c: PoolClient, m: Mutation): Promise<Current> {
  const r = await c.query<{ version: number; data: Row; deleted: boolean }>(
    'SELECT version, data, deleted FROM team_rows WHERE row_table = $1 AND row_id = $2 FOR UPDATE',
    [m.table, m.id],
  );
  return r.rows[0] ?? null;
}

/** Runs the rule for one mutation against the hub's row of the moment; writes the row and its change, or says why not. */
async function applyOne(c: PoolClient, s: Session, m: Mutation, fourEyes: boolean, at: Date): Promise<Refusal | { version: number }> {
  const shape = checkShape(m);
  if (shape) return shape;
  const table = m.table as TeamTable;
  const cur = await currentRow(c, m);
  const live = cur && !cur.deleted ? cur : null;
  if (m.op === 'insert' && cur) return { reason: 'idTaken' };
  if (m.op !== 'insert' && !live) return { reason: 'unknownRow' };
  if (m.op === 'delete') {
    const version = live!.version + 1;
    await c.query('UPDATE team_rows SET version = $3, deleted = true, updated_at = $4, updated_by = $5 WHERE row_table = $1 AND row_id = $2', [
      table,
      m.id,
      version,
      at,
      s.userId,
    ]);
    await appendChange(c, s, m, version, live!.data, true, at);
    return { version };
  }
  const merged = m.op === 'insert' ? { data: m.fields, conflicts: [] } : merge(table, live!.data, live!.version, m);
  const refused = authorise(table, live?.data ?? null, merged.data, s, m, fourEyes);
  if (refused) return refused;
  const conflicts = merged.conflicts;
  // a reservation is what the team's stock allows; the rest becomes a shortage the hub writes
  const grant = table === 'reservations' && (live?.data.status ?? null) !== 'active' ? await grantReservation(c, m.id, merged.data, at) : null;
  const data = grant ? grant.data : merged.data;
  const version = (live?.version ?? 0) + 1;
  await c.query(
    `INSERT INTO team_rows (row_table, row_id, version, data, deleted, updated_at, updated_by) VALUES ($1, $2, $3, $4, false, $5, $6)
     ON CONFLICT (row_table, row_id) DO UPDATE SET version = $3, data = $4, updated_at = $5, updated_by = $6`,
    [table, m.id, version, data, at, s.userId],
  );
  await appendChange(c, s, m, version, data, false, at);
  if (table === 'opportunities' && 'reference' in m.fields) await passReference(c, m.fields.reference);
  if (grant?.shortage) {
    await c.query(
      `INSERT INTO team_rows (row_table, row_id, version, data, deleted, updated_at, updated_by) VALUES ('shortages', $1, 1, $2, false, $3, $4)`,
      [grant.shortage.id, grant.shortage.data, at, s.userId],
    );
    await c.query(`INSERT INTO changes (row_table, row_id, version, data, deleted, user_id, at) VALUES ('shortages', $1, 1, $2, false, $3, $4)`, [
      grant.shortage.id,
      grant.shortage.data,
      s.userId,
      at,
    ]);
  }
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
  return { version };
}

/**
 * A rejected mutation is processed all the same (one bad change never blocks the queue); the
 * hub's row goes out again so the desk's copy returns to it (or disappears, for a refused insert).
 */
async function sendBack(c: PoolClient, s: Session, m: Mutation, at: Date) {
  const cur = await c.query<{ version: number; data: Row; deleted: boolean }>(
    'SELECT version, data, deleted FROM team_rows WHERE row_table = $1 AND row_id = $2',
    [m.table, m.id],
  );
  const row = cur.rows[0];
  await appendChange(c, s, m, row?.version ?? 0, row?.data ?? {}, row ? row.deleted : true, at);
}

/**
 * Push (TEAM.md protocol 4): in order, each mutation in its own transaction with its result
 * recorded; numbers already processed are answered from that record (a replay applies nothing);
 * a gap is refused before anything is applied.
 */
export async function push(pool: Pool, s: Session, mutations: Mutation[], now: Clock): Promise<HubOutput<'hub.push'>> {
  if (!s.deskId) throw new AppError('forbidden', 'This session belongs to no desk: log in from a desk to push', { reason: 'hub.noDesk' });
  for (let i = 1; i < mutations.length; i++)
    if (mutations[i]!.number !== mutations[i - 1]!.number + 1)
      throw new AppError('invalid_input', `Mutation numbers must follow each other: ${mutations[i - 1]!.number} then ${mutations[i]!.number}`, {
        reason: 'hub.notConsecutive',
      });
  const desk = s.deskId;
  const results: Result[] = [];
  for (const m of mutations) {
    const result = await inTransaction(pool, async (c) => {
      const d = await c.query<{ last_mutation: number }>('SELECT last_mutation FROM desks WHERE id = $1 FOR UPDATE', [desk]);
      const last = d.rows[0]?.last_mutation ?? 0;
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
      const fourEyes = (await readMeta(c, 'fourEyes')) === 'true';
      await c.query('SAVEPOINT mutation');
      const outcome = await applyOne(c, s, m, fourEyes, at);
      const rejected = 'reason' in outcome;
      if (rejected) {
        await c.query('ROLLBACK TO SAVEPOINT mutation');
        await sendBack(c, s, m, at);
      }
      const reason = rejected ? [`hub.${outcome.reason}`, outcome.detail].filter(Boolean).join(': ') : null;
      await c.query(
        `INSERT INTO mutations (desk_id, number, user_id, row_table, row_id, op, status, reason, version, applied_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [desk, m.number, s.userId, m.table, m.id, m.op, rejected ? 'rejected' : 'applied', reason, rejected ? null : outcome.version, at],
      );
      await c.query('UPDATE desks SET last_mutation = $2, last_seen_at = $3 WHERE id = $1', [desk, m.number, at]);
      // delivered at commit, to every hub instance: they poke their desks (a hint; the cursor is the truth)
      await c.query(`SELECT pg_notify('comptoir_changes', $1)`, [m.table]);
      return { number: m.number, status: rejected ? 'rejected' : 'applied', reason } satisfies Result;
    });
    results.push(result);
  }
  const last = await pool.query<{ last_mutation: number }>('SELECT last_mutation FROM desks WHERE id = $1', [desk]);
  return { lastNumber: last.rows[0]?.last_mutation ?? 0, results };
}
