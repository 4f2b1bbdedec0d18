import type { z } from 'zod';
import { syncRecords, type OutboxItem, type SyncEntity, type SyncRecord } from '../shared/contract';

/** A page pulled from the ERP, already in Comptoir's shape, with the cursor to start the next one from. */
export type PulledPage<E extends SyncEntity = SyncEntity> = {
  rows: SyncRecord<E>[];
  cursor: { time: string | null; id: string | null } | null;
  done: boolean;
};

/** What every ERP adapter offers the connector (Tryton, Odoo JSON-RPC, Odoo JSON-2). */
export type ErpAdapter = {
  readonly name: string;
  /** Entities read whole: what the ERP no longer lists is marked inactive afterwards. */
  readonly sweeps?: SyncEntity[];
  /**
   * For the entities read whole (`sweeps`, and stock): whether this cycle reads them whole, or only
   * what changed since the cursor (the whole read stays as a safety net, now and then). Without it,
   * they are read whole every cycle.
   */
  sweepDue?(entity: SyncEntity, cursor: PulledPage['cursor']): boolean;
  /** Checks the URL, database and credentials; throws an ErpError saying which is wrong. */
  login(): Promise<void>;
  pull<E extends SyncEntity>(entity: E, cursor: PulledPage['cursor'], pageSize: number): Promise<PulledPage<E>>;
  /**
   * Creates in the ERP what an outbox item asks, carrying its UUID on the ERP record, and looks
   * for that UUID first: a retry after a cut connection finds the record instead of duplicating it.
   * Returns the ERP's reference of the document.
   */
  push?(item: OutboxItem): Promise<string>;
};

/**
 * An ERP failure, classified for the outbox and the sync panel: `retryable` for the network, timeouts,
 * 5xx, session expiry and serialization conflicts; not for refusals (validation, access), which a
 * person must look at. `malformed` when the answer does not have the documented shape.
 */
export class ErpError extends Error {
  constructor(
    message: string,
    readonly kind: 'network' | 'auth' | 'refused' | 'malformed' | 'server',
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ErpError';
  }
}

/**
 * What an answer that is not JSON was, without a word of it: an ERP or a proxy error page may echo
 * the request, password included, so only its type and size are told.
 */
export function describeBody(res: Response, text: string): string {
  const type = (res.headers.get('content-type') ?? 'no content type').split(';')[0]!.trim();
  return `${type}, ${new TextEncoder().encode(text).length} bytes`;
}

/** An ERP answer that must be a list of `schema` rows; anything else is a malformed answer naming the row and field. */
export function parseAnswer<T>(schema: z.ZodType<T>, source: string, answer: unknown): T[] {
  if (!Array.isArray(answer)) throw new ErpError(`${source} did not answer a list`, 'malformed', false);
  return answer.map((r, i) => {
    const p = schema.safeParse(r);
    if (!p.success) {
      const issue = p.error.issues[0]!;
      throw new ErpError(`${source} row ${i}: ${issue.path.join('.') || 'row'}: ${issue.message}`, 'malformed', false);
    }
    return p.data;
  });
}

/** The mapped records checked against the contract before they leave the adapter: a row core would refuse is refused here, by row and field. */
export function checked<T>(entity: SyncEntity, records: T[], source: string): T[] {
  records.forEach((r, i) => {
    const p = syncRecords[entity].safeParse(r);
    if (!p.success) {
      const issue = p.error.issues[0]!;
      throw new ErpError(`${source} row ${i}: ${issue.path.join('.') || 'row'}: ${issue.message}`, 'malformed', false);
    }
  });
  return records;
}

/** Runs a mapping and checks what it gives: any failure (an amount too large to hold exactly…) becomes a malformed-answer ErpError. */
export function mapChecked<T>(entity: SyncEntity, source: string, map: () => T[]): T[] {
  let records: T[];
  try {
    records = map();
  } catch (err) {
    if (err instanceof ErpError) throw err;
    throw new ErpError(`${source}: ${err instanceof Error ? err.message : String(err)}`, 'malformed', false);
  }
  return checked(entity, records, source);
}
