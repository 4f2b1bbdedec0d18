import type { Preset } from './types';

export type Sizes = {
  products: number;
  customers: number;
  suppliers: number;
  opportunities: number;
  /** average orders per customer over two years */
  ordersPerCustomer: number;
  maxLinesPerOpportunity: number;
  /** how old the oldest deal is, in days */
  maxAgeDays: number;
  /** the chance, at each open stage a deal passed, that it went back one stage and forward again (a quote revised), repeatable */
  revisit: number;
};

export const SIZES: Record<Preset, Sizes> = {
  small: {
    products: 120,
    customers: 60,
    suppliers: 8,
    opportunities: 200,
    ordersPerCustomer: 8,
    maxLinesPerOpportunity: 6,
    maxAgeDays: 300,
    revisit: 0,
  },
  default: {
    products: 3000,
    customers: 1500,
    suppliers: 30,
    opportunities: 5000,
    ordersPerCustomer: 24,
    maxLinesPerOpportunity: 8,
    maxAgeDays: 300,
    revisit: 0,
  },
  // two years of a busy pipeline: 200 000 deals and about a million stage changes (the manager's dashboards are measured on it)
  large: {
    products: 20000,
    customers: 10000,
    suppliers: 30,
    opportunities: 200000,
    ordersPerCustomer: 30,
    maxLinesPerOpportunity: 8,
    maxAgeDays: 730,
    revisit: 0.45,
  },
};
