import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { smallCore } from './helpers';

let core: Core;
let cleanup: () => void;
beforeAll(() => ({ core, cleanup } = smallCore()));
afterAll(() => cleanup());

const sql = <T>(q: string, ...params: unknown[]) => core.db.$client.prepare(q).all(...params) as T[];
const one = <T>(q: string, ...params: unknown[]) => sql<T>(q, ...params)[0]!;
const rules = async () => await core.call('marginRules.list', {});
const ruleRows = () => one<{ n: number }>("SELECT count(*) AS n FROM rules WHERE kind = 'margin'").n;
const auditRows = () => one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE entity = 'rule'").n;

/** A customer with a deal and a line, and no rule of its own. */
async function freshDeal(productCode: string) {
  const customer = one<{ id: number }>(
    "SELECT id FROM customers WHERE on_hold = 0 AND id NOT IN (SELECT scope_id FROM rules WHERE scope = 'customer') ORDER BY id LIMIT 1",
  ).id;
  const product = one<{ id: number; list_price: number }>('SELECT id, list_price FROM products WHERE code = ?', productCode);
  const created = await core.call('opportunity.create', { customerId: customer, title: 'Règles de marge' });
  return await core.call('opportunity.addLine', {
    opportunityId: created.id,
    productId: product.id,
    qty: 1000,
    unitPrice: product.list_price,
  });
}

