import { z } from 'zod';
import { checkColumnFilter, columnFilter, sortDirection } from './grid-filter';
import { lineOperations, opsState } from './automation';
import { approval, customerPanel, dealGuard, dealPricing, guardState, lineInsight } from './workspace';
import { id, isoDate, isoStamp, moneyInt, percent, qtyInt, rateInt, searchText, stageKind, unit } from './common';

/** Columns of the opportunities grid; each can be sorted and filtered by core. */
export const opportunityColumn = z.enum([
  'reference',
  'customerName',
  'title',
  'ownerName',
  'stageName',
  'probability',
  'amount',
  'weightedAmount',
  'marginRate',
  'expectedClose',
  'daysInStage',
  'stagnantDays',
  'nextActivityAt',
]);
export type OpportunityColumn = z.infer<typeof opportunityColumn>;

/** The kind of filter each column takes. */
export const OPPORTUNITY_COLUMN_KINDS: Record<OpportunityColumn, 'text' | 'number' | 'date'> = {
  reference: 'text',
  customerName: 'text',
  title: 'text',
  ownerName: 'text',
  stageName: 'text',
  probability: 'number',
  amount: 'number',
  weightedAmount: 'number',
  marginRate: 'number',
  expectedClose: 'date',
  daysInStage: 'number',
  stagnantDays: 'number',
  nextActivityAt: 'date',
};

export const opportunitiesListInput = z
  .object({
    search: searchText.optional(),
    stageKinds: z.array(stageKind).max(3).optional(),
    filters: z.partialRecord(opportunityColumn, columnFilter).optional(),
    sort: z
      .array(z.object({ colId: opportunityColumn, sort: sortDirection }))
      .max(5)
      .optional(),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(5_000).default(100),
    /** The count and totals of the whole filtered set cost a scan: ask for them on the first page only. */
    withTotals: z.boolean().default(true),
  })
  .superRefine((input, ctx) => {
    for (const [col, model] of Object.entries(input.filters ?? {})) {
      if (model) checkColumnFilter(model, OPPORTUNITY_COLUMN_KINDS[col as OpportunityColumn], ['filters', col], ctx);
    }
  });

export const opportunityRow = z.object({
  id,
  reference: z.string(),
  customerId: id,
  customerName: z.string(),
  customerOnHold: z.boolean(),
  title: z.string(),
  ownerName: z.string().nullable(),
  stageId: id,
  stageName: z.string(),
  stageKind,
  probability: percent,
  amount: moneyInt,
  weightedAmount: moneyInt,
  marginRate: rateInt.nullable(),
  /** the deal's margin guard against the company's rules, for the margin colour */
  guardState,
  expectedClose: isoDate.nullable(),
  daysInStage: z.number().int(),
  /** days beyond its stage's threshold when stagnant (no activity planned), else null */
  stagnantDays: z.number().int().nullable(),
  nextActivityAt: isoStamp.nullable(),
  nextActivityTitle: z.string().nullable(),
});
export type OpportunityRow = z.infer<typeof opportunityRow>;

export const opportunitiesListOutput = z.object({
  rows: z.array(opportunityRow),
  total: z.number().int().min(0).nullable(),
  totals: z.object({ amount: moneyInt, weightedAmount: moneyInt }).nullable(),
});

export const opportunityLine = z.object({
  id,
  position: z.number().int(),
  productId: id,
  productCode: z.string(),
  productName: z.string(),
  unit,
  warehouseId: id.nullable(),
  warehouseName: z.string().nullable(),
  qty: qtyInt,
  unitPrice: moneyInt,
  discount: rateInt,
  requestedDate: isoDate.nullable(),
  amount: moneyInt,
  erpUnitCost: moneyInt.nullable(),
  replacementUnitCost: moneyInt.nullable(),
  unitCost: moneyInt.nullable(),
  cost: moneyInt,
  margin: moneyInt,
  marginRate: rateInt.nullable(),
  insight: lineInsight,
  operations: lineOperations,
});
export type OpportunityLine = z.infer<typeof opportunityLine>;

export const costBasis = z.enum(['erp', 'replacement']);

export const opportunityDetail = z.object({
  id,
  reference: z.string(),
  title: z.string(),
  customer: z.object({
    id,
    code: z.string(),
    name: z.string(),
    city: z.string(),
    onHold: z.boolean(),
    creditLimit: moneyInt,
    outstanding: moneyInt,
    overdue: moneyInt,
    /** the overdue by age: 1–30, 31–60, 61–90, over 90 days past due */
    ageing: z.tuple([moneyInt, moneyInt, moneyInt, moneyInt]),
    creditAsOf: isoStamp.nullable(),
  }),
  owner: z.object({ id, name: z.string() }).nullable(),
  stage: z.object({ id, name: z.string(), kind: stageKind }),
  /** why the deal was lost, while it is */
  lost: z.object({ reason: z.string(), note: z.string() }).nullable(),
  probability: percent,
  expectedClose: isoDate.nullable(),
  requestedDate: isoDate.nullable(),
  notes: z.string(),
  createdAt: isoStamp,
  updatedAt: isoStamp,
  stageEnteredAt: isoStamp,
  daysInStage: z.number().int(),
  stagnantDays: z.number().int().nullable(),
  costBasis,
  lines: z.array(opportunityLine),
  totals: z.object({
    amount: moneyInt,
    cost: moneyInt,
    margin: moneyInt,
    marginRate: rateInt.nullable(),
    weightedAmount: moneyInt,
  }),
  costsAsOf: isoStamp.nullable(),
  guard: dealGuard,
  pricing: dealPricing,
  /** Where the stage automation stands for this deal. */
  opsState,
  customerPanel,
  /** Every warehouse, in the order the view shows them. */
  warehouses: z.array(z.object({ id, code: z.string(), name: z.string() })),
  /** Requests to go past a guard, newest first, and their decisions. */
  approvals: z.array(approval),
});
export type OpportunityDetail = z.infer<typeof opportunityDetail>;
export type OpportunitiesListOutput = z.infer<typeof opportunitiesListOutput>;
