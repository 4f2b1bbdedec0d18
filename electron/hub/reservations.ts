import type { PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { availableToPromise } from '../shared/domain/atp';
import type { Row } from './rules';

type Granted = { data: Row; shortage: { id: string; data: Row } | null };
const num = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
const text = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * A reservation the hub grants against the team's stock (TEAM.md protocol 8), as a desk judges it
 * (ATP): the ERP's free stock the desks last reported (the newest report wins), plus the receipts
 * due by the date it is wanted that its desk counted on, less everyone's active reservations.
 * What cannot be granted becomes a shortage for purchasing, with the reason — two traders offline
 * on the last pallet: one gets it, the other's deal goes to the buyer. One product and warehouse
 * at a time (an advisory lock), so two desks pushing together never both get the same units.
 */
export async function grantReservation(c: PoolClient, id: string, data: Row, at: Date): Promise<Granted> {
  const product = text(data.productId);
  const warehouse = text(data.warehouseId);
  const qty = num(data.qty);
  if (data.status !== 'active' || !product || !warehouse || qty === null) return { data, shortage: null };
  await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stock/${product}/${warehouse}`]);
  const seen = num(data.stockSeen);
  const asOf = text(data.stockAsOf);
  if (seen !== null && asOf)
    await c.query(
      `INSERT INTO team_stock (product, warehouse, available, as_of) VALUES ($1, $2, $3, $4)
       ON CONFLICT (product, warehouse) DO UPDATE SET available = excluded.available, as_of = excluded.as_of WHERE team_stock.as_of < excluded.as_of`,
      [product, warehouse, seen, asOf],
    );
  const stock = await c.query<{ available: number }>('SELECT available FROM team_stock WHERE product = $1 AND warehouse = $2', [product, warehouse]);
  // a desk that knew no stock: nothing to judge against
  if (!stock.rows[0]) return { data, shortage: null };
  const taken = await c.query<{ n: number }>(
    `SELECT coalesce(sum((data->>'qty')::bigint), 0)::bigint AS n FROM team_rows
     WHERE row_table = 'reservations' AND NOT deleted AND data->>'status' = 'active' AND data->>'productId' = $1 AND data->>'warehouseId' = $2 AND row_id <> $3`,
    [product, warehouse, id],
  );
  // the desk's ATP (shared/domain): the ERP's free stock (on hand less its reservations, as reported), everyone's reservations, the receipts it counted by its date
  const day = at.toISOString().slice(0, 10);
  const incoming = num(data.stockIncoming) ?? 0;
  const atp = availableToPromise(
    { onHand: stock.rows[0].available, reservedErp: 0, localReserved: Number(taken.rows[0]!.n) },
    incoming > 0 ? [{ qty: incoming, expectedDate: day }] : [],
    day,
  );
  const free = Math.max(0, atp);
  if (free >= qty) return { data, shortage: null };
  const granted = free;
  const kept: Row = granted > 0 ? { ...data, qty: granted } : { ...data, qty: 0, status: 'released', releasedAt: at.toISOString() };
  const stamp = at.toISOString();
  return {
    data: kept,
    shortage: {
      id: uuidv7(),
      data: {
        opportunityId: data.opportunityId ?? null,
        lineId: data.lineId ?? null,
        productId: product,
        warehouseId: warehouse,
        qty: qty - granted,
        neededBy: null,
        status: 'open',
        reason: 'team.reservedElsewhere',
        createdAt: stamp,
        updatedAt: stamp,
        decidedBy: null,
      },
    },
  };
}