describe('margin rules', () => {
  it('ships the demo policy: company default, thin-margin categories, the largest account', async () => {
    const list = await rules();
    expect(list[0]).toMatchObject({ scope: 'company', scopeId: null, targetRate: 2000, minimumRate: 1200 });
    expect(list.filter((r) => r.scope === 'category').map((r) => r.scopeCode)).toEqual(expect.arrayContaining(['CIM', 'AGR']));
    expect(list.find((r) => r.scope === 'customer')).toMatchObject({ scopeCode: 'C00001', targetRate: 1500, minimumRate: 900 });
  });

  it('applies a parent category rule to products of its sub-categories, and a nearer one first', async () => {
    const fertiliser = one<{ code: string; categoryId: number }>(
      `SELECT p.code, p.category_id AS categoryId FROM products p JOIN product_categories c ON c.id = p.category_id
       JOIN product_categories parent ON parent.id = c.parent_id WHERE parent.code = 'AGR' ORDER BY p.id LIMIT 1`,
    );
    const deal = await freshDeal(fertiliser.code);
    // one line: the deal's blended rule is the line's rule, inherited from Agrofournitures
    expect(deal.guard).toMatchObject({ targetRate: 1600, minimumRate: 1000 });
    await core.call('marginRules.save', { scope: 'category', scopeId: fertiliser.categoryId, targetRate: 1100, minimumRate: 500 });
    const nearer = await core.call('opportunity.get', { id: deal.id });
    expect(nearer.guard).toMatchObject({ targetRate: 1100, minimumRate: 500 });
  });

  it('grades a line with the new figures as soon as the rule changes, and audits old and new values', async () => {
    const tool = one<{ code: string }>(
      `SELECT p.code FROM products p JOIN product_categories c ON c.id = p.category_id
       WHERE c.code NOT IN ('CIM', 'AGR') AND coalesce(c.parent_id, 0) NOT IN (SELECT id FROM product_categories WHERE code = 'AGR')
       AND p.cost_price > 0 AND p.cost_price < p.list_price ORDER BY p.id LIMIT 1`,
    );
    const deal = await freshDeal(tool.code);
    const rate = deal.lines[0]!.marginRate!;
    const company = (await rules())[0]!;
    const audits = auditRows();
    // a company minimum just above this line's margin: it now needs an approval
    await core.call('marginRules.save', { scope: 'company', scopeId: null, targetRate: rate + 200, minimumRate: rate + 1 });
    const after = await core.call('opportunity.get', { id: deal.id });
    expect(after.lines[0]!.insight.guard).toBe('below_minimum');
    expect(auditRows()).toBe(audits + 1);
    const audit = one<{ action: string; old_value: string; new_value: string; source: string }>(
      "SELECT action, old_value, new_value, source FROM audit_log WHERE entity = 'rule' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.action).toBe('update');
    expect(JSON.parse(audit.old_value)).toMatchObject({ targetRate: company.targetRate, minimumRate: company.minimumRate });
    expect(JSON.parse(audit.new_value)).toMatchObject({ targetRate: rate + 200, minimumRate: rate + 1 });
    // saving the same figures again changes and audits nothing
    await core.call('marginRules.save', { scope: 'company', scopeId: null, targetRate: rate + 200, minimumRate: rate + 1 });
    expect(auditRows()).toBe(audits + 1);
    await core.call('marginRules.save', { scope: 'company', scopeId: null, targetRate: company.targetRate, minimumRate: company.minimumRate });
  });

  it('removes a customer rule (its deals fall back), revives it without a duplicate row, and keeps the company default', async () => {
    const customer = one<{ id: number }>('SELECT id FROM customers ORDER BY id DESC LIMIT 1').id;
    const before = ruleRows();
    const list = await core.call('marginRules.save', { scope: 'customer', scopeId: customer, targetRate: 1800, minimumRate: 300 });
    const rule = list.find((r) => r.scope === 'customer' && r.scopeId === customer)!;
    expect(ruleRows()).toBe(before + 1);
    const removed = await core.call('marginRules.delete', { id: rule.id });
    expect(removed.some((r) => r.id === rule.id)).toBe(false);
    await core.call('marginRules.save', { scope: 'customer', scopeId: customer, targetRate: 1700, minimumRate: 200 });
    expect(ruleRows()).toBe(before + 1);
    expect((await rules()).find((r) => r.id === rule.id)).toMatchObject({ targetRate: 1700, minimumRate: 200 });
    const actions = sql<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'rule' AND entity_id = ? ORDER BY id", rule.id);
    expect(actions.map((a) => a.action)).toEqual(['create', 'delete', 'create']);
    const company = (await rules())[0]!;
    await expect(core.call('marginRules.delete', { id: company.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses bad rules with the field and the reason, and changes nothing', async () => {
    const before = JSON.stringify(await rules());
    const audits = auditRows();
    const bad: [unknown, string][] = [
      [{ scope: 'company', targetRate: 1000, minimumRate: 1500 }, 'minimumRate'],
      [{ scope: 'company', targetRate: 10_001, minimumRate: 0 }, 'targetRate'],
      [{ scope: 'company', targetRate: 1000, minimumRate: -1 }, 'minimumRate'],
      [{ scope: 'company', targetRate: 12.5, minimumRate: 0 }, 'targetRate'],
      [{ scope: 'category', targetRate: 1000, minimumRate: 0 }, 'scopeId'],
      [{ scope: 'company', scopeId: 3, targetRate: 1000, minimumRate: 0 }, 'scopeId'],
      [{ scope: 'category', scopeId: 999_999, targetRate: 1000, minimumRate: 0 }, 'scopeId'],
      [{ scope: 'customer', scopeId: 999_999, targetRate: 1000, minimumRate: 0 }, 'scopeId'],
      [{ scope: 'stage', scopeId: 1, targetRate: 1000, minimumRate: 0 }, 'scope'],
    ];
    for (const [input, field] of bad) {
      const error = await core.call('marginRules.save', input as never).then(
        () => null,
        (e: unknown) => e as { details?: { issues?: { path: string }[] } },
      );
      expect(error, JSON.stringify(input)).not.toBeNull();
      expect(error!.details?.issues?.map((i) => i.path)).toContain(field);
    }
    await expect(core.call('marginRules.delete', { id: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
    expect(JSON.stringify(await rules())).toBe(before);
    expect(auditRows()).toBe(audits);
  });
  it('colours a cement deal at 8 % with a 5 % rule as fine everywhere: the list row carries the guard of the rules, and follows them', async () => {
    const cement = one<{ id: number; code: string; cost_price: number; category_id: number }>(
      `SELECT p.id, p.code, p.cost_price, p.category_id FROM products p JOIN product_categories c ON c.id = p.category_id
       WHERE c.code = 'CIM' AND p.cost_price > 0 ORDER BY p.id LIMIT 1`,
    );
    await core.call('marginRules.save', { scope: 'category', scopeId: cement.category_id, targetRate: 700, minimumRate: 500 });
    const deal = await freshDeal(cement.code);
    // a price for an 8 % margin on cost
    const price = Math.round(cement.cost_price / 0.92);
    const priced = await core.call('opportunity.updateLine', {
      lineId: deal.lines[0]!.id,
      unitPrice: price,
    });
    expect(priced.totals.marginRate).toBeGreaterThan(700);
    expect(priced.totals.marginRate).toBeLessThan(1200);
    expect(priced.guard.state).toBe('ok');
    expect(priced.lines[0]!.insight.guard).toBe('ok');
    const row = async () => (await core.call('opportunities.list', { search: priced.reference, limit: 5 })).rows.find((r) => r.id === deal.id)!;
    expect((await row()).guardState).toBe('ok');
    // a stricter cement rule: the stored guard of every deal follows at once
    await core.call('marginRules.save', { scope: 'category', scopeId: cement.category_id, targetRate: 1500, minimumRate: 1000 });
    expect((await row()).guardState).toBe('below_minimum');
    expect((await core.call('opportunity.get', { id: deal.id })).guard.state).toBe('below_minimum');
  });
});
