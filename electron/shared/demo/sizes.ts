import type { Preset } from './types';

export type Sizes = {
  products: number;
  customers: number;
  suppliers: number;
  opportunities: number;
  /** average orders per customer over two years */
  ordersPerCustomer: number;
  maxLinesPerOpportunity: number;
};

export const SIZES: Record<Preset, Sizes> = {
  small: { products: 120, customers: 60, suppliers: 8, opportunities: 200, ordersPerCustomer: 8, maxLinesPerOpportunity: 6 },
  default: { products: 3000, customers: 1500, suppliers: 30, opportunities: 5000, ordersPerCustomer: 24, maxLinesPerOpportunity: 8 },
  large: { products: 20000, customers: 10000, suppliers: 30, opportunities: 100000, ordersPerCustomer: 30, maxLinesPerOpportunity: 8 },
};
