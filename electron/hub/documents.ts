import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { MAX_DOCUMENT_BYTES } from '../shared/domain/documents';
import { AppError } from '../shared/errors';
import type { Session } from './auth';
import type { Clock } from './db';

/** A desk's document kept by its content: refused unless the content is what its hash says (no desk can put other bytes under a hash). */
export async function putDocument(pool: Pool, s: Session, input: { hash: string; content: string }, now: Clock): Promise<{ stored: boolean }> {
  const bytes = Buffer.from(input.content, 'base64');
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw new AppError('invalid_input', `A document is limited to ${MAX_DOCUMENT_BYTES} bytes`, {
      reason: 'hub.documentTooBig',
      maximum: MAX_DOCUMENT_BYTES,
    });
  if (createHash('sha256').update(bytes).digest('hex') !== input.hash)
    throw new AppError('invalid_input', 'The content does not match its SHA-256', { reason: 'hub.documentHash' });
  const r = await pool.query(
    'INSERT INTO document_blobs (hash, content, size, stored_at, stored_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING',
    [input.hash, bytes, bytes.length, now(), s.userId],
  );
  return { stored: (r.rowCount ?? 0) > 0 };
}

export async function getDocument(pool: Pool, hash: string): Promise<{ content: string }> {
  const r = await pool.query<{ content: Buffer }>('SELECT content FROM document_blobs WHERE hash = $1', [hash]);
  const row = r.rows[0];
  if (!row)
    throw new AppError('not_found', `The hub does not hold document ${hash} yet (the desk that attached it has not sent it)`, {
      reason: 'hub.unknownDocument',
    });
  return { content: row.content.toString('base64') };
}
