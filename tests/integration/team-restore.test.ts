import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectOf } from '../../db/team-capture';
import { newEpoch } from '../../electron/hub/db';
import { deskRoom, signIn, type Desk } from './fixtures/desks';
import { startTestHub, type TestHub } from './fixtures/hub';
import { NOW } from './helpers';

/**
 * The hub's database restored from last night's backup (TEAM.md protocol 5): started with
 * `--restored` it begins a new epoch; the desk pulls everything again, and what it had not seen
 * come back goes again, numbered on from what the restored hub knows of it.
 */
const BIN = '/usr/lib/postgresql/15/bin';
let hub: TestHub;
const room = deskRoom();
let a: Desk;
beforeAll(async () => {
  hub = await startTestHub(NOW, 'hub_restore');
  a = room.open('restored');
  await signIn(hub, a, 'rest.a', ['trader']);
  await a.settled();
}, 120_000);
afterAll(async () => {
  room.close();
  await hub.close();
});

const title = (d: Desk, id: number) => d.one<{ title: string }>('SELECT title FROM opportunities WHERE id = ?', id).title;

describe('a hub restored from a backup', () => {
  it('begins a new epoch: the desk re-pulls, pushes again what the backup lacks, and ends equal to the hub row by row', async () => {
    const [first, second] = a.sql<{ id: number }>('SELECT id FROM opportunities ORDER BY id LIMIT 2').map((r) => r.id) as [number, number];
    await a.call('opportunity.update', { id: first, title: 'Avant la sauvegarde' });
    await a.settled();
    await a.connector.team.cycle();
    const dump = join(room.dir, 'hub.dump');
    execFileSync(`${BIN}/pg_dump`, ['-Fc', '-f', dump, hub.url]);
    // after the backup: a change and a new deal that reach the hub and come back, then a change made offline
    await a.call('opportunity.update', { id: first, title: 'Après la sauvegarde' });
    const customer = a.one<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 1').id;
    const made = (await a.call('opportunity.create', { customerId: customer, title: 'Née après la sauvegarde' })).id;
    await a.settled();
    await a.connector.team.cycle();
    a.stopConnector();
    await a.call('opportunity.update', { id: second, title: 'Hors ligne, après la sauvegarde' });

    // last night's backup is put back, and the hub told so
    execFileSync(`${BIN}/pg_restore`, ['--clean', '--if-exists', '--single-transaction', '-d', hub.url, dump]);
    await newEpoch(hub.pool);
    a.startConnector();
    await a.settled();
    await a.connector.team.cycle();
    expect(await a.call('team.status', {})).toMatchObject({ state: 'online', error: null, rejected: [] });

    // the offline change and the deal the backup lost are at the hub again; a change to a row the backup holds is lost for everyone alike
    const { rows } = await hub.pool.query<{ row_id: string; data: Record<string, unknown> }>(
      `SELECT row_id, data FROM team_rows WHERE row_table = 'opportunities' AND NOT deleted`,
    );
    const uid = (id: number) => a.one<{ uid: string }>('SELECT uid FROM opportunities WHERE id = ?', id).uid;
    const hubTitle = (id: number) => rows.find((r) => r.row_id === uid(id))!.data.title;
    expect([hubTitle(first), hubTitle(second), hubTitle(made)]).toEqual([
      'Avant la sauvegarde',
      'Hors ligne, après la sauvegarde',
      'Née après la sauvegarde',
    ]);
    expect([title(a, first), title(a, second), title(a, made)]).toEqual([
      'Avant la sauvegarde',
      'Hors ligne, après la sauvegarde',
      'Née après la sauvegarde',
    ]);
    const mine = new Map(
      a.sql<{ uid: string; row: string }>(`SELECT t.uid, ${objectOf('opportunities', 't')} AS row FROM opportunities t`).map((r) => [r.uid, r.row]),
    );
    expect(mine.size).toBe(rows.length);
    for (const r of rows) expect(JSON.parse(mine.get(r.row_id)!)).toEqual(r.data);
  }, 120_000);
});

describe('a desk restored from its own backup', () => {
  it('reads the hub again from the start and numbers its next changes after what the hub acknowledged (none skipped as already applied)', async () => {
    const [first, second] = a.sql<{ id: number }>('SELECT id FROM opportunities ORDER BY id LIMIT 2').map((r) => r.id) as [number, number];
    await a.settled();
    await a.connector.team.cycle();
    const backup = await a.call('backups.create', {});
    // after the backup: changes that reach the hub
    await a.call('opportunity.update', { id: first, title: 'Poste : après sa sauvegarde' });
    const customer = a.one<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 1').id;
    const made = (await a.call('opportunity.create', { customerId: customer, title: 'Poste : née après sa sauvegarde' })).id;
    const uidOfMade = a.one<{ uid: string }>('SELECT uid FROM opportunities WHERE id = ?', made).uid;
    await a.settled();
    await a.connector.team.cycle();

    await a.call('backups.restore', { name: backup.name, confirm: true });
    a.reopen();
    // the backup does not know them; the hub's feed brings them back
    expect(a.sql('SELECT 1 FROM opportunities WHERE uid = ?', uidOfMade)).toHaveLength(0);
    await a.connector.team.cycle();
    await a.settled();
    expect(title(a, first)).toBe('Poste : après sa sauvegarde');
    expect(a.one<{ title: string }>('SELECT title FROM opportunities WHERE uid = ?', uidOfMade).title).toBe('Poste : née après sa sauvegarde');

    // the first change after the restore reaches the hub (its number is not one the hub already applied)
    await a.call('opportunity.update', { id: second, title: 'Poste : après la restauration' });
    await a.settled();
    await a.connector.team.cycle();
    const uid = a.one<{ uid: string }>('SELECT uid FROM opportunities WHERE id = ?', second).uid;
    const { rows } = await hub.pool.query<{ data: { title: string } }>(
      `SELECT data FROM team_rows WHERE row_table = 'opportunities' AND row_id = $1`,
      [uid],
    );
    expect(rows[0]!.data.title).toBe('Poste : après la restauration');
    expect(await a.call('team.status', {})).toMatchObject({ state: 'online', error: null, rejected: [] });
  }, 120_000);
});
