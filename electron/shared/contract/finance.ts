import { z } from 'zod';
import { id, isoStamp, moneyInt } from './common';

/** One customer's exposure as credit control reads it (DESIGN.md §2.6). */
export const exposureRow = z.object({
  customerId: id,
  code: z.string(),
  name: z.string(),
  city: z.string(),
  creditLimit: moneyInt,
  outstanding: moneyInt,
  overdue: moneyInt,
  /** the overdue by age: 1–30, 31–60, 61–90, over 90 days past due */
  ageing: z.tuple([moneyInt, moneyInt, moneyInt, moneyInt]),
  openOrders: moneyInt,
  /** accepted deals holding stock (committed or waiting for an approval) */
  reservedDeals: moneyInt,
  weightedPipeline: moneyInt,
  headroom: moneyInt,
  headroomWithPipeline: moneyInt,
  avgDaysLate: z.number().int(),
  erpHold: z.boolean(),
  creditHold: z.boolean(),
  holdReason: z.string(),
  holdAt: isoStamp.nullable(),
  pendingApprovals: z.number().int(),
  creditAsOf: isoStamp.nullable(),
});
export type ExposureRow = z.infer<typeof exposureRow>;

export const holdInput = z
  .object({ customerId: id, hold: z.boolean(), reason: z.string().trim().max(500, 'a reason is limited to 500 characters').default('') })
  .strict()
  .superRefine((h, ctx) => {
    if (h.hold && h.reason === '')
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why the customer is put on hold', params: { reason: 'holdReason' } });
  });
