import type { Db } from '../../db/client';
import { auditChanges, writeAudit, type AuditRecord } from '../../db/queries/audit';
import * as w from '../../db/queries/opportunity-write';
import { insertStageHistory } from '../../db/queries/opportunity-stage';
import { automationRules } from '../../db/queries/operations';
import { firstOpenStageId, getStage } from '../../db/queries/stages';
import { refreshOpportunityTotals } from '../../db/queries/totals';
import type { ParsedInput } from '../shared/contract';
import { AppError, notFound } from '../shared/errors';
import type { Actor } from './context';

type Ref = 'customers' | 'products' | 'warehouses' | 'users' | 'stages' | 'product_categories' | 'suppliers';
const WHAT: Record<Ref, string> = {
  customers: 'Customer',
  products: 'Product',
  warehouses: 'Warehouse',
  users: 'User',
  stages: 'Stage',
  product_categories: 'Category',
  suppliers: 'Supplier',
};

/** A stage a deal or a rule may name: one that exists and is in use, else refused on `stageId`. */
export function activeStage(db: Db, stageId: number) {
  const stage = getStage(db, stageId);
  if (!stage?.active)
    throw new AppError('not_found', `Stage ${stageId} does not exist`, {
      issues: [{ path: 'stageId', message: 'unknown stage', reason: 'unknown' }],
    });
  return stage;
}

/** Unknown ids are refused with the field that carries them. */
export function requireRef(db: Db, table: Ref, id: number | null | undefined, field: string) {
  if (id === null || id === undefined) return;
  if (!w.exists(db, table, id))
    throw new AppError('not_found', `${WHAT[table]} ${id} does not exist`, {
      issues: [{ path: field, message: `unknown ${WHAT[table].toLowerCase()}`, reason: 'unknown' }],
    });
}

/**
 * Editing a deal and its lines. Every change runs in one transaction, is audited field by field,
 * and recomputes the deal's totals with the shared math: nothing the renderer computed is trusted.
 */
