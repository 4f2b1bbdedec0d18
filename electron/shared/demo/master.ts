import { money, qty, type Money } from '../money';
import { CITIES, CUSTOMER_NAME_PARTS, SUPPLIERS, WAREHOUSES } from './catalog-data';
import { CATEGORIES } from './categories-data';
import { addDays } from '../dates';
import type { Random } from './random';
import type { Sizes } from './sizes';
import type { DemoCategory, DemoCustomer, DemoProduct, DemoReceipt, DemoStock, DemoSupplier, DemoSupplierPrice, DemoWarehouse } from './types';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const euros = (r: Random, min: number, max: number) => Math.round((min + r.next() * (max - min)) * 100) / 100;

export const warehouses = (): DemoWarehouse[] => WAREHOUSES.map((w) => ({ ...w }));

export const categories = (): DemoCategory[] => CATEGORIES.map((c) => ({ code: c.code, name: c.name, parentCode: c.parent }));

/** The demo's TVA: 10 % on seeds and animal feed, 20 % on everything else. */
export const REDUCED_VAT_CATEGORIES: readonly string[] = ['SEM', 'ALI'];
export const taxRateOf = (categoryCode: string): number => (REDUCED_VAT_CATEGORIES.includes(categoryCode) ? 1000 : 2000);

const leafCategories = () => CATEGORIES.filter((c) => c.items.length > 0);

export function products(r: Random, sizes: Sizes): DemoProduct[] {
  const leaves = leafCategories();
  const counters = new Map<string, number>();
  const out: DemoProduct[] = [];
  for (let i = 0; i < sizes.products; i++) {
    const cat = leaves[i % leaves.length]!;
    const n = (counters.get(cat.code) ?? 0) + 1;
    counters.set(cat.code, n);
    const item = cat.items[(n - 1) % cat.items.length]!;
    const variant = cat.variants[Math.floor((n - 1) / cat.items.length) % cat.variants.length]!;
    const series = Math.floor((n - 1) / (cat.items.length * cat.variants.length));
    const list = euros(r, cat.price[0], cat.price[1]);
    const costRatio = 0.62 + r.next() * 0.24;
    const product: DemoProduct = {
      code: `${cat.code}-${pad(n, 5)}`,
      name: series === 0 ? `${item} ${variant}` : `${item} ${variant} — gamme ${series + 1}`,
      categoryCode: cat.code,
      unit: cat.unit,
      listPrice: money.fromUnits(list),
      costPrice: money.fromUnits(Math.round(list * costRatio * 100) / 100),
      warehouseCosts: [],
      taxRate: taxRateOf(cat.code),
    };
    for (const w of WAREHOUSES) {
      if (r.chance(0.25)) {
        const delta = 0.94 + r.next() * 0.12;
        product.warehouseCosts.push({ warehouseCode: w.code, cost: money.fromUnits(Math.round(list * costRatio * delta * 100) / 100) });
      }
    }
    out.push(product);
  }
  return out;
}

export function suppliers(r: Random, sizes: Sizes): DemoSupplier[] {
  return Array.from({ length: sizes.suppliers }, (_, i) => {
    const base = SUPPLIERS[i % SUPPLIERS.length]!;
    const round = Math.floor(i / SUPPLIERS.length);
    return {
      code: `F${pad(i + 1, 4)}`,
      name: round === 0 ? `${base.name} France` : `${base.name} Distribution ${round + 1}`,
      city: r.pick(CITIES).city,
      sells: base.sells,
    };
  });
}

/** Unit quantity ranges of a category, in units. */
function categoryOf(code: string) {
  const cat = CATEGORIES.find((c) => c.code === code);
  if (!cat) throw new Error(`unknown category ${code}`);
  return cat;
}

/**
 * 1 to 3 suppliers per product among those that sell its category, each with 1 to 3 quantity
 * tiers and, for goods sold by the pack, a pack size; some offers expired.
 */
export function supplierPrices(r: Random, items: DemoProduct[], sups: DemoSupplier[], today: string): DemoSupplierPrice[] {
  const out: DemoSupplierPrice[] = [];
  for (const p of items) {
    const cat = categoryOf(p.categoryCode);
    const sellers = sups.filter((s) => s.sells.includes(p.categoryCode));
    const from = sellers.length ? sellers : sups;
    const count = r.int(1, Math.min(3, from.length));
    const offset = r.int(0, from.length - 1);
    const pack = ['u', 'sac', 'pal'].includes(p.unit) ? r.pick([0, 5, 10, 25]) : 0;
    for (let s = 0; s < count; s++) {
      const supplier = from[(offset + s) % from.length]!;
      const base = (p.costPrice / 10_000) * (0.9 + r.next() * 0.15);
      const lead = r.pick([2, 3, 5, 7, 10, 14, 21, 30]);
      const expired = r.chance(0.08);
      const validFrom = addDays(today, -r.int(30, 400));
      const validTo = expired ? addDays(today, -r.int(1, 25)) : r.chance(0.5) ? addDays(today, r.int(30, 300)) : null;
      const tiers = r.int(1, 3);
      for (let t = 0; t < tiers; t++) {
        const minQty = t === 0 ? 0 : Math.round(cat.qty[1] * (t === 1 ? 0.25 : 0.6));
        out.push({
          productCode: p.code,
          supplierCode: supplier.code,
          minQty: qty.fromUnits(minQty),
          unitPrice: money.fromUnits(Math.round(base * (1 - t * 0.04) * 100) / 100),
          leadTimeDays: lead,
          packQty: qty.fromUnits(pack),
          validFrom,
          validTo,
        });
      }
    }
  }
  return out;
}

