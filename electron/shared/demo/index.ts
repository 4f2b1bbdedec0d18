import { AUTOMATION_RULES, MARGIN_RULES, STAGES, USERS } from './catalog-data';
import { opportunities, indexCatalog, salesHistory } from './flows';
import * as master from './master';
import { createRandom } from './random';
import { SIZES } from './sizes';
import type { DemoCompany, Preset } from './types';

/** Bumped whenever the generator's output changes (cached databases are rebuilt). */
export const DEMO_REVISION = 4;

export type DescribeOptions = { preset: Preset; seed?: number; today: string };

/**
 * The demo company as a pure description: the same seed, preset and date always give the same
 * company. Writers (the local database, a Tryton ERP) consume it; nothing here writes anything.
 */
export function describeCompany({ preset, seed = 20261130, today }: DescribeOptions): DemoCompany {
  const sizes = SIZES[preset];
  const r = createRandom(seed);
  const warehouses = master.warehouses();
  const products = master.products(r.fork('products'), sizes);
  const suppliers = master.suppliers(r.fork('suppliers'), sizes);
  const customers = master.customers(r.fork('customers'), sizes);
  const catalog = indexCatalog(
    products,
    warehouses.map((w) => w.code),
  );
  return {
    name: 'Comptoir Démo — Négoce Bâtiment & Agri',
    currency: 'EUR',
    today,
    preset,
    warehouses,
    categories: master.categories(),
    products,
    suppliers,
    supplierPrices: master.supplierPrices(r.fork('supplier-prices'), products, suppliers, today),
    stock: master.stock(r.fork('stock'), products),
    receipts: master.receipts(r.fork('receipts'), products, suppliers, today),
    customers,
    users: USERS.map((u) => ({ ...u })),
    stages: STAGES.map((s) => ({ ...s })),
    automationRules: AUTOMATION_RULES.map((a) => ({ stageCode: a.stageCode, params: structuredClone(a.params) })),
    // the largest account negotiated a lower floor
    marginRules: [...MARGIN_RULES.map((m) => ({ ...m })), { scope: 'customer', code: customers[0]!.code, targetRate: 1500, minimumRate: 900 }],
    salesHistory: () => salesHistory(r.fork('sales'), sizes, customers, catalog, today),
    opportunities: () => opportunities(r.fork('opportunities'), sizes, customers, catalog, today),
  };
}

export type * from './types';
export { SIZES } from './sizes';
