import type { MarginRuleScope } from '../../electron/shared/domain/guards';
import type { Db } from '../client';
import { prepareCached } from './statements';

export type MarginRuleRow = {
  id: number;
  scope: MarginRuleScope['scope'];
  scopeId: number | null;
  scopeCode: string | null;
  scopeName: string | null;
  targetRate: number;
  minimumRate: number;
  updatedAt: string;
};

const COLUMNS = `r.id, r.scope, r.scope_id AS scopeId, coalesce(c.code, k.code) AS scopeCode, coalesce(c.name, k.name) AS scopeName,
  json_extract(r.params, '$.targetRate') AS targetRate, json_extract(r.params, '$.minimumRate') AS minimumRate, r.updated_at AS updatedAt
  FROM rules r LEFT JOIN product_categories c ON r.scope = 'category' AND c.id = r.scope_id
  LEFT JOIN customers k ON r.scope = 'customer' AND k.id = r.scope_id`;

/** The active margin rules: the company default first, then categories and customers by name. */
export function listMarginRules(db: Db): MarginRuleRow[] {
  return prepareCached(
    db.$client,
    `SELECT ${COLUMNS} WHERE r.kind = 'margin' AND r.active = 1
     ORDER BY CASE r.scope WHEN 'company' THEN 0 WHEN 'category' THEN 1 ELSE 2 END, scopeName, r.id`,
  ).all() as MarginRuleRow[];
}

export function getMarginRule(db: Db, id: number): (MarginRuleRow & { active: number }) | undefined {
  return prepareCached(
    db.$client,
    `SELECT ${COLUMNS.replace('r.updated_at AS updatedAt', 'r.updated_at AS updatedAt, r.active')} WHERE r.id = ? AND r.kind = 'margin'`,
  ).get(id) as (MarginRuleRow & { active: number }) | undefined;
}

/** The rule row for a scope, active or not (a removed rule is revived rather than duplicated). */
export function findMarginRuleId(db: Db, scope: MarginRuleScope['scope'], scopeId: number | null): number | undefined {
  return prepareCached(db.$client, "SELECT id FROM rules WHERE kind = 'margin' AND scope = ? AND scope_id IS ? ORDER BY id LIMIT 1")
    .pluck()
    .get(scope, scopeId) as number | undefined;
}

export function insertMarginRule(
  db: Db,
  r: { scope: MarginRuleScope['scope']; scopeId: number | null; targetRate: number; minimumRate: number; at: string },
): number {
  const params = JSON.stringify({ targetRate: r.targetRate, minimumRate: r.minimumRate });
  return Number(
    prepareCached(db.$client, "INSERT INTO rules (kind, scope, scope_id, params, active, updated_at) VALUES ('margin', ?, ?, ?, 1, ?)").run(
      r.scope,
      r.scopeId,
      params,
      r.at,
    ).lastInsertRowid,
  );
}

export function writeMarginRule(db: Db, id: number, r: { targetRate: number; minimumRate: number; active: boolean; at: string }): void {
  const params = JSON.stringify({ targetRate: r.targetRate, minimumRate: r.minimumRate });
  prepareCached(db.$client, 'UPDATE rules SET params = ?, active = ?, updated_at = ? WHERE id = ?').run(params, r.active ? 1 : 0, r.at, id);
}

export function categoryExists(db: Db, id: number): boolean {
  return prepareCached(db.$client, 'SELECT 1 FROM product_categories WHERE id = ? AND active = 1').get(id) !== undefined;
}

export function customerExists(db: Db, id: number): boolean {
  return prepareCached(db.$client, 'SELECT 1 FROM customers WHERE id = ? AND active = 1').get(id) !== undefined;
}

/** Every product category's parent, for walking up the tree. */
export function readCategoryParents(db: Db): Map<number, number | null> {
  const rows = prepareCached(db.$client, 'SELECT id, parent_id AS parentId FROM product_categories').all() as {
    id: number;
    parentId: number | null;
  }[];
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

export function listCategories(db: Db): { id: number; code: string; name: string; parentId: number | null }[] {
  return prepareCached(db.$client, 'SELECT id, code, name, parent_id AS parentId FROM product_categories WHERE active = 1 ORDER BY code').all() as {
    id: number;
    code: string;
    name: string;
    parentId: number | null;
  }[];
}

/** The active suppliers, by name (the what-if on a supplier's cost). */
export function listSuppliers(db: Db): { id: number; code: string; name: string }[] {
  return prepareCached(db.$client, 'SELECT id, code, name FROM suppliers WHERE active = 1 ORDER BY name').all() as {
    id: number;
    code: string;
    name: string;
  }[];
}
