import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { writeAudit } from '../../db/queries/audit';
import { insertOutbox, insertReservation, setShortageStatus } from '../../db/queries/operations';
import * as q from '../../db/queries/purchasing';
import { readHandlingDays } from '../../db/queries/settings';
import { soonest } from '../shared/domain/wanted';
import { transferSource } from '../shared/domain/transfer';
import type { DemandRow, Output, ShortageRow } from '../shared/contract';
import { addDays } from '../shared/dates';
import { AppError, notFound } from '../shared/errors';
import type { Actor } from './context';

const withTiming = (r: q.ShortageSqlRow, today: string): Omit<ShortageRow, 'elsewhere' | 'transferFrom'> => {
  const orderBy = r.neededBy && r.leadTimeDays !== null ? addDays(r.neededBy, -r.leadTimeDays) : null;
  return { ...r, unit: r.unit as ShortageRow['unit'], drafted: r.drafted === 1, orderBy, inTime: orderBy === null ? null : orderBy >= today };
};

export type PurchaseLine = {
  shortageId: number;
  productCode: string;
  warehouseCode: string;
  qty: number;
  neededBy: string | null;
  unitPrice: number | null;
};

/**
 * A purchase for one supplier queued for the ERP: one outbox item (the connector pushes it, the
 * ERP's number comes back on it), each of its shortages requested and audited. Runs inside the
 * caller's transaction; the direct request and the reviewed draft both go through here.
 */
export function queuePurchase(db: Db, supplierId: number, lines: PurchaseLine[], a: Actor): { outboxId: number; uuid: string } {
  const uuid = randomUUID();
  const ref = q.supplierRef(db, supplierId);
  const payload = { supplierId, supplierName: ref.name, supplierCode: ref.code, supplierErpId: ref.erpId, lines };
  const outboxId = insertOutbox(db, { uuid, kind: 'purchase_request', subject: `supplier:${supplierId}`, payload, at: a.at });
  for (const l of lines) {
    setShortageStatus(db, l.shortageId, 'requested', a.at, { outboxId, by: a.userId });
    writeAudit(db, {
      entity: 'shortage',
      entityId: l.shortageId,
      action: 'update',
      field: 'status',
      oldValue: 'open',
      newValue: { status: 'requested', outboxId },
      by: a.userId,
      at: a.at,
      source: 'user',
    });
  }
  return { outboxId, uuid };
}

