import type { OpportunityHistory } from '../../electron/shared/contract';
import type { Db } from '../client';
import { readTimeline } from './operations';
import { prepareCached } from './statements';

export type StageMove = { opportunityId: number; fromStageId: number; toStageId: number; probability: number; at: string; by: number | null };

export type CurrentStage = { stageId: number; probability: number; lostReason: string | null; lostNote: string | null };

export function currentStage(db: Db, opportunityId: number): CurrentStage | undefined {
  return prepareCached(
    db.$client,
    'SELECT stage_id AS stageId, probability, lost_reason AS lostReason, lost_note AS lostNote FROM opportunities WHERE id = ?',
  ).get(opportunityId) as CurrentStage | undefined;
}

/** Why a deal was lost (null once it leaves the lost stage; the audit keeps what it was). */
export function writeLostReason(db: Db, opportunityId: number, reason: string | null, note: string | null): void {
  prepareCached(db.$client, 'UPDATE opportunities SET lost_reason = ?, lost_note = ? WHERE id = ?').run(reason, note, opportunityId);
}

/** Moves a deal to a stage: the stage, its probability, "days in stage" restarts, and one history row. */
export function writeStageMove(db: Db, m: StageMove): void {
  prepareCached(db.$client, 'UPDATE opportunities SET stage_id = ?, probability = ?, stage_entered_at = ?, updated_at = ? WHERE id = ?').run(
    m.toStageId,
    m.probability,
    m.at,
    m.at,
    m.opportunityId,
  );
  insertStageHistory(db, m);
}

/** One row of a deal's stage history; fromStageId is null when the deal is created. */
export function insertStageHistory(
  db: Db,
  h: { opportunityId: number; fromStageId: number | null; toStageId: number; at: string; by: number | null },
): void {
  prepareCached(
    db.$client,
    'INSERT INTO stage_history (opportunity_id, from_stage_id, to_stage_id, changed_at, changed_by) VALUES (?, ?, ?, ?, ?)',
  ).run(h.opportunityId, h.fromStageId, h.toStageId, h.at, h.by);
}

/** Audit values as a person reads them: a stage by its name, a warehouse by its code, not their ids. */
function readableValue(db: Db): (field: string | null, json: string | null) => unknown {
  const lookup = (sql: string) => new Map((prepareCached(db.$client, sql).all() as { id: number; label: string }[]).map((r) => [r.id, r.label]));
  const labels: Record<string, Map<number, string>> = {
    stageId: lookup('SELECT id, name AS label FROM stages'),
    warehouseId: lookup('SELECT id, code AS label FROM warehouses'),
  };
  const productCode = (id: number) => prepareCached(db.$client, 'SELECT code FROM products WHERE id = ?').pluck().get(id) as string | undefined;
  return (field, json) => {
    if (json === null) return null;
    const value = JSON.parse(json) as unknown;
    // a whole record (a line added or removed): its product and warehouse by code
    if (field === null && value !== null && typeof value === 'object') {
      const r = { ...(value as Record<string, unknown>) };
      if (typeof r.productId === 'number') r.productId = productCode(r.productId) ?? r.productId;
      if (typeof r.warehouseId === 'number') r.warehouseId = labels.warehouseId!.get(r.warehouseId) ?? r.warehouseId;
      return r;
    }
    const names = field === null ? undefined : labels[field];
    return names && typeof value === 'number' ? (names.get(value) ?? value) : value;
  };
}

/** The stage history and the audit trail of one deal (its lines included), newest first. */
export function readOpportunityHistory(db: Db, opportunityId: number): OpportunityHistory {
  const stages = prepareCached(
    db.$client,
    `SELECT f.name AS fromStage, t.name AS toStage, h.changed_at AS at, u.name AS by FROM stage_history h
      LEFT JOIN stages f ON f.id = h.from_stage_id JOIN stages t ON t.id = h.to_stage_id LEFT JOIN users u ON u.id = h.changed_by
      WHERE h.opportunity_id = ? ORDER BY h.changed_at DESC, h.id DESC`,
  ).all(opportunityId) as OpportunityHistory['stages'];
  const readable = readableValue(db);
  const audit = (
    prepareCached(
      db.$client,
      `SELECT a.entity, a.entity_id AS entityId, a.action, a.field, a.old_value AS oldValue, a.new_value AS newValue, u.name AS by, a.at, a.source
        FROM audit_log a LEFT JOIN users u ON u.id = a.by
        WHERE (a.entity = 'opportunity' AND a.entity_id = @id)
           OR (a.entity = 'opportunity_line' AND a.entity_id IN (SELECT id FROM opportunity_lines WHERE opportunity_id = @id))
        ORDER BY a.at DESC, a.id DESC LIMIT 500`,
    ).all({ id: opportunityId }) as (Omit<OpportunityHistory['audit'][number], 'oldValue' | 'newValue'> & {
      oldValue: string | null;
      newValue: string | null;
    })[]
  ).map((a) => ({
    ...a,
    oldValue: readable(a.field, a.oldValue),
    newValue: readable(a.field, a.newValue),
  }));
  return { stages, audit, timeline: readTimeline(db, opportunityId) };
}
