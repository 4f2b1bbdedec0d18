import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectOf } from '../../db/team-capture';
import { deskRoom, signIn, type Desk } from './fixtures/desks';
import { startTestHub, type TestHub } from './fixtures/hub';
import { NOW, until } from './helpers';

/**
 * A desk offline for a week comes back: 5 000 changes of its own go up, 50 000 the team made
 * meanwhile come down, and afterwards the desk and the hub hold the same rows.
 */
let hub: TestHub;
const room = deskRoom();
let a: Desk;
beforeAll(async () => {
  hub = await startTestHub(NOW);
  a = room.open('away');
  await signIn(hub, a, 'away', ['trader']);
  await a.settled();
}, 120_000);
afterAll(async () => {
  room.close();
  await hub.close();
});

describe('a week offline', () => {
  it('5 000 changes of its own and 50 000 of the team’s: the desk comes back and converges', async () => {
    a.stopConnector();
    const lines = a.sql<{ id: number }>('SELECT id FROM opportunity_lines ORDER BY id');
    for (let i = 0; i < 5_000; i++) await a.call('opportunity.updateLine', { lineId: lines[i % lines.length]!.id, qty: 1_000 + i });
    expect((await a.call('team.status', {})).pending).toBeGreaterThanOrEqual(5_000);
    // the team's week, as the other desks' pushes left it in the hub's tables
    await hub.pool.query(
      `WITH ids AS (SELECT gen_random_uuid() AS id, g FROM generate_series(1, 50000) g),
       r AS (INSERT INTO team_rows (row_table, row_id, version, data)
             SELECT 'activities', id, 1, jsonb_build_object('kind', 'task', 'title', 'semaine ' || g, 'createdAt', '2026-11-30T10:00:00.000Z') FROM ids RETURNING row_id, data)
       INSERT INTO changes (row_table, row_id, version, data) SELECT 'activities', row_id, 1, data FROM r`,
    );
    a.startConnector();
    await until(
      async () =>
        (await a.call('team.status', {})).pending === 0 &&
        a.one<{ n: number }>("SELECT count(*) AS n FROM activities WHERE title LIKE 'semaine %'").n === 50_000,
      120_000,
    );
    await a.connector.team.cycle();
    // the lines as the desk left them are the hub's
    const mine = a.sql<{ uid: string; row: string }>(`SELECT t.uid, ${objectOf('opportunity_lines', 't')} AS row FROM opportunity_lines t`);
    const { rows } = await hub.pool.query<{ row_id: string; data: Record<string, unknown> }>(
      `SELECT row_id, data FROM team_rows WHERE row_table = 'opportunity_lines' AND NOT deleted`,
    );
    const hubLines = new Map(rows.map((r) => [r.row_id, r.data]));
    expect(hubLines.size).toBe(mine.length);
    for (const m of mine) expect(hubLines.get(m.uid), m.uid).toEqual(JSON.parse(m.row));
    expect((await a.call('team.status', {})).parked).toBe(0);
  }, 180_000);
});
