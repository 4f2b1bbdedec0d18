import type { Pool, PoolClient } from 'pg';
import { AppError } from '../shared/errors';
import type { Session } from './auth';
import { inTransaction, type Clock } from './db';

/**
 * A block of references for a desk (TEAM.md protocol 2): the hub owns one counter per prefix and
 * year and hands out consecutive numbers, never twice; the desk uses them in order, offline too.
 */
export async function leaseReferences(pool: Pool, s: Session, input: { prefix: string; year: number; count: number }, now: Clock) {
  if (!s.deskId) throw new AppError('forbidden', 'References are leased to a desk: log in from a desk', { reason: 'hub.noDesk' });
  return inTransaction(pool, async (c) => {
    await c.query('INSERT INTO reference_counters (prefix, year, next_value) VALUES ($1, $2, 1) ON CONFLICT DO NOTHING', [input.prefix, input.year]);
    const r = await c.query<{ first: number }>(
      'UPDATE reference_counters SET next_value = next_value + $3 WHERE prefix = $1 AND year = $2 RETURNING next_value - $3 AS first',
      [input.prefix, input.year, input.count],
    );
    const first = r.rows[0]!.first;
    const last = first + input.count - 1;
    await c.query('INSERT INTO reference_leases (desk_id, prefix, year, first_value, last_value, leased_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      s.deskId,
      input.prefix,
      input.year,
      first,
      last,
      now(),
    ]);
    return { prefix: input.prefix, year: input.year, first, last };
  });
}

/** A reference that reached the hub in a row (the first desk's deals): the counter goes past it, never hands it out again. */
export async function passReference(c: PoolClient, reference: unknown): Promise<void> {
  const m = typeof reference === 'string' ? /^([A-Z]{2,6})-(\d{4})-(\d{1,12})$/.exec(reference) : null;
  if (!m) return;
  await c.query(
    `INSERT INTO reference_counters (prefix, year, next_value) VALUES ($1, $2, $3 + 1)
     ON CONFLICT (prefix, year) DO UPDATE SET next_value = greatest(reference_counters.next_value, excluded.next_value)`,
    [m[1], Number(m[2]), Number(m[3])],
  );
}
