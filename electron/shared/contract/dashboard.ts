import { z } from 'zod';
import { id, moneyInt, rateInt } from './common';
import { opportunityRow } from './opportunities';

/** The manager's desk (issue 14): forecast, KPIs, stagnant deals, and the deals behind each figure. */
export const grain = z.enum(['month', 'quarter', 'year']);
export const dimension = z.enum(['none', 'owner', 'category', 'warehouse', 'customer']);
export const band = z.enum(['commit', 'best', 'pipeline']);

/** A period as `2027-03`, `2027-Q1` or `2027`, matching its grain. */
const PERIOD = { month: /^\d{4}-(0[1-9]|1[0-2])$/, quarter: /^\d{4}-Q[1-4]$/, year: /^\d{4}$/ } as const;
const period = z.string().max(7);
const checkPeriod = (input: { grain: keyof typeof PERIOD; period: string }, ctx: z.RefinementCtx) => {
  if (!PERIOD[input.grain].test(input.period))
    ctx.addIssue({
      code: 'custom',
      path: ['period'],
      message: `a ${input.grain} as ${input.grain === 'month' ? 'YYYY-MM' : input.grain === 'quarter' ? 'YYYY-Qn' : 'YYYY'}`,
      params: { reason: 'period' },
    });
};

const owner = id.nullable().default(null);

export const forecastInput = z
  .object({
    grain: z.enum(['month', 'quarter']).default('month'),
    dimension: dimension.default('none'),
    periods: z.number().int().min(1).max(12).default(6),
    ownerId: owner,
  })
  .strict();

export const forecastCell = z.object({ deals: z.number().int(), amount: moneyInt, weighted: moneyInt, commit: moneyInt, bestCase: moneyInt });
export type ForecastCellDto = z.infer<typeof forecastCell>;

export const forecastOutput = z.object({
  grain: z.enum(['month', 'quarter']),
  dimension,
  thresholds: z.object({ commit: z.number().int(), best: z.number().int() }),
  /** `overdue` (expected before the first period, still open), the periods, `undated` */
  periods: z.array(z.string()),
  rows: z.array(
    z.object({ key: z.number().int().nullable(), label: z.string().nullable(), cells: z.record(z.string(), forecastCell), total: forecastCell }),
  ),
  totals: z.record(z.string(), forecastCell),
  /** the last 12 months and this one: forecast at the month's start (null: no snapshot), won, accuracy (basis points of the forecast) */
  history: z.array(
    z.object({
      month: z.string(),
      forecast: moneyInt.nullable(),
      forecastDeals: z.number().int().nullable(),
      won: moneyInt,
      wonDeals: z.number().int(),
      accuracy: rateInt.nullable(),
    }),
  ),
});

export const kpisInput = z
  .object({ grain: grain.default('month'), period, ownerId: owner, categoryId: id.nullable().default(null) })
  .strict()
  .superRefine(checkPeriod);

const spread = z.object({ n: z.number().int(), median: z.number().int().nullable(), p75: z.number().int().nullable() });
export const kpiSet = z.object({
  period: z.string(),
  won: z.number().int(),
  lost: z.number().int(),
  wonAmount: moneyInt,
  lostAmount: moneyInt,
  winRateCount: rateInt.nullable(),
  winRateValue: rateInt.nullable(),
  basket: moneyInt.nullable(),
  wonMarginRate: rateInt.nullable(),
  pipelineMarginRate: rateInt.nullable(),
  cycle: z.object({ all: spread, won: spread, lost: spread }),
  stages: z.array(
    z.object({
      stageId: id,
      entered: z.number().int(),
      forward: z.number().int(),
      backward: z.number().int(),
      still: z.number().int(),
      conversion: rateInt.nullable(),
      time: spread,
    }),
  ),
  lostReasons: z.array(z.object({ reason: z.string().nullable(), deals: z.number().int(), amount: moneyInt })),
});
export type KpiSet = z.infer<typeof kpiSet>;
export const kpisOutput = z.object({
  grain,
  current: kpiSet,
  previous: kpiSet,
  stages: z.array(
    z.object({
      id,
      name: z.string(),
      position: z.number().int(),
      kind: z.enum(['open', 'won', 'lost']),
      threshold: z.number().int().nullable(),
      p75: z.number().int().nullable(),
    }),
  ),
});

