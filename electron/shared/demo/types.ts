import type { Money, Qty, Rate } from '../money';

export type Unit = 't' | 'kg' | 'm3' | 'pal' | 'u' | 'sac' | 'm' | 'l';
export type Preset = 'small' | 'default' | 'large';

export type DemoWarehouse = { code: string; name: string; city: string; lat: number; lon: number };
export type DemoCategory = { code: string; name: string; parentCode: string | null };
export type DemoProduct = {
  code: string;
  name: string;
  categoryCode: string;
  unit: Unit;
  listPrice: Money;
  costPrice: Money;
  /** Costs that differ by warehouse (product_cost_warehouse). */
  warehouseCosts: { warehouseCode: string; cost: Money }[];
  /** Its TVA, basis points: the reduced rate for seeds and feed, the normal one for the rest. */
  taxRate: number;
};
/** A supplier, and the product categories it sells (the demo only: not stored). */
export type DemoSupplier = { code: string; name: string; city: string; sells: string[] };
export type DemoSupplierPrice = {
  productCode: string;
  supplierCode: string;
  minQty: Qty;
  unitPrice: Money;
  leadTimeDays: number;
  packQty: Qty;
  validFrom: string;
  validTo: string | null;
};
export type DemoStock = { productCode: string; warehouseCode: string; onHand: Qty; reserved: Qty };
export type DemoReceipt = {
  purchaseRef: string;
  productCode: string;
  warehouseCode: string;
  supplierCode: string;
  qty: Qty;
  expectedDate: string;
};
export type DemoCustomer = {
  code: string;
  name: string;
  kind: 'builder' | 'farm' | 'coop';
  city: string;
  postalCode: string;
  creditLimit: Money;
  outstanding: Money;
  overdue: Money;
  openOrders: Money;
  onHold: boolean;
  avgDaysLate: number;
  preferredWarehouseCode: string;
};
export type DemoSale = {
  orderRef: string;
  customerCode: string;
  productCode: string;
  warehouseCode: string;
  date: string;
  qty: Qty;
  unitPrice: Money;
};
export type DemoUser = { login: string; name: string; initials: string; role: 'trader' | 'purchasing' | 'finance' | 'manager' };
export type DemoStage = {
  code: string;
  name: string;
  probability: number;
  kind: 'open' | 'won' | 'lost';
  stagnationDays: number | null;
};
/** Margin thresholds in basis points; code names the category or customer (null for the company default). */
export type DemoMarginRule = { scope: 'company' | 'category' | 'customer'; code: string | null; targetRate: number; minimumRate: number };
/** A stage automation rule: params as stored (trigger, conditions, actions; see contract/automation). */
export type DemoAutomationRule = { stageCode: string; params: Record<string, unknown> };
export type DemoLine = {
  productCode: string;
  warehouseCode: string | null;
  qty: Qty;
  unitPrice: Money;
  discount: Rate;
  requestedDate: string | null;
};
export type DemoActivity = { kind: 'call' | 'visit' | 'task' | 'email'; title: string; dueAt: string; doneAt: string | null; ownerLogin: string };
export type DemoOpportunity = {
  reference: string;
  customerCode: string;
  title: string;
  ownerLogin: string;
  stageCode: string;
  probability: number;
  expectedClose: string;
  requestedDate: string | null;
  createdAt: string;
  notes: string;
  /** Every stage change, oldest first; the first has from = null (creation). */
  history: { fromCode: string | null; toCode: string; at: string; byLogin: string }[];
  /** a lost deal's reason, one of the company's (`DEFAULT_LOST_REASONS`) */
  lostReason: string | null;
  lines: DemoLine[];
  activities: DemoActivity[];
};

export type DemoCompany = {
  name: string;
  currency: 'EUR';
  today: string;
  preset: Preset;
  warehouses: DemoWarehouse[];
  categories: DemoCategory[];
  products: DemoProduct[];
  suppliers: DemoSupplier[];
  supplierPrices: DemoSupplierPrice[];
  stock: DemoStock[];
  receipts: DemoReceipt[];
  customers: DemoCustomer[];
  users: DemoUser[];
  stages: DemoStage[];
  marginRules: DemoMarginRule[];
  automationRules: DemoAutomationRule[];
  /** Streams: the large preset has about a million of these. */
  salesHistory: () => Iterable<DemoSale>;
  opportunities: () => Iterable<DemoOpportunity>;
};
