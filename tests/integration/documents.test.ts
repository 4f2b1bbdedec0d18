import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { documentsFolder } from '../../electron/core/documents';
import { AppError } from '../../electron/shared/errors';
import { smallCore } from './helpers';

/** Documents and e-mails in the timeline, on a real SQLite file and a real profile folder. */
let core: Core;
let dbPath: string;
let cleanup: () => void;
beforeAll(() => ({ core, dbPath, cleanup } = smallCore()));
afterAll(() => cleanup());

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));
const sql = <T>(q: string, ...params: unknown[]) => core.db.$client.prepare(q).all(...params) as T[];
const deal = (n = 0) =>
  sql<{ id: number; customerId: number }>('SELECT id, customer_id AS customerId FROM opportunities ORDER BY id LIMIT 1 OFFSET ?', n)[0]!;
const stored = () => {
  try {
    return readdirSync(documentsFolder(dbPath)).sort();
  } catch {
    return [];
  }
};
const state = () => JSON.stringify([stored(), sql('SELECT * FROM documents ORDER BY id'), sql('SELECT * FROM timeline_entries ORDER BY id')]);
const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).details?.reason;
};

describe('an e-mail logged from its .eml', () => {
  it('keeps sender, recipients, subject, text and attachments (accents and all); a type not kept is named, not stored', async () => {
    const d = deal();
    const logged = await core.call('timeline.logEmail', { opportunityId: d.id, content: fixture('devis-ciment.eml').toString('base64') });
    expect(logged).toEqual({ subject: 'Devis ciment — quantités révisées', attachments: 1, refused: ['outil.exe'] });
    const [mail] = await core.call('timeline.list', { opportunityId: d.id, kinds: ['email'] });
    expect(mail).toMatchObject({ kind: 'email', title: 'Devis ciment — quantités révisées', at: '2026-11-23T07:42:10.000Z' });
    expect(mail!.data).toMatchObject({
      from: 'René Lefèvre <rene.lefevre@batiments-perrin.fr>',
      to: 'Claire Martin <c.martin@negoce-exemple.fr>',
      cc: 'Achats <achats@batiments-perrin.fr>',
      refused: ['outil.exe'],
    });
    expect(mail!.data.text).toContain('nous passons à 40 t de CEM II livrées à Orléans début décembre');
    const pdf = createHash('sha256').update(fixture('fiche-technique.pdf')).digest('hex');
    expect(mail!.data.attachments).toEqual([expect.objectContaining({ name: 'fiche-technique-CEM-II.pdf', hash: pdf, mime: 'application/pdf' })]);
    // the attachment is a document of the deal, its content a file named by its hash; the message is kept too
    expect(stored()).toContain(pdf);
    expect(readFileSync(join(documentsFolder(dbPath), pdf))).toEqual(fixture('fiche-technique.pdf'));
    expect(sql('SELECT name FROM documents WHERE opportunity_id = ? ORDER BY id', d.id)).toEqual([
      { name: 'Devis ciment — quantités révisées.eml' },
      { name: 'fiche-technique-CEM-II.pdf' },
    ]);
    expect(await core.documentFile(pdf)).toMatchObject({ name: 'fiche-technique-CEM-II.pdf', mime: 'application/pdf' });
    // found by a word of its text, in the deal's and the customer's timeline
    expect((await core.call('timeline.list', { opportunityId: d.id, search: 'Orléans' })).map((i) => i.kind)).toEqual(['email']);
    expect((await core.call('timeline.list', { customerId: d.customerId, search: 'révisées' })).map((i) => i.kind)).toEqual(['email']);
  });

  it('refuses what is not an e-mail and stores nothing', async () => {
    const before = state();
    const d = deal();
    expect(
      await refusal(core.call('timeline.logEmail', { opportunityId: d.id, content: Buffer.from('\u0000\u0001 pas un e-mail').toString('base64') })),
    ).toBe('email.unreadable');
    expect(await refusal(core.call('timeline.logEmail', { opportunityId: d.id, content: 'pas du base64 !' }))).toBe('document.notBase64');
    expect(state()).toBe(before);
  });
});

describe('documents attached', () => {
  it('are stored once by their SHA-256 however often attached; another deal gets its own row on the same file', async () => {
    const [a, b] = [deal(1), deal(2)];
    const content = Buffer.from('Conditions de livraison : semi-remorque, accès chantier le matin.\n').toString('base64');
    const files = stored().length;
    const first = await core.call('documents.attach', { opportunityId: a.id, name: 'Conditions.txt', content });
    const again = await core.call('documents.attach', { opportunityId: a.id, name: 'Conditions (copie).txt', content });
    expect(again.id).toBe(first.id);
    const other = await core.call('documents.attach', { opportunityId: b.id, name: 'Conditions.txt', content });
    expect(other.id).not.toBe(first.id);
    expect(other.hash).toBe(first.hash);
    expect(stored().length).toBe(files + 1);
    expect(stored()).toContain(first.hash);
    expect(sql("SELECT count(*) AS n FROM timeline_entries WHERE kind = 'document' AND opportunity_id = ?", a.id)).toEqual([{ n: 1 }]);
    const [item] = await core.call('timeline.list', { opportunityId: a.id, kinds: ['document'] });
    expect(item).toMatchObject({ title: 'Conditions.txt', data: { hash: first.hash, mime: 'text/plain' } });
  });

  it('refuses an oversized file, a type not kept and a content that is not what its name says, with a clear reason, storing nothing', async () => {
    const d = deal(3);
    const before = state();
    const big = Buffer.alloc(25 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.4');
    expect(await refusal(core.call('documents.attach', { opportunityId: d.id, name: 'gros.pdf', content: big.toString('base64') }))).toBe(
      'document.tooBig',
    );
    expect(
      await refusal(core.call('documents.attach', { opportunityId: d.id, name: 'outil.exe', content: Buffer.from('MZ...').toString('base64') })),
    ).toBe('document.typeRefused');
    expect(
      await refusal(core.call('documents.attach', { opportunityId: d.id, name: 'facture.pdf', content: Buffer.from('MZ...').toString('base64') })),
    ).toBe('document.contentMismatch');
    expect(
      await refusal(core.call('documents.attach', { opportunityId: 999_999, name: 'a.txt', content: Buffer.from('x').toString('base64') })),
    ).toBeUndefined();
    expect(state()).toBe(before);
    expect(await core.documentFile('../comptoir.sqlite')).toBeNull();
    expect(await core.documentFile('0'.repeat(64))).toBeNull();
  });
});
