import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PostalMime, { type Address, type Email } from 'postal-mime';
import type { Db } from '../../db/client';
import { documentByHash, insertDocument, markSent, sameDocument, unsentHashes, type DocumentRow } from '../../db/queries/documents';
import { insertTimelineEntry } from '../../db/queries/timeline';
import type { ParsedInput } from '../shared/contract';
import { contentMatches, documentType, DOCUMENT_TYPES, isDocumentHash, MAX_DOCUMENT_BYTES, safeFileName } from '../shared/domain/documents';
import { AppError } from '../shared/errors';
import type { Actor } from './context';
import { subjectOf } from './subject';

/** The profile folder's store of document contents, each file named by its SHA-256. */
export const documentsFolder = (dbPath: string) => join(dirname(dbPath), 'documents');

/** The e-mail's text kept in the timeline (the whole message stays in its .eml). */
const EMAIL_TEXT = 20_000;

const refuse = (message: string, details: { reason: string; [figure: string]: string | number }) =>
  new AppError('invalid_input', message, { ...details, issues: [{ path: 'content', message, reason: details.reason }] });

/** A base64 text as bytes, refused when it is not base64, empty or over the limit. */
function bytesOf(content: string): Buffer {
  const clean = content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw refuse('The content is not base64', { reason: 'document.notBase64' });
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length === 0) throw refuse('The file is empty', { reason: 'document.empty' });
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw refuse(`A document is limited to ${MAX_DOCUMENT_BYTES} bytes, this one has ${bytes.length}`, {
      reason: 'document.tooBig',
      maximumMb: MAX_DOCUMENT_BYTES / 1024 / 1024,
      sizeMb: (bytes.length / 1024 / 1024).toFixed(1),
    });
  return bytes;
}

/** The type a named file is kept as, or its refusal: not on the allow-list, or content that is not what its name says. */
function typeOf(name: string, bytes: Uint8Array) {
  const type = documentType(name);
  if (!type)
    throw refuse(`${name}: this type of file is not kept (allowed: ${Object.keys(DOCUMENT_TYPES).join(', ')})`, {
      reason: 'document.typeRefused',
      name,
      allowed: Object.keys(DOCUMENT_TYPES).join(', '),
    });
  if (!contentMatches(type, bytes))
    throw refuse(`${name} is not a .${type.ext} file inside`, { reason: 'document.contentMismatch', name, ext: type.ext });
  return type;
}

const mailbox = (a: Address | undefined): string =>
  !a ? '' : 'group' in a && a.group ? a.group.map((m) => mailbox(m)).join(', ') : a.name ? `${a.name} <${a.address}>` : a.address;
const mailboxes = (list: Address[] | undefined) => (list ?? []).map(mailbox).join(', ');
const plain = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/**
 * Documents (issue 13): a file dropped on a deal or a customer, kept once by its SHA-256 in the
 * profile folder whatever how often it is attached, under a 25 MB limit and a type allow-list;
 * an e-mail (.eml) logged with its sender, recipients, subject, text and attachments.
 */
/** What documents need of the team link: its state, and a call to the hub. */
export type DocumentsTeam = { status(): { state: string }; hub(method: 'documents.put' | 'documents.get', input: unknown): Promise<unknown> };

