import type { Db } from '../client';
import { prepareCached } from './statements';

/** Reads and writes of the operations side of a deal: reservations, shortages, runs, timeline, tasks. */
const run = (db: Db, sql: string, ...params: unknown[]) => prepareCached(db.$client, sql).run(...params);
const all = <T>(db: Db, sql: string, ...params: unknown[]) => prepareCached(db.$client, sql).all(...params) as T[];
const get = <T>(db: Db, sql: string, ...params: unknown[]) => prepareCached(db.$client, sql).get(...params) as T | undefined;

export type DealForOps = {
  id: number;
  reference: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  customerErpId: string | null;
  preferredWarehouseId: number | null;
  erpHold: boolean;
  creditHold: boolean;
  holdReason: string;
  amount: number;
  wantedOn: string | null;
  stagePosition: number;
  opsState: 'awaiting_approval' | 'committed' | 'released' | null;
};
export type LineForOps = {
  id: number;
  position: number;
  productId: number;
  productCode: string;
  productErpId: string | null;
  categoryId: number | null;
  warehouseId: number | null;
  qty: number;
  unitPrice: number;
  discount: number;
  requestedDate: string | null;
};

export function dealForOps(db: Db, id: number): DealForOps | undefined {
  const r = get<Omit<DealForOps, 'erpHold' | 'creditHold'> & { erpHold: number; creditHold: number }>(
    db,
    `SELECT o.id, o.reference, o.customer_id AS customerId, c.code AS customerCode, c.name AS customerName, c.erp_id AS customerErpId,
       c.preferred_warehouse_id AS preferredWarehouseId, c.on_hold AS erpHold, c.credit_hold AS creditHold, c.hold_reason AS holdReason,
       o.amount, coalesce(o.requested_date, o.expected_close) AS wantedOn, s.position AS stagePosition, o.ops_state AS opsState
     FROM opportunities o JOIN customers c ON c.id = o.customer_id JOIN stages s ON s.id = o.stage_id WHERE o.id = ?`,
    id,
  );
  return r && { ...r, erpHold: r.erpHold === 1, creditHold: r.creditHold === 1 };
}

export function linesForOps(db: Db, opportunityId: number): LineForOps[] {
  return all<LineForOps>(
    db,
    `SELECT l.id, l.position, l.product_id AS productId, p.code AS productCode, p.erp_id AS productErpId, p.category_id AS categoryId,
       l.warehouse_id AS warehouseId, l.qty, l.unit_price AS unitPrice, l.discount, l.requested_date AS requestedDate
     FROM opportunity_lines l JOIN products p ON p.id = l.product_id WHERE l.opportunity_id = ? ORDER BY l.position, l.id`,
    opportunityId,
  );
}

export function setOpsState(db: Db, opportunityId: number, state: DealForOps['opsState'], at: string): void {
  run(db, 'UPDATE opportunities SET ops_state = ?, updated_at = ? WHERE id = ?', state, at, opportunityId);
}

export function warehousesWithCoords(db: Db): { id: number; code: string; lat: number | null; lon: number | null }[] {
  return all(db, 'SELECT id, code, lat, lon FROM warehouses WHERE active = 1 ORDER BY id');
}

export function opsStateOf(db: Db, opportunityId: number): DealForOps['opsState'] {
  return get<{ s: DealForOps['opsState'] }>(db, 'SELECT ops_state AS s FROM opportunities WHERE id = ?', opportunityId)?.s ?? null;
}

/** What is still missing per line: shortages open or ordered, not yet received. */
export function shortByLine(db: Db, opportunityId: number): Map<number, number> {
  const rows = all<{ lineId: number; qty: number }>(
    db,
    "SELECT line_id AS lineId, sum(qty) AS qty FROM shortages WHERE opportunity_id = ? AND status IN ('open', 'requested') GROUP BY line_id",
    opportunityId,
  );
  return new Map(rows.map((r) => [r.lineId, r.qty]));
}