/** The buyer's workspace: shortages to cover and the demand the pipeline announces, with the best supplier for each. */
export function createPurchasing(db: Db) {
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn)();
  const openShortage = (id: number) => {
    const s = q.shortageById(db, id);
    if (!s) throw notFound('Shortage', id);
    if (s.status !== 'open')
      throw new AppError('conflict', `Shortage ${id} is already ${s.status}`, { reason: `shortage.already.${s.status}`, status: s.status });
    return s;
  };
  const audit = (id: number, a: Actor, from: string, to: unknown) =>
    writeAudit(db, {
      entity: 'shortage',
      entityId: id,
      action: 'update',
      field: 'status',
      oldValue: from,
      newValue: to,
      by: a.userId,
      at: a.at,
      source: 'user',
    });

  return {
    /** Shortages with why they are short: stock held by others, free by the needed date, and what the other warehouses could give. */
    shortages(status: string, today: string): ShortageRow[] {
      const rows = q.readShortages(db, status, today);
      const codes = q.readWarehouseCodes(db);
      const stock = new Map<number, { warehouseId: number; warehouseCode: string; atp: number }[]>();
      for (const x of q.readPositions(db, [...new Set(rows.map((r) => r.productId))], today))
        (stock.get(x.productId) ?? stock.set(x.productId, []).get(x.productId)!).push({
          warehouseId: x.warehouseId,
          warehouseCode: codes.get(x.warehouseId) ?? '?',
          atp: x.atp,
        });
      const handling = readHandlingDays(db);
      return rows.map((r) => {
        const others = (stock.get(r.productId) ?? []).filter((w) => w.warehouseId !== r.warehouseId && w.atp > 0).sort((a, b) => b.atp - a.atp);
        const transferFrom = r.status === 'open' ? transferSource(others, r, today, handling) : null;
        return { ...withTiming(r, today), elsewhere: others, transferFrom };
      });
    },

    /** Weighted demand by product, warehouse and week; only the lines the horizon leaves short unless `all`. */
    demand(weeks: number, today: string, all: boolean): DemandRow[] {
      const end = addDays(today, weeks * 7);
      const buckets = q.readDemandBuckets(db, { today, soonest: soonest(today, readHandlingDays(db)) }, end);
      const productIds = [...new Set(buckets.map((b) => b.productId))];
      const products = new Map(q.readProducts(db, productIds).map((p) => [p.id, p]));
      const positions = new Map<number, { warehouseId: number; atp: number; incoming: number }[]>();
      for (const x of q.readPositions(db, productIds, end)) (positions.get(x.productId) ?? positions.set(x.productId, []).get(x.productId)!).push(x);
      const codes = q.readWarehouseCodes(db);
      const rows = new Map<string, DemandRow>();
      for (const b of buckets) {
        const key = `${b.productId}:${b.warehouseId ?? '*'}`;
        let row = rows.get(key);
        if (!row) {
          const p = products.get(b.productId)!;
          const here = (positions.get(b.productId) ?? []).filter((x) => b.warehouseId === null || x.warehouseId === b.warehouseId);
          row = {
            productId: p.id,
            productCode: p.code,
            productName: p.name,
            unit: p.unit as DemandRow['unit'],
            warehouseId: b.warehouseId,
            warehouseCode: b.warehouseId === null ? null : (codes.get(b.warehouseId) ?? null),
            atp: here.reduce((s, x) => s + x.atp, 0),
            incoming: here.reduce((s, x) => s + x.incoming, 0),
            weeks: Array<number>(weeks).fill(0),
            total: 0,
            projected: 0,
            supplierId: null,
            supplierName: null,
            supplierPrice: null,
            leadTimeDays: null,
          };
          rows.set(key, row);
        }
        row.weeks[Math.min(b.week, weeks - 1)]! += b.qty;
        row.total += b.qty;
      }
      for (const r of rows.values()) r.projected = r.atp + r.incoming - r.total;
      const out = [...rows.values()].filter((r) => all || r.projected < 0);
      // the supplier to call for what the horizon lacks (or for the whole demand when nothing lacks)
      const best = q.readBestPrices(
        db,
        out.map((r) => [r.productId, Math.max(-r.projected, r.total)]),
        today,
      );
      out.forEach((r, i) => Object.assign(r, best.get(i)));
      return out.sort((a, b) => a.projected - b.projected || a.productCode.localeCompare(b.productCode));
    },

    /** Purchase requests from shortages, one per best supplier, queued for the ERP; each shortage marked as ordered. */
    request(ids: number[], today: string, a: Actor): Output<'purchasing.request'> {
      return tx(() => {
        const rows = q.readShortages(db, 'open', today);
        const bySupplier = new Map<number, q.ShortageSqlRow[]>();
        for (const id of new Set(ids)) {
          openShortage(id);
          const r = rows.find((x) => x.id === id)!;
          if (r.supplierId === null)
            throw new AppError('conflict', `No valid supplier price for ${r.productCode} (shortage ${id}): it cannot be requested`, {
              reason: 'shortage.noSupplier',
              product: r.productCode,
              issues: [{ path: 'shortageIds', message: `no supplier for ${r.productCode}` }],
            });
          (bySupplier.get(r.supplierId) ?? bySupplier.set(r.supplierId, []).get(r.supplierId)!).push(r);
        }
        const requests: Output<'purchasing.request'>['requests'] = [];
        for (const [supplierId, lines] of bySupplier) {
          const { outboxId, uuid } = queuePurchase(
            db,
            supplierId,
            lines.map((l) => ({
              shortageId: l.id,
              productCode: l.productCode,
              warehouseCode: l.warehouseCode,
              qty: l.qty,
              neededBy: l.neededBy,
              unitPrice: l.supplierPrice,
            })),
            a,
          );
          requests.push({ outboxId, supplierId, supplierName: lines[0]!.supplierName ?? '', lines: lines.length, uuid });
        }
        return { requests };
      });
    },

    /**
     * A shortage covered by another warehouse: its stock there is reserved for the deal (no other
     * deal takes it meanwhile) and an internal shipment goes to the ERP through the outbox.
     */
    transfer(shortageId: number, fromWarehouseId: number, today: string, a: Actor): void {
      tx(() => {
        const s = openShortage(shortageId);
        const codes = q.readWarehouseCodes(db);
        const from = codes.get(fromWarehouseId);
        if (!from || fromWarehouseId === s.warehouseId)
          throw new AppError('invalid_input', `Warehouse ${fromWarehouseId} cannot send shortage ${shortageId}`, {
            reason: 'transfer.sameOrUnknown',
            issues: [{ path: 'fromWarehouseId', message: 'another of the company’s warehouses', reason: 'unknown' }],
          });
        const atp = q.readPositions(db, [s.productId], today).find((x) => x.warehouseId === fromWarehouseId)?.atp ?? 0;
        const product = q.readProducts(db, [s.productId])[0]!;
        if (atp < s.qty || s.lineId === null)
          throw new AppError('conflict', `${from} has ${atp} free of ${product.code}, the shortage needs ${s.qty}`, {
            reason: 'transfer.notEnough',
            warehouse: from,
            product: product.code,
          });
        insertReservation(db, {
          opportunityId: s.opportunityId,
          lineId: s.lineId,
          productId: s.productId,
          warehouseId: fromWarehouseId,
          qty: s.qty,
          at: a.at,
          wantedOn: today,
        });
        const reference = q.dealReference(db, s.opportunityId);
        const uuid = randomUUID();
        const payload = {
          reference,
          productCode: product.code,
          fromWarehouseCode: from,
          toWarehouseCode: codes.get(s.warehouseId)!,
          qty: s.qty,
          neededBy: s.neededBy,
        };
        const outboxId = insertOutbox(db, { uuid, kind: 'transfer', subject: `opportunity:${s.opportunityId}`, payload, at: a.at });
        setShortageStatus(db, shortageId, 'requested', a.at, { outboxId, by: a.userId, reason: `transfer ${from}` });
        audit(shortageId, a, 'open', { status: 'requested', outboxId, transferFrom: from });
      });
    },

    cover(shortageId: number, receiptId: number, a: Actor): void {
      tx(() => {
        const s = openShortage(shortageId);
        const r = q.receiptById(db, receiptId);
        if (!r)
          throw new AppError('not_found', `Receipt ${receiptId} does not exist`, {
            issues: [{ path: 'receiptId', message: 'unknown receipt', reason: 'unknown' }],
          });
        if (r.productId !== s.productId || r.warehouseId !== s.warehouseId)
          throw new AppError('invalid_input', `Receipt ${r.purchaseRef} brings another product or goes to another warehouse`, {
            reason: 'shortage.receiptMismatch',
            receipt: r.purchaseRef,
            issues: [{ path: 'receiptId', message: 'not the same product and warehouse', reason: 'receiptMismatch' }],
          });
        setShortageStatus(db, shortageId, 'covered', a.at, { receiptId, by: a.userId, reason: r.purchaseRef });
        audit(shortageId, a, 'open', { status: 'covered', receiptId });
      });
    },

    dismiss(shortageId: number, reason: string, a: Actor): void {
      tx(() => {
        openShortage(shortageId);
        setShortageStatus(db, shortageId, 'dismissed', a.at, { reason, by: a.userId });
        audit(shortageId, a, 'open', { status: 'dismissed', reason });
      });
    },

    receipts(shortageId: number) {
      const s = q.shortageById(db, shortageId);
      if (!s) throw notFound('Shortage', shortageId);
      return q.receiptsFor(db, s.productId, s.warehouseId);
    },
  };
}
