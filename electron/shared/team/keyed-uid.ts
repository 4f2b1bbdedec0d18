import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** The uid of a keyed row (TableSpec.keyedBy): a UUID (version 8) made from its table and key, the same at every desk and at the hub. */
export function keyedUid(table: string, key: string): string {
  const h = bytesToHex(sha256(utf8ToBytes(`${table}\u0000${key}`)));
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