/** Stock for every product in every warehouse: some zero, a few negative (unposted issues). */
export function stock(r: Random, items: DemoProduct[]): DemoStock[] {
  const out: DemoStock[] = [];
  for (const p of items) {
    const cat = categoryOf(p.categoryCode);
    for (const w of WAREHOUSES) {
      const roll = r.next();
      let onHand = 0;
      if (roll < 0.012) onHand = -r.int(1, Math.max(2, Math.round(cat.qty[0] * 3)));
      else if (roll > 0.15) onHand = Math.round(cat.qty[1] * (0.2 + r.next() * 4));
      const reserved = onHand > 0 && r.chance(0.3) ? Math.round(onHand * r.next() * 0.4) : 0;
      out.push({ productCode: p.code, warehouseCode: w.code, onHand: qty.fromUnits(onHand), reserved: qty.fromUnits(reserved) });
    }
  }
  return out;
}

/** Purchases on their way: about one product-warehouse pair in ten, some already late. */
export function receipts(r: Random, items: DemoProduct[], sups: DemoSupplier[], today: string): DemoReceipt[] {
  const out: DemoReceipt[] = [];
  let n = 0;
  for (const p of items) {
    const cat = categoryOf(p.categoryCode);
    for (const w of WAREHOUSES) {
      if (!r.chance(0.1)) continue;
      const count = r.chance(0.25) ? 2 : 1;
      for (let i = 0; i < count; i++) {
        n++;
        out.push({
          purchaseRef: `PO-${pad(n, 6)}`,
          productCode: p.code,
          warehouseCode: w.code,
          supplierCode: r.pick(sups).code,
          qty: qty.fromUnits(Math.round(cat.qty[1] * (0.5 + r.next() * 2))),
          expectedDate: addDays(today, r.int(-6, 60)),
        });
      }
    }
  }
  return out;
}

const LIMITS = [5_000, 10_000, 20_000, 30_000, 50_000, 75_000, 100_000, 150_000, 250_000, 500_000];

function customerName(r: Random, kind: DemoCustomer['kind']): string {
  const p = CUSTOMER_NAME_PARTS;
  if (kind === 'farm') return `${r.pick(p.farms)} ${r.pick(p.places)}`;
  if (kind === 'coop') return `${r.pick(p.coops)} ${r.pick(p.places)}`;
  return r.chance(0.5) ? `${r.pick(p.trades)} ${r.pick(p.families)} ${r.pick(p.forms)}` : `${r.pick(p.families)} ${r.pick(p.trades)}`;
}

export function customers(r: Random, sizes: Sizes): DemoCustomer[] {
  const seen = new Map<string, number>();
  return Array.from({ length: sizes.customers }, (_, i) => {
    const kind = r.chance(0.55) ? 'builder' : r.chance(0.85) ? 'farm' : 'coop';
    let name = customerName(r, kind);
    const dup = seen.get(name) ?? 0;
    seen.set(name, dup + 1);
    const place = r.pick(CITIES);
    if (dup > 0) name = `${name} (${place.city})`;
    const limit = r.pick(LIMITS);
    const outstanding = Math.round(limit * r.next() * 1.1);
    const overdue = r.chance(0.35) ? 0 : Math.round(outstanding * r.next() * 0.45);
    const onHold = r.chance(0.03) || overdue > limit * 0.4;
    return {
      code: `C${pad(i + 1, 5)}`,
      name,
      kind,
      city: place.city,
      postalCode: place.postalCode,
      creditLimit: money.fromUnits(limit),
      outstanding: money.fromUnits(outstanding),
      overdue: money.fromUnits(overdue),
      openOrders: money.fromUnits(Math.round(limit * r.next() * 0.3)),
      onHold,
      avgDaysLate: overdue === 0 ? r.int(0, 4) : r.int(5, 60),
      preferredWarehouseCode: place.near,
    };
  });
}

/**
 * A customer's overdue as the invoices it is made of: half due `avgDaysLate` days ago, the rest
 * older (a month more, then two and a half), so every age bucket has customers. Derived, not drawn:
 * the rest of the company stays the same.
 */
export function overdueInvoices(k: Pick<DemoCustomer, 'overdue' | 'avgDaysLate'>): { amount: Money; daysLate: number }[] {
  if (k.overdue <= 0) return [];
  const late = Math.max(1, k.avgDaysLate);
  const half = Math.round(k.overdue / 2);
  const third = Math.round((k.overdue - half) * 0.6);
  return [
    { amount: half, daysLate: late },
    { amount: third, daysLate: late + 30 },
    { amount: k.overdue - half - third, daysLate: late + 75 },
  ].filter((i) => i.amount > 0);
}

/** The categories a kind of customer buys from. */
export function categoriesFor(kind: DemoCustomer['kind']): string[] {
  if (kind === 'builder') return ['CIM', 'GRA', 'BET', 'ACI', 'BLO', 'PLA', 'TUY', 'OUT'];
  if (kind === 'farm') return ['ENG', 'SEM', 'ALI', 'PHY', 'OUT', 'TUY', 'BET'];
  return ['ENG', 'SEM', 'ALI', 'PHY'];
}

export { categoryOf };
