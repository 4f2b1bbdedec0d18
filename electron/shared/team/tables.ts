/**
 * The team's app-owned tables as the desk and the hub share them (TEAM.md): for each, how its
 * changes merge and, per field, its kind and what it refers to. One home for capture (the desk's
 * triggers), apply (the desk) and the rules (the hub). Derived columns (totals, search text,
 * demand) are not here: each desk computes them again from what it holds.
 */
export type Merge =
  /** records that only ever get added: never a conflict */
  | 'append'
  /** edited records: per field, last writer in hub order wins, money and quantities from an older version conflict */
  | 'edited';

/** ERP-owned tables a team row may point to: sent as the ERP's id, or `code:<code>` for rows without one (the demo). */
export type ErpTable = 'customers' | 'products' | 'warehouses' | 'suppliers' | 'product_categories';

/** In the order a desk uploads them: a row's references come before it. */
export type TeamTable =
  | 'company_settings'
  | 'stages'
  | 'rules'
  | 'opportunities'
  | 'opportunity_lines'
  | 'stage_history'
  | 'reservations'
  | 'shortages'
  | 'approvals'
  | 'credit_holds'
  | 'automation_runs'
  | 'activities'
  | 'timeline_entries'
  | 'documents'
  | 'audit_log'
  | 'purchase_drafts'
  | 'purchase_draft_lines';

export type FieldType = 'text' | 'int' | 'bool' | 'json' | 'money' | 'qty';
export type Ref =
  | { app: TeamTable }
  | { erp: ErpTable }
  | { user: true }
  /** the target's table is named by another field's value (audit: entity, rules: scope) */
  | { by: string; map: Record<string, { app: TeamTable } | { erp: ErpTable }> };
export type Field = { type: FieldType; ref?: Ref };

const text: Field = { type: 'text' };
const int: Field = { type: 'int' };
const bool: Field = { type: 'bool' };
const json: Field = { type: 'json' };
const money: Field = { type: 'money' };
const qty: Field = { type: 'qty' };
const app = (t: TeamTable): Field => ({ type: 'int', ref: { app: t } });
const erp = (t: ErpTable): Field => ({ type: 'int', ref: { erp: t } });
const user: Field = { type: 'int', ref: { user: true } };

export type TableSpec = {
  merge: Merge;
  fields: Record<string, Field>;
  /**
   * One row per value of this field (a reference): its uid is made from that value, so desks that
   * create it apart make the same row, and the hub takes a second creation as an edit.
   */
  keyedBy?: string;
};

