import type { Db } from '../../db/client';
import { writeAudit } from '../../db/queries/audit';
import * as d from '../../db/queries/purchase-drafts';
import * as q from '../../db/queries/purchasing';
import type { ParsedInput } from '../shared/contract';
import { bestSupplierPrice, supplierOrder } from '../shared/domain/supplier-price';
import { AppError, notFound } from '../shared/errors';
import { may } from '../shared/domain/authority';
import type { Actor, Holder } from './context';
import { queuePurchase } from './purchasing';

/** Who commits the company to a supplier (DESIGN.md §2.5): the buyers, and the manager. */

/**
 * Purchase drafts: shortages become one draft per best supplier, each line rounded to the
 * supplier's minimum and pack at the tier it reaches; the buyer changes a quantity, a date or the
 * supplier, then sends the draft to the ERP through the outbox (one push, its number comes back).
 */
export function createPurchaseDrafts(db: Db) {
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn)();
  const audit = (entity: string, id: number, a: Actor, action: 'create' | 'update', newValue: unknown, field?: string, oldValue?: unknown) =>
    writeAudit(db, { entity, entityId: id, action, field: field ?? null, oldValue, newValue, by: a.userId, at: a.at, source: 'user' });
  const priced = (productId: number, supplierId: number, need: number, today: string, code: string) => {
    const order = supplierOrder(d.supplierOffers(db, productId, supplierId), need, today);
    if (!order)
      throw new AppError('conflict', `The supplier ${supplierId} has no valid price for ${code}`, {
        reason: 'draft.noPrice',
        product: code,
        issues: [{ path: 'supplierId', message: `no valid price for ${code}`, reason: 'noPrice' }],
      });
    return order;
  };
  const editable = (lineId: number) => {
    const line = d.draftLine(db, lineId);
    if (!line) throw notFound('Draft line', lineId);
    if (line.status !== 'draft')
      throw new AppError('conflict', `Draft line ${lineId} was already ${line.status}`, { reason: `draft.already.${line.status}` });
    return line;
  };
  const draftToSend = (draftId: number) => {
    const head = d.draftHeader(db, draftId);
    if (!head) throw notFound('Purchase draft', draftId);
    if (head.status !== 'draft')
      throw new AppError('conflict', `Purchase draft ${draftId} was already ${head.status}`, { reason: `draft.already.${head.status}` });
    return head;
  };

  return {
    /** Open shortages into drafts, one per best supplier; a shortage already in a draft is not drafted twice. */
    draft(ids: number[], today: string, a: Actor): void {
      tx(() => {
        const rows = q.readShortages(db, 'open', today);
        for (const id of new Set(ids)) {
          const r = rows.find((x) => x.id === id);
          if (!r) {
            const s = q.shortageById(db, id);
            if (!s) throw notFound('Shortage', id);
            throw new AppError('conflict', `Shortage ${id} is already ${s.status}`, { reason: `shortage.already.${s.status}`, status: s.status });
          }
          if (d.shortageInDraft(db, id))
            throw new AppError('conflict', `Shortage ${id} is already in a draft`, { reason: 'draft.alreadyDrafted', product: r.productCode });
          if (r.supplierId === null)
            throw new AppError('conflict', `No valid supplier price for ${r.productCode}`, { reason: 'shortage.noSupplier', product: r.productCode });
          const order = priced(r.productId, r.supplierId, r.qty, today, r.productCode);
          const draftId = d.openDraftFor(db, r.supplierId, a.userId, a.at);
          const line = {
            draftId,
            shortageId: id,
            productId: r.productId,
            warehouseId: r.warehouseId,
            neededQty: r.qty,
            qty: order.qty,
            unitPrice: order.unitPrice,
            neededBy: r.neededBy,
          };
          audit('purchase_draft_line', d.insertDraftLine(db, line), a, 'create', line);
        }
      });
    },

    /**
     * A line's quantity, date or supplier changed. A quantity typed is kept as typed at the tier it
     * reaches; another supplier without a quantity takes the need rounded to its own minimum and pack.
     */
    updateLine({ lineId, qty, neededBy, supplierId }: ParsedInput<'purchasing.updateDraftLine'>, today: string, a: Actor): void {
      tx(() => {
        const line = editable(lineId);
        const code = q.readProducts(db, [line.productId])[0]?.code ?? String(line.productId);
        const supplier = supplierId ?? line.supplierId;
        const moving = supplier !== line.supplierId;
        const offers = d.supplierOffers(db, line.productId, supplier);
        const rounded = moving && qty === undefined ? supplierOrder(offers, line.neededQty, today) : null;
        const newQty = qty ?? rounded?.qty ?? line.qty;
        const tier = bestSupplierPrice(offers, newQty, today);
        if (!tier)
          throw new AppError('conflict', `The supplier ${supplier} has no valid price for ${code}`, {
            reason: 'draft.noPrice',
            product: code,
            issues: [{ path: 'supplierId', message: `no valid price for ${code}`, reason: 'noPrice' }],
          });
        const draftId = moving ? d.openDraftFor(db, supplier, a.userId, a.at) : line.draftId;
        const next = { draftId, qty: newQty, unitPrice: tier.unitPrice, neededBy: neededBy === undefined ? line.neededBy : neededBy };
        d.updateDraftLine(db, lineId, next, a.at);
        const before = { draftId: line.draftId, qty: line.qty, unitPrice: line.unitPrice, neededBy: line.neededBy, supplierId: line.supplierId };
        audit('purchase_draft_line', lineId, a, 'update', { ...next, supplierId: supplier }, undefined, before);
        if (moving) d.dropEmptyDraft(db, line.draftId, a.at);
      });
    },

    /** The draft goes to the ERP: one outbox item, its shortages requested; the ERP's number shows once it answered. */
    send(draftId: number, who: Holder, a: Actor): void {
      if (!may(who.roles, 'purchase.send'))
        throw new AppError('forbidden', `A purchase is sent by purchasing or the manager, not by the ${who.role} role`, {
          reason: 'draft.senders',
          role: who.role,
        });
      tx(() => {
        const head = draftToSend(draftId);
        const lines = d.draftLineRecords(db, draftId);
        const codes = new Map(
          q
            .readProducts(
              db,
              lines.map((l) => l.productId),
            )
            .map((p) => [p.id, p.code]),
        );
        const warehouses = q.readWarehouseCodes(db);
        const { outboxId } = queuePurchase(
          db,
          head.supplierId,
          lines.map((l) => ({
            shortageId: l.shortageId,
            productCode: codes.get(l.productId)!,
            warehouseCode: warehouses.get(l.warehouseId)!,
            qty: l.qty,
            neededBy: l.neededBy,
            unitPrice: l.unitPrice,
          })),
          a,
        );
        d.setDraftStatus(db, draftId, 'sent', a.at, outboxId);
        audit('purchase_draft', draftId, a, 'update', { status: 'sent', outboxId }, 'status', 'draft');
      });
    },

    /** The draft is dropped: its shortages stay open, to be drafted again or covered otherwise. */
    cancel(draftId: number, a: Actor): void {
      tx(() => {
        draftToSend(draftId);
        d.setDraftStatus(db, draftId, 'cancelled', a.at);
        audit('purchase_draft', draftId, a, 'update', 'cancelled', 'status', 'draft');
      });
    },

    list: (status: 'draft' | 'sent', today: string) => d.readDrafts(db, status, today),
  };
}
