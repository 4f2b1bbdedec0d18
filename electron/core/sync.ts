import type { Db } from '../../db/client';
import { leaseDue, markDone, markFailed, markRetry, outboxStatus, reservationsInErp } from '../../db/queries/outbox';
import { conflictsOf, openDealsQuoting, recordConflict } from '../../db/queries/sync-status';
import { revalueOpportunities } from '../../db/queries/totals';
import { recordMarginAlerts } from '../../db/queries/margin-risk';
import { followUpMarginRisk } from './margin-risk';
import { deactivateMissing, lookupFor, RECONCILABLE, UnknownReference, upsert, writeCursor, type Lookup } from '../../db/queries/sync-apply';
import { z } from 'zod';
import { syncRecords, type OutboxItem, type Output, type ParsedInput, type SyncEntity } from '../shared/contract';
import { retryDelayMs } from '../shared/domain/backoff';
import { AppError, notFound } from '../shared/errors';

/** Entities whose rows change what a deal's lines cost, and the field naming the product. */
const COSTED: Partial<Record<string, string>> = { products: 'erpId', supplierPrices: 'productErpId' };

const pageOf = Object.fromEntries(Object.entries(syncRecords).map(([e, schema]) => [e, z.array(schema)])) as unknown as Record<SyncEntity, z.ZodType>;

const invalid = (message: string, path: string) => new AppError('invalid_input', message, { issues: [{ path, message }] });

/**
 * Core's side of the connector (DESIGN.md §5, §8): it never opens the database, core does. A
 * pulled page is checked row by row, then applied with its cursor in one transaction — all or
 * nothing; the outbox is leased, acknowledged or failed with backoff.
 */
/** What a pull put at risk, told after its page is applied: the deals and the words for their owners. */
export type OnMarginRisk = (risks: { opportunityId: number; ownerId: number | null; message: string }[]) => void;

export function createSync(db: Db, now: () => string, random: () => number = Math.random, onMarginRisk: OnMarginRisk = () => {}) {
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn)();

  return {
    applyPage({ entity, rows, cursor, pulledAt }: ParsedInput<'sync.applyPage'>): Output<'sync.applyPage'> {
      // the whole page in one parse; the first failure names its row and field
      const result = pageOf[entity].safeParse(rows);
      if (!result.success) {
        const issue = result.error.issues[0]!;
        const [row, ...field] = issue.path;
        throw invalid(`Page of ${entity}, row ${String(row)}: ${field.join('.') || 'row'}: ${issue.message}`, `rows.${issue.path.join('.')}`);
      }
      const parsed = result.data as unknown[];
      let risks: ReturnType<typeof followUpMarginRisk> = [];
      const applied = tx(() => {
        // read before the upsert: what the page changes under open deals is listed, never silently overwritten
        const conflicts = conflictsOf(db, entity, parsed as { erpId?: string; active?: boolean; onHold?: boolean }[]);
        const lookup = lookupFor(db);
        const apply = (upsert[entity] as (d: Db) => (r: unknown, at: string, l: Lookup) => void)(db);
        parsed.forEach((row, i) => {
          try {
            apply(row, pulledAt, lookup);
          } catch (err) {
            if (err instanceof UnknownReference) throw invalid(`Page of ${entity}, row ${i}: ${err.message}`, `rows.${i}.${err.field}`);
            // two ERP records under one code, for instance: said, and nothing of the page applied
            if (err instanceof Error && String((err as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT'))
              throw new AppError(
                'conflict',
                `Page of ${entity}, row ${i}: ${err.message.replace('UNIQUE constraint failed', 'already used by another record')}`,
                {
                  issues: [{ path: `rows.${i}`, message: err.message }],
                },
              );
            throw err;
          }
        });
        writeCursor(db, entity, cursor, now());
        const listed = conflicts.filter((c) => recordConflict(db, c, pulledAt)).length;
        // new costs or supplier prices: the open deals quoting those products are valued again, with the page
        const deals = COSTED[entity]
          ? openDealsQuoting(
              db,
              parsed.map((r) => String((r as Record<string, unknown>)[COSTED[entity]!])),
            )
          : [];
        const revalued = deals.length ? revalueOpportunities(db, { today: now().slice(0, 10), ids: deals }) : [];
        // margin at risk: the deals the new costs put below their target, minimum or cost, their owners told
        if (revalued.length) risks = followUpMarginRisk(db, recordMarginAlerts(db, revalued, entity, now()), now());
        return { entity, applied: parsed.length, cursor, conflicts: listed, revalued: revalued.length };
      });
      if (risks.length) onMarginRisk(risks);
      return applied;
    },

    reconcile({ entity, erpIds, at }: ParsedInput<'sync.reconcile'>): number {
      const table = RECONCILABLE[entity];
      if (!table) throw invalid(`${entity} is refreshed whole, not reconciled by ids`, 'entity');
      return tx(() => deactivateMissing(db, table, erpIds, at));
    },

    lease(limit: number, leaseSeconds: number): OutboxItem[] {
      const at = now();
      return tx(() => leaseDue(db, at, new Date(Date.parse(at) + leaseSeconds * 1000).toISOString(), limit));
    },

    /** The ERP holds the document: done (a second ack of the same item changes nothing). */
    ack(id: number, erpRef: string): { status: string } {
      return tx(() => {
        const item = outboxStatus(db, id);
        if (!item) throw notFound('Outbox item', id);
        if (item.status === 'done') return { status: 'done' };
        if (item.status !== 'leased') throw new AppError('conflict', `Outbox item ${id} is ${item.status}, not leased`, { status: item.status });
        markDone(db, id, erpRef, now());
        if (item.kind === 'sale_order' && item.subject.startsWith('opportunity:')) reservationsInErp(db, Number(item.subject.split(':')[1]));
        return { status: 'done' };
      });
    },

    /** A network error or a 5xx retries later with backoff; a validation or access error stops the item for a person to see. */
    fail(id: number, error: string, retryable: boolean): { status: string; nextTryAt: string | null } {
      return tx(() => {
        const item = outboxStatus(db, id);
        if (!item) throw notFound('Outbox item', id);
        if (item.status !== 'leased') throw new AppError('conflict', `Outbox item ${id} is ${item.status}, not leased`, { status: item.status });
        if (!retryable) {
          markFailed(db, id, error);
          return { status: 'failed', nextTryAt: null };
        }
        const attempts = db.$client.prepare('SELECT attempts FROM outbox WHERE id = ?').pluck().get(id) as number;
        const next = new Date(Date.parse(now()) + retryDelayMs(attempts, random())).toISOString();
        markRetry(db, id, error, next);
        return { status: 'pending', nextTryAt: next };
      });
    },
  };
}