export const TEAM_TABLES = {
  company_settings: {
    merge: 'edited',
    keyedBy: 'key',
    fields: { key: text, value: json, updatedBy: user, updatedAt: text },
  },
  stages: {
    merge: 'edited',
    fields: { code: text, name: text, position: int, probability: int, kind: text, stagnationDays: int, active: bool },
  },
  rules: {
    merge: 'edited',
    fields: {
      kind: text,
      scope: text,
      scopeId: {
        type: 'int',
        ref: { by: 'scope', map: { category: { erp: 'product_categories' }, customer: { erp: 'customers' }, stage: { app: 'stages' } } },
      },
      position: int,
      params: json,
      active: bool,
      updatedAt: text,
    },
  },
  opportunities: {
    merge: 'edited',
    fields: {
      reference: text,
      customerId: erp('customers'),
      title: text,
      ownerId: user,
      stageId: app('stages'),
      probability: int,
      expectedClose: text,
      requestedDate: text,
      notes: text,
      stageEnteredAt: text,
      opsState: text,
      lostReason: text,
      lostNote: text,
      createdAt: text,
      updatedAt: text,
      createdBy: user,
    },
  },
  opportunity_lines: {
    merge: 'edited',
    fields: {
      opportunityId: app('opportunities'),
      position: int,
      productId: erp('products'),
      warehouseId: erp('warehouses'),
      qty,
      unitPrice: money,
      discount: money,
      requestedDate: text,
      note: text,
    },
  },
  stage_history: {
    merge: 'append',
    fields: { opportunityId: app('opportunities'), fromStageId: app('stages'), toStageId: app('stages'), changedAt: text, changedBy: user },
  },
  reservations: {
    merge: 'edited',
    fields: {
      opportunityId: app('opportunities'),
      lineId: app('opportunity_lines'),
      productId: erp('products'),
      warehouseId: erp('warehouses'),
      qty,
      status: text,
      createdAt: text,
      releasedAt: text,
      stockSeen: int,
      stockAsOf: text,
      stockIncoming: int,
    },
  },
  shortages: {
    merge: 'edited',
    fields: {
      opportunityId: app('opportunities'),
      lineId: app('opportunity_lines'),
      productId: erp('products'),
      warehouseId: erp('warehouses'),
      qty,
      neededBy: text,
      status: text,
      reason: text,
      createdAt: text,
      updatedAt: text,
      decidedBy: user,
    },
  },
  approvals: {
    merge: 'edited',
    fields: {
      opportunityId: app('opportunities'),
      kind: text,
      status: text,
      requestedBy: user,
      requestedAt: text,
      reason: text,
      figures: json,
      decidedBy: user,
      decidedAt: text,
      comment: text,
    },
  },
  credit_holds: {
    merge: 'edited',
    keyedBy: 'customerId',
    fields: { customerId: erp('customers'), hold: bool, reason: text, decidedBy: user, decidedAt: text },
  },
  automation_runs: {
    merge: 'edited',
    fields: {
      opportunityId: app('opportunities'),
      ruleId: app('rules'),
      stageId: app('stages'),
      trigger: text,
      status: text,
      nextStep: int,
      approvalId: app('approvals'),
      startedAt: text,
      updatedAt: text,
      by: user,
      deskUid: text,
    },
  },
  activities: {
    merge: 'edited',
    // a reminder rule's follow-up is one row for the team, whichever desks swept it
    keyedBy: 'occasion',
    fields: {
      opportunityId: app('opportunities'),
      customerId: erp('customers'),
      kind: text,
      title: text,
      notes: text,
      dueAt: text,
      doneAt: text,
      doneBy: user,
      outcome: text,
      ownerId: user,
      role: text,
      recurrence: json,
      source: text,
      occasion: text,
      createdAt: text,
      createdBy: user,
    },
  },
  timeline_entries: {
    merge: 'append',
    fields: { opportunityId: app('opportunities'), customerId: erp('customers'), kind: text, body: text, data: json, at: text, by: user },
  },
  // what a document is and where it belongs; its content goes to the hub by its hash (core/documents)
  documents: {
    merge: 'append',
    fields: {
      opportunityId: app('opportunities'),
      customerId: erp('customers'),
      hash: text,
      name: text,
      mime: text,
      size: int,
      addedAt: text,
      addedBy: user,
    },
  },
  audit_log: {
    merge: 'append',
    fields: {
      entity: text,
      entityId: {
        type: 'int',
        ref: {
          by: 'entity',
          map: {
            opportunity: { app: 'opportunities' },
            opportunity_line: { app: 'opportunity_lines' },
            stage: { app: 'stages' },
            reservation: { app: 'reservations' },
            approval: { app: 'approvals' },
            rule: { app: 'rules' },
            shortage: { app: 'shortages' },
            purchase_draft: { app: 'purchase_drafts' },
            purchase_draft_line: { app: 'purchase_draft_lines' },
            customer: { erp: 'customers' },
          },
        },
      },
      action: text,
      field: text,
      oldValue: json,
      newValue: json,
      by: user,
      at: text,
      source: text,
    },
  },
  purchase_drafts: {
    merge: 'edited',
    fields: { supplierId: erp('suppliers'), status: text, createdBy: user, createdAt: text, updatedAt: text, sentAt: text },
  },
  purchase_draft_lines: {
    merge: 'edited',
    fields: {
      draftId: app('purchase_drafts'),
      shortageId: app('shortages'),
      productId: erp('products'),
      warehouseId: erp('warehouses'),
      neededQty: qty,
      qty,
      unitPrice: money,
      neededBy: text,
    },
  },
} as const satisfies Record<TeamTable, TableSpec>;

export const TEAM_TABLE_NAMES = Object.keys(TEAM_TABLES) as TeamTable[];
/** Audit rows about this desk's own link to the ERP stay on the desk. */
export const LOCAL_AUDIT_ENTITIES = ['outbox', 'erp_connection'] as const;

export function isTeamTable(t: string): t is TeamTable {
  return Object.prototype.hasOwnProperty.call(TEAM_TABLES, t);
}
export function tableSpec(t: TeamTable): TableSpec {
  return TEAM_TABLES[t];
}
/** Money and quantities: changed from an older version than the hub's, they are listed as conflicts, never merged. */
export const guardsConflicts = (f: Field) => f.type === 'money' || f.type === 'qty';
/** The SQLite column of a field (the schema's snake_case). */
export const columnOf = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
