import { createHash } from 'node:crypto';

/** The uid of a keyed row (TableSpec.keyedBy): a UUID (version 8) made from its table and key, the same at every desk. */
export function keyedUid(table: string, key: string): string {
  const h = createHash('sha256').update(`${table}\u0000${key}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