export function createDocuments(db: Db, dbPath: string, team?: DocumentsTeam, now: () => string = () => new Date().toISOString()) {
  const folder = documentsFolder(dbPath);
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn)();
  /** Writes the content once (a temporary file renamed into place: never half a file under its hash). */
  const store = (bytes: Buffer): string => {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const path = join(folder, hash);
    if (!existsSync(path)) {
      mkdirSync(folder, { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, path);
    }
    return hash;
  };
  /** A stored content as a document of the subject: the same content already there is that one, not a second. */
  const keep = (on: { opportunityId: number | null; customerId: number | null }, name: string, mime: string, bytes: Buffer, a: Actor) => {
    const hash = store(bytes);
    const same = sameDocument(db, hash, on.opportunityId, on.customerId);
    if (same) return { document: same, added: false };
    const id = insertDocument(db, { ...on, hash, name, mime, size: bytes.length, at: a.at, by: a.userId });
    return { document: { id, hash, name, mime, size: bytes.length, ...on } satisfies DocumentRow, added: true };
  };

  const attachBytes = (subject: { opportunityId?: number; customerId?: number }, name: string, bytes: Buffer, a: Actor): DocumentRow => {
    const type = typeOf(name, bytes);
    return tx(() => {
      const on = subjectOf(db, subject.opportunityId, subject.customerId);
      const { document, added } = keep(on, name, type.mime, bytes, a);
      const data = { documentId: document.id, hash: document.hash, mime: type.mime, size: bytes.length };
      if (added) insertTimelineEntry(db, { ...on, kind: 'document', body: name, data, at: a.at, by: a.userId });
      return document;
    });
  };

  return {
    attach(input: ParsedInput<'documents.attach'>, a: Actor): DocumentRow {
      return attachBytes(input, safeFileName(input.name), bytesOf(input.content), a);
    },
    /** A document the app made (a quote): attached like a dropped one. */
    attachMade: (on: { opportunityId?: number; customerId?: number }, name: string, bytes: Buffer, a: Actor) =>
      attachBytes(on, safeFileName(name), bytes, a),
    /** An e-mail logged from its .eml: what it says in the timeline, the message and its attachments as documents. */
    async logEmail(input: ParsedInput<'timeline.logEmail'>, a: Actor): Promise<{ subject: string; attachments: number; refused: string[] }> {
      const bytes = bytesOf(input.content);
      let mail: Email;
      try {
        mail = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer' });
      } catch (err) {
        throw refuse(`This is not an e-mail that can be read: ${err instanceof Error ? err.message : String(err)}`, { reason: 'email.unreadable' });
      }
      if (!mail.from && !mail.subject) throw refuse('This is not an e-mail: neither a sender nor a subject', { reason: 'email.unreadable' });
      const subject = (mail.subject ?? '').trim().slice(0, 500);
      const text = (mail.text ?? (mail.html ? plain(mail.html) : '')).trim().slice(0, EMAIL_TEXT);
      const sent = mail.date && !Number.isNaN(Date.parse(mail.date)) ? new Date(mail.date).toISOString() : null;
      // what each attachment is, before anything is written: one refused (a type not kept) is named, the rest kept
      const parts = mail.attachments
        .filter((p) => p.disposition !== 'inline' || p.filename)
        .map((p) => ({ name: safeFileName(p.filename ?? 'piece-jointe'), bytes: Buffer.from(p.content as ArrayBuffer) }))
        .map((p) => {
          const type = documentType(p.name);
          return { ...p, type: type && p.bytes.length > 0 && contentMatches(type, p.bytes) ? type : null };
        });
      const refused = parts.filter((p) => !p.type).map((p) => p.name);
      return tx(() => {
        const on = subjectOf(db, input.opportunityId, input.customerId);
        const eml = keep(on, `${safeFileName(subject || 'e-mail')}.eml`, 'message/rfc822', bytes, a).document;
        const kept = parts.flatMap((p) => (p.type ? [keep(on, p.name, p.type.mime, p.bytes, a).document] : []));
        insertTimelineEntry(db, {
          ...on,
          kind: 'email',
          body: subject,
          data: {
            from: mailbox(mail.from),
            to: mailboxes(mail.to),
            cc: mailboxes(mail.cc),
            sentAt: sent,
            text,
            eml: { documentId: eml.id, hash: eml.hash, name: eml.name, size: eml.size },
            attachments: kept.map((d) => ({ documentId: d.id, hash: d.hash, name: d.name, mime: d.mime, size: d.size })),
            refused,
          },
          // the feed is in the order things happened: an e-mail at its sending time (never later than now)
          at: sent && sent < a.at ? sent : a.at,
          by: a.userId,
        });
        return { subject, attachments: kept.length, refused };
      });
    },
    /**
     * A stored document for the host to serve (only one the app stored, named by a hash it knows):
     * its file, name and type. One attached at another desk is fetched from the hub the first time
     * it is opened here, checked against its hash before it is kept.
     */
    async fetch(hash: string): Promise<{ path: string; name: string; mime: string }> {
      const row = isDocumentHash(hash) ? documentByHash(db, hash) : undefined;
      if (!row) throw new AppError('not_found', `No document of this desk has the content ${hash}`, { reason: 'document.unknown' });
      const path = join(folder, hash);
      if (!existsSync(path)) {
        if (!team) throw new AppError('unavailable', 'This desk has no team to fetch the document from', { reason: 'hub.noSession' });
        const { content } = (await team.hub('documents.get', { hash })) as { content: string };
        const bytes = Buffer.from(content, 'base64');
        if (createHash('sha256').update(bytes).digest('hex') !== hash)
          throw new AppError('unavailable', 'The hub sent a document that is not the one asked for', { reason: 'hub.documentHash' });
        store(bytes);
        markSent(db, hash, now());
      }
      return { path, name: row.name, mime: row.mime };
    },
    /** The contents attached here the hub lacks, sent a few at a time while the desk is online (a turn of core's clock). */
    async sendPending(limit = 5): Promise<number> {
      if (!team || team.status().state !== 'online') return 0;
      let sent = 0;
      // a document pulled from another desk is not here until fetched: its own desk sends it
      const here = unsentHashes(db, 500).filter((h) => existsSync(join(folder, h)));
      for (const hash of here.slice(0, limit)) {
        const path = join(folder, hash);
        await team.hub('documents.put', { hash, content: readFileSync(path).toString('base64') });
        markSent(db, hash, now());
        sent++;
      }
      return sent;
    },
  };
}
export type Documents = ReturnType<typeof createDocuments>;