// ---- reservations

export function reservedByLine(db: Db, opportunityId: number): Map<number, number> {
  const rows = all<{ lineId: number; qty: number }>(
    db,
    "SELECT line_id AS lineId, sum(qty) AS qty FROM reservations WHERE opportunity_id = ? AND status = 'active' GROUP BY line_id",
    opportunityId,
  );
  return new Map(rows.map((r) => [r.lineId, r.qty]));
}

export function insertReservation(
  db: Db,
  r: { opportunityId: number; lineId: number; productId: number; warehouseId: number; qty: number; at: string; wantedOn: string },
): number {
  // what the desk judged it against, for the hub to judge it the same way: the ERP's free stock, and the receipts due by then
  return Number(
    run(
      db,
      `INSERT INTO reservations (opportunity_id, line_id, product_id, warehouse_id, qty, status, created_at, stock_seen, stock_as_of, stock_incoming)
       SELECT @opportunityId, @lineId, @productId, @warehouseId, @qty, 'active', @at, s.on_hand - s.reserved_erp, s.as_of,
         (SELECT coalesce(sum(qty), 0) FROM incoming_receipts WHERE product_id = @productId AND warehouse_id = @warehouseId AND active = 1 AND expected_date <= @wantedOn)
       FROM (SELECT 1) LEFT JOIN stock_levels s ON s.product_id = @productId AND s.warehouse_id = @warehouseId`,
      r,
    ).lastInsertRowid,
  );
}

export type ReservationRow = { id: number; lineId: number; productId: number; warehouseId: number; warehouseCode: string; qty: number };

export function activeReservations(db: Db, opportunityId: number): ReservationRow[] {
  return all(
    db,
    `SELECT r.id, r.line_id AS lineId, r.product_id AS productId, r.warehouse_id AS warehouseId, w.code AS warehouseCode, r.qty
     FROM reservations r JOIN warehouses w ON w.id = r.warehouse_id WHERE r.opportunity_id = ? AND r.status = 'active' ORDER BY r.id`,
    opportunityId,
  );
}

export function releaseReservation(db: Db, id: number, at: string): void {
  run(db, "UPDATE reservations SET status = 'released', released_at = ? WHERE id = ? AND status = 'active'", at, id);
}

// ---- shortages

/** What is already short per line (open, ordered or covered): not raised twice. */
export function liveShortageByLine(db: Db, opportunityId: number): Map<number, number> {
  const rows = all<{ lineId: number; qty: number }>(
    db,
    "SELECT line_id AS lineId, sum(qty) AS qty FROM shortages WHERE opportunity_id = ? AND status IN ('open', 'requested', 'covered') GROUP BY line_id",
    opportunityId,
  );
  return new Map(rows.map((r) => [r.lineId, r.qty]));
}

