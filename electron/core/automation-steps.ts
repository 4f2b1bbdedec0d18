import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { latestApproved, pendingApproval } from '../../db/queries/approvals';
import { writeAudit } from '../../db/queries/audit';
import * as ops from '../../db/queries/operations';
import { readLocalReservations, readReceipts, readStock } from '../../db/queries/workspace';
import type { AutomationAction, Output } from '../shared/contract';
import { availableToPromise } from '../shared/domain/atp';
import { neededBy, planReservation } from '../shared/domain/reservation';
import { wantedOn } from '../shared/domain/wanted';
import { AppError } from '../shared/errors';
import { fileApproval } from './approvals';
import type { Actor } from './context';

export type View = Output<'opportunity.get'>;
/** What a step did: carry on, or wait for an approval; a blocking check throws. */
export type StepOutcome = { wait?: number; data: Record<string, unknown> };
export type StepContext = { db: Db; deal: ops.DealForOps; view: () => View; actor: Actor; today: string; handlingDays: number; notices: Notice[] };
export type Notice = { role: string; title: string; opportunityId: number; reference: string };

const blocked = (message: string, details: Record<string, unknown>) => new AppError('conflict', message, { blocked: true, ...details });

function checkCredit(c: StepContext): StepOutcome {
  const { deal } = c;
  if (deal.erpHold || deal.creditHold) {
    const why = deal.creditHold && deal.holdReason ? ` (${deal.holdReason})` : '';
    throw blocked(`${deal.customerName} is on credit hold${why}: credit control (finance) can lift the hold`, {
      reason: 'blocked.creditHold',
      customer: deal.customerName,
      check: 'credit_hold',
      canLift: ['finance', 'manager'],
    });
  }
  const v = c.view();
  if (v.customerPanel.creditState !== 'approval') return { data: { state: v.customerPanel.creditState, headroom: v.customerPanel.headroom } };
  const granted = latestApproved(c.db, deal.id, 'credit');
  if (granted && Number(granted.figures.amount) >= v.totals.amount) return { data: { state: 'approved', approvalId: granted.id } };
  const pending = pendingApproval(c.db, deal.id, 'credit');
  const id = pending ?? fileApproval(c.db, 'credit', 'Acceptation du devis : dépassement du plafond de crédit', v, c.actor, 'automation');
  return { wait: id, data: { state: 'approval', headroom: v.customerPanel.headroom, approvalId: id } };
}

function checkMargin(c: StepContext): StepOutcome {
  const v = c.view();
  const state = v.guard.state;
  if (state === 'ok' || state === 'below_target') return { data: { state, marginRate: v.totals.marginRate } };
  const granted = latestApproved(c.db, c.deal.id, 'margin');
  const rate = v.totals.marginRate;
  if (granted && rate !== null && typeof granted.figures.marginRate === 'number' && rate >= granted.figures.marginRate)
    return { data: { state: 'approved', approvalId: granted.id, marginRate: rate } };
  if (state === 'below_cost')
    throw blocked(`${v.reference} is sold below cost: a sales manager must approve a margin request before the quote is accepted`, {
      reason: 'blocked.belowCost',
      reference: v.reference,
      check: 'margin_below_cost',
      canLift: ['manager'],
    });
  const pending = pendingApproval(c.db, c.deal.id, 'margin');
  const id = pending ?? fileApproval(c.db, 'margin', 'Acceptation du devis : marge sous le minimum', v, c.actor, 'automation');
  return { wait: id, data: { state, marginRate: rate, approvalId: id } };
}

/** ATP of every product of the deal in every warehouse at a date, less what this run has reserved so far. */
function atpBook(db: Db, productIds: number[]) {
  const stock = readStock(db, productIds);
  const local = readLocalReservations(db, productIds);
  const receipts = readReceipts(db, productIds);
  const taken = new Map<string, number>();
  const same = (productId: number, warehouseId: number) => (x: { productId: number; warehouseId: number }) =>
    x.productId === productId && x.warehouseId === warehouseId;
  return {
    get(productId: number, warehouseId: number, at: string): number {
      const s = stock.find(same(productId, warehouseId));
      const position = {
        onHand: s?.onHand ?? 0,
        reservedErp: s?.reservedErp ?? 0,
        localReserved: local.find(same(productId, warehouseId))?.qty ?? 0,
      };
      const atp = availableToPromise(position, receipts.filter(same(productId, warehouseId)), at);
      return atp - (taken.get(`${productId}:${warehouseId}`) ?? 0);
    },
    take(productId: number, warehouseId: number, qty: number) {
      const k = `${productId}:${warehouseId}`;
      taken.set(k, (taken.get(k) ?? 0) + qty);
    },
  };
}

/** When the customer wants a line: its date, the deal's, or (none given) as soon as the warehouse can ship it. */
const wanted = (c: StepContext, line: ops.LineForOps) => wantedOn([line.requestedDate, c.deal.wantedOn], c.today, c.handlingDays);

