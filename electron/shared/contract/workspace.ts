import { z } from 'zod';
import { id, isoDate, isoStamp, moneyInt, qtyInt, rateInt, unit } from './common';

export const guardState = z.enum(['ok', 'below_target', 'below_minimum', 'below_cost']);
export const creditStateSchema = z.enum(['ok', 'warn', 'approval', 'blocked']);

/** One warehouse's position for a line's product at the line's date. */
export const lineStock = z.object({
  warehouseId: id,
  warehouseCode: z.string(),
  onHand: qtyInt,
  reservedErp: qtyInt,
  localReserved: qtyInt,
  incoming: qtyInt,
  atp: qtyInt,
  asOf: isoStamp.nullable(),
});

export const lineReceipt = z.object({ warehouseId: id, qty: qtyInt, expectedDate: isoDate, purchaseRef: z.string() });

export const lineAvailability = z.object({
  status: z.enum(['available', 'elsewhere', 'partial', 'short']),
  warehouseId: id.nullable(),
  missing: qtyInt,
  /** From when the chosen warehouse (the best one for "any") covers the line, counting receipts; null if never. */
  availableFrom: isoDate.nullable(),
});

/** What the 360° view adds to each line: stock everywhere, receipts, demand, availability, guard. */
export const lineInsight = z.object({
  atDate: isoDate,
  stock: z.array(lineStock),
  receipts: z.array(lineReceipt),
  pipelineDemand: qtyInt,
  availability: lineAvailability,
  guard: guardState,
  /** What the renderer needs to recompute the line while a cell is typed (shared/domain/deal-preview). */
  rule: z.object({ targetRate: rateInt, minimumRate: rateInt }),
  supplierTiers: z.array(z.object({ minQty: qtyInt, unitPrice: moneyInt })),
});
export type LineInsight = z.infer<typeof lineInsight>;

export const customerPanel = z.object({
  openOrders: moneyInt,
  avgDaysLate: z.number().int(),
  /** the customer's other accepted deals (committed or waiting for an approval), in full */
  otherCommitted: moneyInt,
  /** the customer's other open deals, weighted by their probability */
  otherPipelineWeighted: moneyInt,
  headroom: moneyInt,
  headroomWithPipeline: moneyInt,
  creditState: creditStateSchema,
  lastOrders: z.array(z.object({ orderRef: z.string(), date: isoDate, amount: moneyInt, lines: z.number().int() })),
  topProducts: z.array(z.object({ productId: id, code: z.string(), name: z.string(), unit, qty: qtyInt, amount: moneyInt })),
  lastPrices: z.array(z.object({ productId: id, unitPrice: moneyInt, date: isoDate })),
});
export type CustomerPanel = z.infer<typeof customerPanel>;

export const dealGuard = z.object({ state: guardState, targetRate: rateInt, minimumRate: rateInt });
/** The company's costing and the deal's default rule, for recomputing while typing. */
export const dealPricing = z.object({
  landedCostRate: rateInt,
  creditWarnRate: rateInt,
  defaultRule: z.object({ targetRate: rateInt, minimumRate: rateInt }),
});

export const approvalKind = z.enum(['margin', 'credit']);
export const approval = z.object({
  id,
  kind: approvalKind,
  status: z.enum(['pending', 'approved', 'refused', 'withdrawn']),
  requestedBy: z.string().nullable(),
  requestedAt: isoStamp,
  reason: z.string(),
  figures: z.record(z.string(), z.unknown()),
  decidedBy: z.string().nullable(),
  decidedAt: isoStamp.nullable(),
  comment: z.string(),
});
export type Approval = z.infer<typeof approval>;
export const approvalRequestInput = z
  .object({
    opportunityId: id,
    kind: approvalKind,
    reason: z.string().trim().min(1, 'say why the deal needs it').max(1000, 'a reason is limited to 1 000 characters'),
  })
  .strict();

export const approvalDecideInput = z
  .object({
    id,
    decision: z.enum(['approve', 'refuse']),
    comment: z.string().trim().max(1000, 'a comment is limited to 1 000 characters').default(''),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.decision === 'refuse' && d.comment === '')
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'say why it is refused', params: { reason: 'refuseWhy' } });
  });

/** One request in the finance / manager queue: the deal, the customer and the figures asked on. */
export const approvalQueueRow = approval.extend({
  opportunityId: id,
  reference: z.string(),
  title: z.string(),
  customerId: id,
  customerName: z.string(),
  amount: moneyInt,
  stageName: z.string(),
  /** the customer now, as credit control decides: past due, how late it pays, whether it is held */
  overdue: moneyInt,
  avgDaysLate: z.number().int(),
  onHold: z.boolean(),
});
export type ApprovalQueueRow = z.infer<typeof approvalQueueRow>;
/** One queue per deciding desk: credit requests for credit control, margin requests for the sales manager (none: both). */
export const approvalQueueInput = z.object({ status: z.enum(['pending', 'decided']).default('pending'), kind: approvalKind.optional() }).strict();
