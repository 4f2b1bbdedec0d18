import type { Input, Method, Output, SyncEntity } from '../shared/contract';
import { ErpError, type ErpAdapter, type PulledPage } from './adapter';

type CoreCall = <M extends Method>(method: M, input: Input<M>) => Promise<Output<M>>;
export type EntityReport = {
  entity: SyncEntity;
  pulled: number;
  pages: number;
  /** read whole this cycle (stock, the swept entities) rather than from the cursor */
  whole?: boolean;
  ms?: number;
  error?: string;
  unreachable?: boolean;
};

/** The ERP could not be reached (network, 5xx): it is down, not wrong. */
export const unreachable = (err: unknown) => err instanceof ErpError && (err.kind === 'network' || err.kind === 'server');

/** Dependency order: references point to entities pulled before them. */
export const PULL_ORDER: SyncEntity[] = [
  'warehouses',
  'categories',
  'suppliers',
  'products',
  'supplierPrices',
  'stock',
  'receipts',
  'customers',
  'salesHistory',
];

/** Back the stored write-time cursor up by the overlap (long ERP transactions commit rows stamped before the last poll). */
export function withOverlap(cursor: PulledPage['cursor'], overlapSeconds: number): PulledPage['cursor'] {
  if (!cursor?.time) return cursor;
  // Odoo stamps are naive UTC "YYYY-MM-DD HH:MM:SS", Tryton's come as ISO instants: keep the style
  const iso = cursor.time.includes('T');
  const t = Date.parse(iso ? cursor.time : `${cursor.time.replace(' ', 'T')}Z`);
  if (Number.isNaN(t)) return cursor;
  const back = new Date(t - overlapSeconds * 1000).toISOString();
  return { time: iso ? back : back.slice(0, 19).replace('T', ' '), id: '0' };
}

/**
 * One pull cycle: for each entity, pages from the ERP handed to core, which applies each page
 * with its cursor in one transaction. A failing entity is reported and the others go on; what
 * was applied stays applied, what failed applied nothing.
 */
export async function pullCycle(
  adapter: ErpAdapter,
  call: CoreCall,
  o: {
    entities?: SyncEntity[];
    pageSize?: number;
    overlapSeconds?: number;
    now?: () => string;
    /** after each applied page: rows of the entity so far */
    onPage?: (entity: SyncEntity, done: number) => Promise<unknown>;
  } = {},
) {
  const now = o.now ?? (() => new Date().toISOString());
  const reports: EntityReport[] = [];
  for (const entity of o.entities ?? PULL_ORDER) {
    const report: EntityReport = { entity, pulled: 0, pages: 0 };
    reports.push(report);
    const t0 = performance.now();
    try {
      // stock and the swept entities are read whole, or only their changes when the adapter can follow them and no sweep is due
      const swept = adapter.sweeps?.includes(entity) ?? false;
      const whole = swept || entity === 'stock';
      const stored = whole && !adapter.sweepDue ? null : await call('sync.cursor', { entity });
      const full = whole && (adapter.sweepDue?.(entity, stored) ?? true);
      report.whole = full;
      let cursor = full ? null : withOverlap(stored, o.overlapSeconds ?? 300);
      const seen: string[] = [];
      for (;;) {
        const page = await adapter.pull(entity, cursor, o.pageSize ?? 500);
        await call('sync.applyPage', { entity, rows: page.rows, cursor: page.cursor, pulledAt: now() });
        for (const r of page.rows) if ('erpId' in r) seen.push(r.erpId);
        report.pulled += page.rows.length;
        report.pages++;
        await o.onPage?.(entity, report.pulled);
        cursor = page.cursor;
        if (page.done) break;
      }
      // a swept entity was read whole: what the ERP no longer lists (a receipt received, a price removed) goes inactive
      if (swept && full) await call('sync.reconcile', { entity, erpIds: seen, at: now() });
    } catch (err) {
      report.error = err instanceof ErpError || err instanceof Error ? err.message : String(err);
      if (unreachable(err)) report.unreachable = true;
    }
    report.ms = Math.round(performance.now() - t0);
  }
  return reports;
}

export type PushReport = { pushed: number; retried: number; stopped: number; errors: string[] };

/** Pushes what is due in the outbox: each item leased, created in the ERP (idempotently), then acknowledged or failed. */
export async function pushCycle(adapter: ErpAdapter, call: CoreCall, o: { limit?: number; leaseSeconds?: number } = {}): Promise<PushReport> {
  const report: PushReport = { pushed: 0, retried: 0, stopped: 0, errors: [] };
  if (!adapter.push) return report;
  const items = await call('outbox.lease', { limit: o.limit ?? 20, leaseSeconds: o.leaseSeconds ?? 120 });
  for (const item of items) {
    try {
      const erpRef = await adapter.push(item);
      await call('outbox.ack', { id: item.id, erpRef });
      report.pushed++;
    } catch (err) {
      const retryable = err instanceof ErpError ? err.retryable : false;
      const message = err instanceof Error ? err.message : String(err);
      await call('outbox.fail', { id: item.id, error: message.slice(0, 2_000), retryable });
      report[retryable ? 'retried' : 'stopped']++;
      report.errors.push(`${item.kind} ${item.uuid}: ${message}`);
    }
  }
  return report;
}
