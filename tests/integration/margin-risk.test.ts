import { afterAll, describe, expect, it } from 'vitest';
import { money, rate } from '../../electron/shared/money';
import { smallCore } from './helpers';

/** What-if on the small demo company: a category's cost raised, the deals that fall, nothing written. */
const { core, cleanup } = smallCore();
afterAll(cleanup);
const sql = <T>(q: string, ...p: unknown[]) => core.db.$client.prepare(q).all(...p) as T[];
const RANK = { ok: 0, below_target: 1, below_minimum: 2, below_cost: 3 } as const;

describe('what-if on a cost', () => {
  it('+30 % on the building materials: each deal that falls costs what its lines of them cost more, its guard worse; nothing changes', async () => {
    const category = sql<{ id: number }>("SELECT id FROM product_categories WHERE code = 'MAT'")[0]!.id;
    const before = JSON.stringify(sql('SELECT id, amount, cost, guard_state FROM opportunities ORDER BY id'));
    const r = await core.call('dashboard.whatIf', { categoryId: category, percent: 30 });
    expect(r.deals).toBeGreaterThan(0);
    expect(r.falling.length).toBeGreaterThan(0);
    expect(r.marginAfter).toBeLessThan(r.marginBefore);
    for (const f of r.falling) {
      // the lines of products under « Matériaux de construction », costed 30 % more (their stored cost)
      const lines = sql<{ cost: number }>(
        `SELECT l.cost FROM opportunity_lines l JOIN products p ON p.id = l.product_id JOIN product_categories c ON c.id = p.category_id
         WHERE l.opportunity_id = ? AND (c.id = ? OR c.parent_id = ?)`,
        f.opportunityId,
        category,
        category,
      );
      expect(f.costAfter - f.costBefore).toBe(lines.reduce((s, l) => s + money.applyRate(l.cost, rate.fromPercent(30)), 0));
      expect(RANK[f.guardAfter]).toBeGreaterThan(RANK[f.guardBefore]);
    }
    // the deals the most margin lost first
    const lost = r.falling.map((f) => f.costAfter - f.costBefore);
    expect(lost).toEqual([...lost].sort((a, b) => b - a));
    expect(JSON.stringify(sql('SELECT id, amount, cost, guard_state FROM opportunities ORDER BY id'))).toBe(before);
  });

  it('by supplier: only deals with a product that supplier sells', async () => {
    const supplier = sql<{ id: number }>('SELECT supplier_id AS id FROM supplier_prices GROUP BY supplier_id ORDER BY count(*) DESC LIMIT 1')[0]!.id;
    const r = await core.call('dashboard.whatIf', { supplierId: supplier, percent: 25 });
    for (const f of r.falling) {
      const sells = sql(
        'SELECT 1 FROM opportunity_lines l JOIN supplier_prices sp ON sp.product_id = l.product_id WHERE l.opportunity_id = ? AND sp.supplier_id = ?',
        f.opportunityId,
        supplier,
      );
      expect(sells.length).toBeGreaterThan(0);
    }
  });

  it('refuses a category and a supplier together, neither, an unknown one, or a rise out of range', async () => {
    await expect(core.call('dashboard.whatIf', { categoryId: 1, supplierId: 1, percent: 5 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(core.call('dashboard.whatIf', { percent: 5 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(core.call('dashboard.whatIf', { categoryId: 999_999, percent: 5 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(core.call('dashboard.whatIf', { categoryId: 1, percent: 500 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
