import type { Output } from '../../electron/shared/contract';
import { sumFigures } from '../../electron/shared/domain/costing';
import { margin, weighted } from '../../electron/shared/money';
import { notFound } from '../../electron/shared/errors';
import type { Db } from '../client';
import { BEST_SUPPLIER_PRICE_SQL, ERP_UNIT_COST_SQL, figuresOf } from './line-costs';
import { prepareCached } from './statements';
import { DAYS_IN_STAGE_SQL, STAGE_THRESHOLDS_SQL, STAGNANT_DAYS_SQL } from './stagnation';
import { readCosting, type Costing } from './settings';

type Header = {
  id: number;
  reference: string;
  title: string;
  probability: number;
  expected_close: string | null;
  requested_date: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
  stage_entered_at: string;
  days_in_stage: number;
  stagnant_days: number | null;
  customer_id: number;
  customer_code: string;
  customer_name: string;
  customer_city: string;
  on_hold: number;
  credit_limit: number;
  outstanding: number;
  overdue: number;
  overdue30: number;
  overdue60: number;
  overdue90: number;
  overdue_over90: number;
  credit_as_of: string | null;
  owner_id: number | null;
  owner_name: string | null;
  stage_id: number;
  stage_name: string;
  stage_kind: 'open' | 'won' | 'lost';
  lost_reason: string | null;
  lost_note: string | null;
};

type LineRow = {
  id: number;
  position: number;
  product_id: number;
  product_code: string;
  product_name: string;
  unit: string;
  cost_as_of: string | null;
  category_id: number | null;
  warehouse_id: number | null;
  warehouse_name: string | null;
  qty: number;
  unit_price: number;
  discount: number;
  requested_date: string | null;
  erp_unit_cost: number | null;
  best_supplier_price: number | null;
};

type Detail = Output<'opportunity.get'>;
export type BaseLine = Omit<Detail['lines'][number], 'insight' | 'operations'> & { categoryId: number | null };
/** The deal, its lines and their figures; the 360° insights are added by core. */
export type OpportunityBase = Omit<Detail, 'lines' | 'guard' | 'pricing' | 'opsState' | 'customerPanel' | 'warehouses' | 'approvals'> & {
  lines: BaseLine[];
};

export const HEADER_SQL = `SELECT o.id, o.reference, o.title, o.probability, o.expected_close, o.requested_date, o.notes, o.created_at, o.updated_at,
  o.stage_entered_at, ${DAYS_IN_STAGE_SQL} AS days_in_stage, ${STAGNANT_DAYS_SQL} AS stagnant_days,
  c.id AS customer_id, c.code AS customer_code, c.name AS customer_name, c.city AS customer_city, (c.on_hold OR c.credit_hold) AS on_hold, c.credit_limit, c.outstanding,
  c.overdue, c.overdue30, c.overdue60, c.overdue90, c.overdue_over90, c.credit_as_of, u.id AS owner_id, u.name AS owner_name, s.id AS stage_id, s.name AS stage_name, s.kind AS stage_kind, o.lost_reason, o.lost_note
  FROM opportunities o JOIN customers c ON c.id = o.customer_id JOIN stages s ON s.id = o.stage_id LEFT JOIN users u ON u.id = o.owner_id
    JOIN ${STAGE_THRESHOLDS_SQL} th ON th.stage_id = o.stage_id
  WHERE o.id = @id`;

export const LINES_SQL = `SELECT l.id, l.position, l.product_id, p.code AS product_code, p.name AS product_name, p.unit, p.cost_as_of, p.category_id,
  l.warehouse_id, w.name AS warehouse_name, l.qty, l.unit_price, l.discount, l.requested_date,
  ${ERP_UNIT_COST_SQL} AS erp_unit_cost, ${BEST_SUPPLIER_PRICE_SQL} AS best_supplier_price
  FROM opportunity_lines l JOIN products p ON p.id = l.product_id LEFT JOIN warehouses w ON w.id = l.warehouse_id
  WHERE l.opportunity_id = @id ORDER BY l.position, l.id`;

function toLine(l: LineRow, costing: Costing): BaseLine {
  const f = figuresOf(l, costing);
  return {
    id: l.id,
    position: l.position,
    productId: l.product_id,
    productCode: l.product_code,
    productName: l.product_name,
    unit: l.unit as BaseLine['unit'],
    categoryId: l.category_id,
    warehouseId: l.warehouse_id,
    warehouseName: l.warehouse_name,
    qty: l.qty,
    unitPrice: l.unit_price,
    discount: l.discount,
    requestedDate: l.requested_date,
    ...f,
  };
}

/** One opportunity with its lines, each line's costs and margin, and the deal totals. */
export function getOpportunity(db: Db, id: number, now = new Date().toISOString()): OpportunityBase {
  const raw = db.$client;
  const h = prepareCached(raw, HEADER_SQL).get({ id, now }) as Header | undefined;
  if (!h) throw notFound('Opportunity', id);
  const costing = readCosting(db);
  const rows = prepareCached(raw, LINES_SQL).all({ id, today: now.slice(0, 10) }) as LineRow[];
  const lines = rows.map((l) => toLine(l, costing));
  const costsAsOf = rows.reduce<string | null>((min, l) => (l.cost_as_of && (!min || l.cost_as_of < min) ? l.cost_as_of : min), null);
  const sum = sumFigures(lines);
  const m = margin(sum.amount, sum.cost);
  return {
    id: h.id,
    reference: h.reference,
    title: h.title,
    customer: {
      id: h.customer_id,
      code: h.customer_code,
      name: h.customer_name,
      city: h.customer_city,
      onHold: h.on_hold === 1,
      creditLimit: h.credit_limit,
      outstanding: h.outstanding,
      overdue: h.overdue,
      ageing: [h.overdue30, h.overdue60, h.overdue90, h.overdue_over90],
      creditAsOf: h.credit_as_of,
    },
    owner: h.owner_id === null ? null : { id: h.owner_id, name: h.owner_name ?? '' },
    stage: { id: h.stage_id, name: h.stage_name, kind: h.stage_kind },
    lost: h.lost_reason === null ? null : { reason: h.lost_reason, note: h.lost_note ?? '' },
    probability: h.probability,
    expectedClose: h.expected_close,
    requestedDate: h.requested_date,
    notes: h.notes,
    createdAt: h.created_at,
    updatedAt: h.updated_at,
    stageEnteredAt: h.stage_entered_at,
    daysInStage: h.days_in_stage,
    stagnantDays: h.stagnant_days,
    costBasis: costing.basis,
    lines,
    totals: { amount: m.amount, cost: m.cost, margin: m.margin, marginRate: m.marginRate, weightedAmount: weighted(m.amount, h.probability) },
    costsAsOf,
  };
}