export function insertShortage(
  db: Db,
  s: { opportunityId: number; lineId: number; productId: number; warehouseId: number; qty: number; neededBy: string; at: string },
): number {
  return Number(
    run(
      db,
      `INSERT INTO shortages (opportunity_id, line_id, product_id, warehouse_id, qty, needed_by, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
      s.opportunityId,
      s.lineId,
      s.productId,
      s.warehouseId,
      s.qty,
      s.neededBy,
      s.at,
      s.at,
    ).lastInsertRowid,
  );
}

export function openShortages(db: Db, opportunityId: number): { id: number; qty: number; productId: number; warehouseId: number }[] {
  return all(
    db,
    "SELECT id, qty, product_id AS productId, warehouse_id AS warehouseId FROM shortages WHERE opportunity_id = ? AND status = 'open' ORDER BY id",
    opportunityId,
  );
}

export function setShortageStatus(
  db: Db,
  id: number,
  status: string,
  at: string,
  extra: { reason?: string; outboxId?: number; receiptId?: number; by?: number | null } = {},
): void {
  run(
    db,
    `UPDATE shortages SET status = ?, updated_at = ?, reason = coalesce(?, reason), outbox_id = coalesce(?, outbox_id),
       receipt_id = coalesce(?, receipt_id), decided_by = coalesce(?, decided_by) WHERE id = ?`,
    status,
    at,
    extra.reason ?? null,
    extra.outboxId ?? null,
    extra.receiptId ?? null,
    extra.by ?? null,
    id,
  );
}

// ---- outbox

export type OutboxRow = { id: number; uuid: string; status: string; erpRef: string | null };

/** The live item of a kind about a subject (not cancelled): one sale order per deal. */
export function liveOutbox(db: Db, subject: string, kind: string): OutboxRow | undefined {
  return get(
    db,
    "SELECT id, uuid, status, erp_ref AS erpRef FROM outbox WHERE subject = ? AND kind = ? AND status != 'cancelled' ORDER BY id DESC LIMIT 1",
    subject,
    kind,
  );
}

export function insertOutbox(db: Db, o: { uuid: string; kind: string; subject: string; payload: unknown; at: string }): number {
  return Number(
    run(
      db,
      "INSERT INTO outbox (uuid, kind, subject, payload, status, attempts, next_try_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
      o.uuid,
      o.kind,
      o.subject,
      JSON.stringify(o.payload),
      o.at,
      o.at,
    ).lastInsertRowid,
  );
}

export function cancelOutbox(db: Db, id: number): void {
  run(db, "UPDATE outbox SET status = 'cancelled' WHERE id = ? AND status IN ('pending', 'failed')", id);
}

// ---- runs

export type RunRow = {
  id: number;
  ruleId: number;
  stageId: number;
  trigger: 'enter' | 'leave';
  status: string;
  nextStep: number;
  approvalId: number | null;
};

export function insertRun(
  db: Db,
  r: { opportunityId: number; ruleId: number; stageId: number; trigger: string; at: string; by: number | null },
): number {
  return Number(
    run(
      db,
      "INSERT INTO automation_runs (opportunity_id, rule_id, stage_id, trigger, status, next_step, started_at, updated_at, by) VALUES (?, ?, ?, ?, 'running', 0, ?, ?, ?)",
      r.opportunityId,
      r.ruleId,
      r.stageId,
      r.trigger,
      r.at,
      r.at,
      r.by,
    ).lastInsertRowid,
  );
}

export function updateRun(db: Db, id: number, r: { status: string; nextStep: number; approvalId?: number | null; at: string }): void {
  run(
    db,
    'UPDATE automation_runs SET status = ?, next_step = ?, approval_id = ?, updated_at = ? WHERE id = ?',
    r.status,
    r.nextStep,
    r.approvalId ?? null,
    r.at,
    id,
  );
}

export function waitingRuns(db: Db, opportunityId: number): RunRow[] {
  return all(
    db,
    `SELECT id, rule_id AS ruleId, stage_id AS stageId, trigger, status, next_step AS nextStep, approval_id AS approvalId
     FROM automation_runs WHERE opportunity_id = ? AND status IN ('running', 'awaiting_approval') ORDER BY id`,
    opportunityId,
  );
}

/** This desk's runs waiting for the approval: a run goes on where the deal was moved (TEAM.md), whoever decided. */
export function runsWaitingFor(db: Db, approvalId: number): (RunRow & { opportunityId: number })[] {
  return all(
    db,
    `SELECT id, opportunity_id AS opportunityId, rule_id AS ruleId, stage_id AS stageId, trigger, status, next_step AS nextStep, approval_id AS approvalId
     FROM automation_runs WHERE approval_id = ? AND status = 'awaiting_approval'
       AND (desk_uid IS NULL OR desk_uid = (SELECT value FROM team_state WHERE key = 'deskId'))`,
    approvalId,
  );
}

// ---- timeline and tasks

export function insertTimeline(
  db: Db,
  t: { opportunityId: number; customerId: number; step: string; data: unknown; at: string; by: number | null },
): void {
  run(
    db,
    "INSERT INTO timeline_entries (opportunity_id, customer_id, kind, body, data, at, by) VALUES (?, ?, 'automation', ?, ?, ?, ?)",
    t.opportunityId,
    t.customerId,
    t.step,
    JSON.stringify(t.data),
    t.at,
    t.by,
  );
}

/** What automation did to a deal, newest first; a sale order queued says where it stands now and the ERP's number once it has one. */
export function readTimeline(db: Db, opportunityId: number) {
  return all<{ kind: string; step: string; data: string | null; at: string; by: string | null; so_status: string | null; so_ref: string | null }>(
    db,
    `SELECT t.kind, t.body AS step, t.data, t.at, u.name AS by, o.status AS so_status, o.erp_ref AS so_ref
     FROM timeline_entries t LEFT JOIN users u ON u.id = t.by
     LEFT JOIN outbox o ON t.body = 'queue_sale_order' AND o.id = json_extract(t.data, '$.outboxId')
     WHERE t.opportunity_id = ? ORDER BY t.at DESC, t.id DESC LIMIT 500`,
    opportunityId,
  ).map(({ so_status, so_ref, ...r }) => ({
    ...r,
    data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : {},
    ...(so_status ? { saleOrder: { status: so_status as 'pending', erpRef: so_ref } } : {}),
  }));
}

/** A task for a role on a deal, unless the same one is still open. Returns whether it was created. */
export function insertRoleTask(
  db: Db,
  t: { opportunityId: number; customerId: number; role: string; title: string; dueAt: string; at: string },
): boolean {
  const open = get(
    db,
    'SELECT 1 FROM activities WHERE opportunity_id = ? AND role = ? AND title = ? AND done_at IS NULL',
    t.opportunityId,
    t.role,
    t.title,
  );
  if (open) return false;
  run(
    db,
    "INSERT INTO activities (opportunity_id, customer_id, kind, title, due_at, role, source, created_at) VALUES (?, ?, 'task', ?, ?, ?, 'automation', ?)",
    t.opportunityId,
    t.customerId,
    t.title,
    t.dueAt,
    t.role,
    t.at,
  );
  return true;
}

// ---- automation rules (rules of kind 'automation', scope 'stage')

export type AutomationRuleRow = { id: number; stageId: number; stageName: string; params: string; active: number; updatedAt: string };

export function automationRules(db: Db, stageId?: number): AutomationRuleRow[] {
  return all(
    db,
    `SELECT r.id, r.scope_id AS stageId, s.name AS stageName, r.params, r.active, r.updated_at AS updatedAt FROM rules r
     JOIN stages s ON s.id = r.scope_id WHERE r.kind = 'automation' AND r.scope = 'stage' AND (? IS NULL OR r.scope_id = ?)
     ORDER BY s.position, r.position, r.id`,
    stageId ?? null,
    stageId ?? null,
  );
}

export function insertAutomationRule(db: Db, stageId: number, params: unknown, active: boolean, at: string): number {
  return Number(
    run(
      db,
      "INSERT INTO rules (kind, scope, scope_id, params, active, updated_at) VALUES ('automation', 'stage', ?, ?, ?, ?)",
      stageId,
      JSON.stringify(params),
      active ? 1 : 0,
      at,
    ).lastInsertRowid,
  );
}

export function updateAutomationRule(db: Db, id: number, stageId: number, params: unknown, active: boolean, at: string): void {
  run(
    db,
    "UPDATE rules SET scope_id = ?, params = ?, active = ?, updated_at = ? WHERE id = ? AND kind = 'automation'",
    stageId,
    JSON.stringify(params),
    active ? 1 : 0,
    at,
    id,
  );
}

export function deleteAutomationRule(db: Db, id: number): void {
  run(db, "DELETE FROM rules WHERE id = ? AND kind = 'automation'", id);
}