export function createEditing(db: Db, today: () => string) {
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn)();
  const base = (entity: string, entityId: number, a: Actor): Omit<AuditRecord, 'action'> => ({
    entity,
    entityId,
    by: a.userId,
    at: a.at,
    source: 'user',
  });
  const opportunity = (id: number) =>
    w.readOpportunity(db, id) ??
    (() => {
      throw notFound('Opportunity', id);
    })();
  const line = (id: number) =>
    w.readLine(db, id) ??
    (() => {
      throw new AppError('not_found', `Line ${id} does not exist`, { issues: [{ path: 'lineId', message: 'unknown line', reason: 'unknown' }] });
    })();
  const settle = (opportunityId: number, a: Actor) => {
    w.touchOpportunity(db, opportunityId, a.at);
    refreshOpportunityTotals(db, { today: today(), ids: [opportunityId] });
  };
  const renumber = (opportunityId: number, ordered: w.LineRecord[], a: Actor) =>
    ordered.forEach((l, i) => {
      if (l.position === i + 1) return;
      w.updateLine(db, l.id, { position: i + 1 });
      writeAudit(db, { ...base('opportunity_line', l.id, a), action: 'update', field: 'position', oldValue: l.position, newValue: i + 1 });
    });

  return {
    create: (input: ParsedInput<'opportunity.create'>, a: Actor): number =>
      tx(() => {
        requireRef(db, 'customers', input.customerId, 'customerId');
        requireRef(db, 'users', input.ownerId, 'ownerId');
        const stageId = input.stageId ?? firstOpenStageId(db) ?? 0;
        const stage = activeStage(db, stageId);
        // a deal starts in an open stage without rules: any other is reached by a stage move, through its checks
        if (stage.kind !== 'open' || automationRules(db, stageId).some((r) => r.active === 1))
          throw new AppError('invalid_input', `A deal cannot be created in « ${stage.name} »: create it in an open stage, then move it there`, {
            reason: 'deal.createInOpenStage',
            stage: stage.name,
            issues: [{ path: 'stageId', message: 'a deal is created in an open stage without automation, then moved' }],
          });
        const record = {
          reference: w.nextReference(db, a.at.slice(0, 4)),
          customerId: input.customerId,
          title: input.title,
          ownerId: input.ownerId ?? a.userId,
          stageId,
          probability: stage.probability,
          expectedClose: input.expectedClose ?? null,
          requestedDate: input.requestedDate ?? null,
          notes: input.notes ?? '',
        };
        const id = w.insertOpportunity(db, record, a.at, a.userId);
        insertStageHistory(db, { opportunityId: id, fromStageId: null, toStageId: stageId, at: a.at, by: a.userId });
        writeAudit(db, { ...base('opportunity', id, a), action: 'create', newValue: record });
        return id;
      }),

    update: ({ id, ...changes }: ParsedInput<'opportunity.update'>, a: Actor) =>
      tx(() => {
        const before = opportunity(id);
        requireRef(db, 'customers', changes.customerId, 'customerId');
        requireRef(db, 'users', changes.ownerId, 'ownerId');
        w.updateOpportunity(db, before, changes, a.at);
        auditChanges(db, base('opportunity', id, a), before, changes);
        settle(id, a);
      }),

    addLine: ({ opportunityId, ...l }: ParsedInput<'opportunity.addLine'>, a: Actor) =>
      tx(() => {
        opportunity(opportunityId);
        requireRef(db, 'products', l.productId, 'productId');
        requireRef(db, 'warehouses', l.warehouseId, 'warehouseId');
        const position = w.readLines(db, opportunityId).length + 1;
        const record = { opportunityId, position, ...l, unitPrice: l.unitPrice ?? w.listPrice(db, l.productId)! };
        const id = w.insertLine(db, record);
        writeAudit(db, { ...base('opportunity_line', id, a), action: 'create', newValue: record });
        settle(opportunityId, a);
      }),

    updateLine: ({ lineId, ...changes }: ParsedInput<'opportunity.updateLine'>, a: Actor): number =>
      tx(() => {
        const before = line(lineId);
        requireRef(db, 'products', changes.productId, 'productId');
        requireRef(db, 'warehouses', changes.warehouseId, 'warehouseId');
        w.updateLine(db, lineId, changes);
        auditChanges(db, base('opportunity_line', lineId, a), before, changes);
        settle(before.opportunityId, a);
        return before.opportunityId;
      }),

    /**
     * Rows pasted from a spreadsheet: a product already on the deal has its line updated (quantity,
     * and price or discount when given), another one gets a new line at its list price. One
     * transaction: an unknown code is named by its row and nothing changes.
     */
    pasteLines: ({ opportunityId, rows }: ParsedInput<'opportunity.pasteLines'>, a: Actor) =>
      tx(() => {
        opportunity(opportunityId);
        const ids = w.productIdsByCode(
          db,
          rows.map((r) => r.productCode),
        );
        const unknown = rows.flatMap((r, i) => (ids.has(r.productCode.toUpperCase()) ? [] : [i]));
        if (unknown.length)
          throw new AppError('not_found', `Unknown product codes: ${unknown.map((i) => rows[i]!.productCode).join(', ')}`, {
            reason: 'paste.unknownProducts',
            issues: unknown.map((i) => ({ path: `rows.${i}.productCode`, message: `unknown product ${rows[i]!.productCode}`, reason: 'unknown' })),
          });
        let lines = w.readLines(db, opportunityId);
        for (const r of rows) {
          const productId = ids.get(r.productCode.toUpperCase())!;
          const existing = lines.find((l) => l.productId === productId);
          const changes = {
            qty: r.qty,
            ...(r.unitPrice !== undefined ? { unitPrice: r.unitPrice } : {}),
            ...(r.discount !== undefined ? { discount: r.discount } : {}),
          };
          if (existing) {
            w.updateLine(db, existing.id, changes);
            auditChanges(db, base('opportunity_line', existing.id, a), existing, changes);
          } else {
            const record = {
              opportunityId,
              position: lines.length + 1,
              productId,
              warehouseId: null,
              discount: 0,
              requestedDate: null,
              ...changes,
              unitPrice: r.unitPrice ?? w.listPrice(db, productId)!,
            };
            const id = w.insertLine(db, record);
            writeAudit(db, { ...base('opportunity_line', id, a), action: 'create', newValue: record });
          }
          lines = w.readLines(db, opportunityId);
        }
        settle(opportunityId, a);
      }),

    duplicateLine: (lineId: number, a: Actor): number =>
      tx(() => {
        const source = line(lineId);
        const lines = w.readLines(db, source.opportunityId);
        const { id: _id, ...copy } = source;
        const id = w.insertLine(db, { ...copy, position: lines.length + 1 });
        writeAudit(db, { ...base('opportunity_line', id, a), action: 'create', newValue: { ...copy, duplicateOf: lineId } });
        const ordered = [...lines];
        ordered.splice(ordered.findIndex((l) => l.id === lineId) + 1, 0, { ...copy, id, position: lines.length + 1 });
        renumber(source.opportunityId, ordered, a);
        settle(source.opportunityId, a);
        return source.opportunityId;
      }),

    deleteLine: (lineId: number, a: Actor): number =>
      tx(() => {
        const before = line(lineId);
        w.deleteLine(db, lineId);
        writeAudit(db, { ...base('opportunity_line', lineId, a), action: 'delete', oldValue: before });
        renumber(before.opportunityId, w.readLines(db, before.opportunityId), a);
        settle(before.opportunityId, a);
        return before.opportunityId;
      }),

    moveLine: (lineId: number, toPosition: number, a: Actor): number =>
      tx(() => {
        const moving = line(lineId);
        const others = w.readLines(db, moving.opportunityId).filter((l) => l.id !== lineId);
        others.splice(Math.min(toPosition, others.length + 1) - 1, 0, moving);
        renumber(moving.opportunityId, others, a);
        settle(moving.opportunityId, a);
        return moving.opportunityId;
      }),
  };
}
