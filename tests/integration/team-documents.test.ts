import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsFolder } from '../../electron/core/documents';
import { type AppError } from '../../electron/shared/errors';
import { deskRoom, signIn, type Desk } from './fixtures/desks';
import { startTestHub, type TestHub } from './fixtures/hub';
import { NOW, until } from './helpers';

/**
 * Documents through the team (issue 13): the row syncs like every team row, the content goes to
 * the hub by its SHA-256 and is fetched when another desk opens it. Two desks, a real PostgreSQL.
 */
let hub: TestHub;
const room = deskRoom();
let a: Desk;
let b: Desk;

beforeAll(async () => {
  hub = await startTestHub(NOW);
  a = room.open('trader');
  b = room.open('manager');
  await signIn(hub, a, 'ana', ['trader']);
  await a.settled();
  await signIn(hub, b, 'max', ['manager']);
  await b.settled();
}, 120_000);
afterAll(async () => {
  room.close();
  await hub.close();
});

const pdf = readFileSync(join(__dirname, 'fixtures', 'fiche-technique.pdf'));

describe('a document attached at one desk', () => {
  it('reaches the other desk’s timeline; its content is sent to the hub, fetched when opened there, the same bytes', async () => {
    const deal = a.one<{ id: number; uid: string }>('SELECT id, uid FROM opportunities ORDER BY id LIMIT 1');
    const doc = await a.call('documents.attach', { opportunityId: deal.id, name: 'Fiche CEM II.pdf', content: pdf.toString('base64') });
    await a.settled();
    // core's clock turn sends what the hub lacks
    a.core.tick();
    await until(async () => (await hub.pool.query('SELECT 1 FROM document_blobs WHERE hash = $1', [doc.hash])).rowCount === 1, 20_000);
    await b.connector.team.cycle();
    const onB = b.one<{ id: number }>('SELECT id FROM opportunities WHERE uid = ?', deal.uid).id;
    const [item] = await b.call('timeline.list', { opportunityId: onB, kinds: ['document'] });
    expect(item).toMatchObject({ title: 'Fiche CEM II.pdf', data: { hash: doc.hash } });
    const file = join(documentsFolder(b.dbPath), doc.hash);
    expect(existsSync(file)).toBe(false);
    expect(await b.call('documents.fetch', { hash: doc.hash })).toEqual({ name: 'Fiche CEM II.pdf', mime: 'application/pdf' });
    expect(readFileSync(file)).toEqual(pdf);
    // the desk that fetched it does not send it back
    expect(b.sql('SELECT hash FROM document_uploads')).toEqual([{ hash: doc.hash }]);
  }, 60_000);

  it('a content the hub does not hold yet, or that is not what its hash says, is refused with words', async () => {
    const deal = a.one<{ id: number; uid: string }>('SELECT id, uid FROM opportunities ORDER BY id LIMIT 1 OFFSET 1');
    const doc = await a.call('documents.attach', {
      opportunityId: deal.id,
      name: 'conditions.txt',
      content: Buffer.from('Franco 3 t.\n').toString('base64'),
    });
    await a.settled();
    await b.connector.team.cycle();
    // the row is there, the content not yet (the desk that attached it has not turned its clock)
    const err = (await b.call('documents.fetch', { hash: doc.hash }).catch((e: unknown) => e)) as AppError;
    expect(err.details?.reason).toBe('hub.unknownDocument');
    a.core.tick();
    await until(async () => (await hub.pool.query('SELECT 1 FROM document_blobs WHERE hash = $1', [doc.hash])).rowCount === 1, 20_000);
    expect(await b.call('documents.fetch', { hash: doc.hash })).toMatchObject({ name: 'conditions.txt' });
    const forged = await hub.admin
      .call('documents.put', { hash: 'a'.repeat(64), content: Buffer.from('pas ça').toString('base64') })
      .catch((e: unknown) => e);
    expect((forged as AppError).details?.reason).toBe('hub.documentHash');
    const unknown = (await b.call('documents.fetch', { hash: 'b'.repeat(64) }).catch((e: unknown) => e)) as AppError;
    expect(unknown.details?.reason).toBe('document.unknown');
  }, 60_000);
});