/** The deals behind a figure. */
export const dealsSlice = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('forecast'),
      grain: z.enum(['month', 'quarter']),
      period: z.string().max(7),
      periods: z.number().int().min(1).max(12).default(6),
      dimension: dimension.default('none'),
      key: z.number().int().nullable().default(null),
      band: band.nullable().default(null),
      ownerId: owner,
    })
    .strict(),
  z.object({ kind: z.literal('won'), month: z.string().regex(PERIOD.month, 'a month as YYYY-MM'), ownerId: owner }).strict(),
  z.object({ kind: z.literal('snapshot'), month: z.string().regex(PERIOD.month, 'a month as YYYY-MM'), ownerId: owner }).strict(),
  z
    .object({
      kind: z.literal('closed'),
      grain,
      period,
      outcome: z.enum(['won', 'lost']),
      reason: z.string().max(60).nullable().default(null),
      ownerId: owner,
      categoryId: id.nullable().default(null),
    })
    .strict()
    .superRefine(checkPeriod),
  z.object({ kind: z.literal('stagnant'), ownerId: owner }).strict(),
]);
export type DealsSlice = z.infer<typeof dealsSlice>;

export const dealsInput = z.object({ slice: dealsSlice, limit: z.number().int().min(1).max(5000).default(1000) }).strict();
export const dealsOutput = z.object({ rows: z.array(opportunityRow), total: z.number().int() });

const guard = z.enum(['ok', 'below_target', 'below_minimum', 'below_cost']);
export const marginRiskInput = z
  .object({ days: z.number().int().min(1).max(365).default(30), ownerId: owner, limit: z.number().int().min(1).max(2000).default(500) })
  .strict();
export const marginRiskRow = z.object({
  opportunityId: id,
  reference: z.string(),
  customerName: z.string(),
  ownerName: z.string().nullable(),
  at: z.string(),
  cause: z.string(),
  amount: moneyInt,
  costBefore: moneyInt,
  costAfter: moneyInt,
  guardBefore: guard,
  guardAfter: guard,
  guardNow: guard,
});
export type MarginRiskRowDto = z.infer<typeof marginRiskRow>;

/** What-if: the cost of a category's products (sub-categories included) or of what a supplier sells raised by a percentage. */
export const whatIfInput = z
  .object({
    categoryId: id.nullable().default(null),
    supplierId: id.nullable().default(null),
    percent: z.number().min(-50, 'at least −50 %').max(200, 'at most +200 %'),
    ownerId: owner,
  })
  .strict()
  .refine((w) => (w.categoryId === null) !== (w.supplierId === null), {
    message: 'a category or a supplier, one of them',
    path: ['categoryId'],
    params: { reason: 'whatIfScope' },
  });
export const whatIfRow = z.object({
  opportunityId: id,
  reference: z.string(),
  customerName: z.string(),
  ownerName: z.string().nullable(),
  amount: moneyInt,
  costBefore: moneyInt,
  costAfter: moneyInt,
  guardBefore: guard,
  guardAfter: guard,
});
export const whatIfOutput = z.object({
  /** the open deals with a line of those products */
  deals: z.number().int(),
  /** those that fall below their target, minimum or cost, worst first */
  falling: z.array(whatIfRow),
  marginBefore: moneyInt,
  marginAfter: moneyInt,
});

/** A product to propose on a deal (cross-sell, up-sell), with why, and what it would bring. */
export const suggestion = z.object({
  productId: id,
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  /** usual: the customer's habit not bought lately; together: bought with the deal's products by other customers */
  kind: z.enum(['usual', 'together']),
  orders: z.number().int(),
  lastDate: z.string().nullable(),
  /** the usual quantity, proposed for the line */
  qty: z.number().int(),
  unitPrice: moneyInt,
  priceFrom: z.enum(['last', 'list']),
  marginRate: rateInt,
  targetRate: rateInt,
  /** available to promise at the warehouse by the deal's date */
  available: z.number().int(),
  warehouseId: id.nullable(),
});
