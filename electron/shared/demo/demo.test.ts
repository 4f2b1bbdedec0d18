import { DEFAULT_LOST_REASONS } from '../contract/app';
import { describe, expect, it } from 'vitest';
import { describeCompany } from '.';

// the generator on the test's day (COMPTOIR_TEST_NOW in the chosen-days runs)
const today = (process.env.COMPTOIR_TEST_NOW ?? '2026-11-30').slice(0, 10);

describe('the demo company', () => {
  it('is the same company for the same seed and date', () => {
    const a = describeCompany({ preset: 'small', today });
    const b = describeCompany({ preset: 'small', today });
    expect(a.products).toEqual(b.products);
    expect(a.customers).toEqual(b.customers);
    expect([...a.opportunities()].slice(0, 20)).toEqual([...b.opportunities()].slice(0, 20));
    const c = describeCompany({ preset: 'small', today, seed: 1 });
    expect(c.customers.map((x) => x.name)).not.toEqual(a.customers.map((x) => x.name));
  });

  it('has six warehouses and stock for every product in each, including zero and negative', () => {
    const c = describeCompany({ preset: 'default', today });
    expect(c.warehouses).toHaveLength(6);
    expect(c.stock).toHaveLength(c.products.length * 6);
    expect(c.stock.some((s) => s.onHand === 0)).toBe(true);
    expect(c.stock.some((s) => s.onHand < 0)).toBe(true);
    expect(c.stock.every((s) => s.reserved >= 0 && (s.onHand <= 0 ? s.reserved === 0 : s.reserved <= s.onHand))).toBe(true);
  });

  it('sizes the presets as documented', () => {
    const d = describeCompany({ preset: 'default', today });
    expect(d.products).toHaveLength(3000);
    expect(d.customers).toHaveLength(1500);
    let opps = 0;
    for (const _ of d.opportunities()) opps++;
    expect(opps).toBe(5000);
  });

  it('gives customers credit figures, some overdue and a few on hold', () => {
    const c = describeCompany({ preset: 'default', today });
    expect(c.customers.every((x) => x.creditLimit > 0 && x.outstanding >= 0 && x.overdue <= x.outstanding)).toBe(true);
    const held = c.customers.filter((x) => x.onHold).length;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(c.customers.length * 0.2);
  });

  it('gives supplier prices whose higher tiers are cheaper, and receipts dated around today', () => {
    const c = describeCompany({ preset: 'small', today });
    const first = c.supplierPrices.filter((p) => p.productCode === c.products[0]!.code && p.supplierCode === c.supplierPrices[0]!.supplierCode);
    for (let i = 1; i < first.length; i++) {
      expect(first[i]!.minQty).toBeGreaterThan(first[i - 1]!.minQty);
      expect(first[i]!.unitPrice).toBeLessThanOrEqual(first[i - 1]!.unitPrice);
    }
    expect(c.receipts.length).toBeGreaterThan(0);
    expect(c.receipts.some((r) => r.expectedDate < today)).toBe(true);
  });

  it('buys each product from suppliers that sell its kind of goods, in the small company as in the default one', () => {
    for (const preset of ['small', 'default'] as const) {
      const c = describeCompany({ preset, today });
      const sells = new Map(c.suppliers.map((s) => [s.code, s.sells]));
      const category = new Map(c.products.map((p) => [p.code, p.categoryCode]));
      for (const sp of c.supplierPrices)
        expect(sells.get(sp.supplierCode), `${sp.productCode} from ${sp.supplierCode}`).toContain(category.get(sp.productCode));
    }
    // an insulation maker supplies insulation, never feed
    const c = describeCompany({ preset: 'default', today });
    const isover = c.suppliers.find((s) => s.name.startsWith('Isover'))!.code;
    expect(c.supplierPrices.filter((sp) => sp.supplierCode === isover).every((sp) => sp.productCode.startsWith('PLA-'))).toBe(true);
  });

  it('keeps two years of sales history, oldest first per customer', () => {
    const c = describeCompany({ preset: 'small', today });
    const sales = [...c.salesHistory()];
    expect(sales.every((s) => s.date >= '2024-11-30' && s.date <= today)).toBe(true);
    expect(sales.length).toBeGreaterThan(500);
  });

  it('gives every opportunity a consistent stage history ending in its stage', () => {
    const c = describeCompany({ preset: 'small', today });
    for (const o of c.opportunities()) {
      expect(o.history[0]!.fromCode).toBeNull();
      expect(o.history[o.history.length - 1]!.toCode).toBe(o.stageCode);
      for (let i = 1; i < o.history.length; i++) {
        expect(o.history[i]!.fromCode).toBe(o.history[i - 1]!.toCode);
        expect(o.history[i]!.at >= o.history[i - 1]!.at).toBe(true);
      }
      expect(o.lines.length).toBeGreaterThan(0);
      expect(o.lines.every((l) => l.qty > 0 && l.unitPrice > 0 && l.discount >= 0 && l.discount <= 10_000)).toBe(true);
      // a lost deal says why, in the company's words (the KPIs' lost reasons); the others do not
      if (o.stageCode === 'LOST') expect(DEFAULT_LOST_REASONS).toContain(o.lostReason);
      else expect(o.lostReason).toBeNull();
    }
  });
});