function reserveStock(c: StepContext): StepOutcome {
  const lines = ops.linesForOps(c.db, c.deal.id);
  const reserved = ops.reservedByLine(c.db, c.deal.id);
  const short = ops.liveShortageByLine(c.db, c.deal.id);
  const warehouses = ops.warehousesWithCoords(c.db);
  const book = atpBook(c.db, [...new Set(lines.map((l) => l.productId))]);
  const made: { line: number; warehouseId: number; qty: number }[] = [];
  for (const line of lines) {
    const need = line.qty - (reserved.get(line.id) ?? 0) - (short.get(line.id) ?? 0);
    if (need <= 0) continue;
    const at = wanted(c, line);
    const stock = warehouses.map((w) => ({ warehouseId: w.id, atp: book.get(line.productId, w.id, at), lat: w.lat, lon: w.lon }));
    const plan = planReservation(need, line.warehouseId, stock, c.deal.preferredWarehouseId);
    for (const a of plan.allocations) {
      const id = ops.insertReservation(c.db, {
        opportunityId: c.deal.id,
        lineId: line.id,
        productId: line.productId,
        warehouseId: a.warehouseId,
        qty: a.qty,
        at: c.actor.at,
        wantedOn: at,
      });
      book.take(line.productId, a.warehouseId, a.qty);
      writeAudit(c.db, {
        entity: 'reservation',
        entityId: id,
        action: 'create',
        newValue: { lineId: line.id, warehouseId: a.warehouseId, qty: a.qty },
        by: c.actor.userId,
        at: c.actor.at,
        source: 'automation',
      });
      made.push({ line: line.position, warehouseId: a.warehouseId, qty: a.qty });
    }
  }
  return { data: { reservations: made } };
}

function raiseShortages(c: StepContext): StepOutcome {
  const lines = ops.linesForOps(c.db, c.deal.id);
  const reserved = ops.reservedByLine(c.db, c.deal.id);
  const short = ops.liveShortageByLine(c.db, c.deal.id);
  const first = ops.warehousesWithCoords(c.db)[0]?.id;
  const raised: { line: number; productId: number; warehouseId: number; qty: number; neededBy: string }[] = [];
  for (const line of lines) {
    const missing = line.qty - (reserved.get(line.id) ?? 0) - (short.get(line.id) ?? 0);
    const warehouseId = line.warehouseId ?? c.deal.preferredWarehouseId ?? first;
    if (missing <= 0 || warehouseId === undefined) continue;
    const by = neededBy(wanted(c, line), c.handlingDays);
    const id = ops.insertShortage(c.db, {
      opportunityId: c.deal.id,
      lineId: line.id,
      productId: line.productId,
      warehouseId,
      qty: missing,
      neededBy: by,
      at: c.actor.at,
    });
    writeAudit(c.db, {
      entity: 'shortage',
      entityId: id,
      action: 'create',
      newValue: { lineId: line.id, warehouseId, qty: missing, neededBy: by },
      by: c.actor.userId,
      at: c.actor.at,
      source: 'automation',
    });
    raised.push({ line: line.position, productId: line.productId, warehouseId, qty: missing, neededBy: by });
  }
  return { data: { shortages: raised } };
}

function queueSaleOrder(c: StepContext): StepOutcome {
  const subject = `opportunity:${c.deal.id}`;
  const live = ops.liveOutbox(c.db, subject, 'sale_order');
  if (live) return { data: { outboxId: live.id, uuid: live.uuid, already: true } };
  const lines = ops.linesForOps(c.db, c.deal.id);
  const reservations = ops.activeReservations(c.db, c.deal.id);
  const uuid = randomUUID();
  const payload = {
    reference: c.deal.reference,
    customer: { code: c.deal.customerCode, erpId: c.deal.customerErpId },
    lines: lines.map((l) => ({
      productCode: l.productCode,
      productErpId: l.productErpId,
      qty: l.qty,
      unitPrice: l.unitPrice,
      discount: l.discount,
      requestedDate: wanted(c, l),
      reservations: reservations.filter((r) => r.lineId === l.id).map((r) => ({ warehouseCode: r.warehouseCode, qty: r.qty })),
    })),
  };
  const id = ops.insertOutbox(c.db, { uuid, kind: 'sale_order', subject, payload, at: c.actor.at });
  return { data: { outboxId: id, uuid, lines: lines.length } };
}

function roleTask(c: StepContext, a: Extract<AutomationAction, { type: 'create_task' | 'notify' }>): StepOutcome {
  const title = `${a.title} — ${c.deal.reference} ${c.deal.customerName}`;
  if (a.type === 'notify') {
    c.notices.push({ role: a.role, title, opportunityId: c.deal.id, reference: c.deal.reference });
    return { data: { role: a.role, title } };
  }
  const created = ops.insertRoleTask(c.db, {
    opportunityId: c.deal.id,
    customerId: c.deal.customerId,
    role: a.role,
    title,
    dueAt: `${c.today}T17:00:00.000Z`,
    at: c.actor.at,
  });
  return { data: { role: a.role, title, created } };
}

export function runStep(c: StepContext, a: AutomationAction): StepOutcome {
  // exhaustive over the action types of the contract
  switch (a.type) {
    case 'check_credit':
      return checkCredit(c);
    case 'check_margin':
      return checkMargin(c);
    case 'reserve_stock':
      return reserveStock(c);
    case 'raise_shortages':
      return raiseShortages(c);
    case 'queue_sale_order':
      return queueSaleOrder(c);
    case 'create_task':
    case 'notify':
      return roleTask(c, a);
  }
}
