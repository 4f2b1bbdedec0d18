import { role, type Output, type Role } from '../../electron/shared/contract';
import { allWordsSql, likePattern, likeWords } from '../../electron/shared/text';
import { atpNowSql } from '../../electron/shared/domain/atp';
import type { Db } from '../client';
import { prepareCached } from './statements';

export function listUsers(db: Db): Output<'users.list'> {
  return prepareCached(db.$client, 'SELECT id, name, initials, role FROM users WHERE active = 1 ORDER BY name').all() as Output<'users.list'>;
}

/** A user's roles: every one they hold (what they may decide, DESIGN.md §2.11), and the one the desk opens on. */
export function userRoles(db: Db, id: number): { role: Role; roles: Role[] } | undefined {
  const r = prepareCached(db.$client, 'SELECT role, roles FROM users WHERE id = ?').get(id) as { role: Role; roles: string } | undefined;
  if (!r) return undefined;
  let held: unknown;
  try {
    held = JSON.parse(r.roles);
  } catch {
    held = [];
  }
  const roles = role.options.filter((x) => Array.isArray(held) && held.includes(x));
  return { role: r.role, roles: roles.length > 0 ? roles : [r.role] };
}

/** Customers by name, code, city or postal code, every word of the query in any order; accent- and case-insensitive. */
export function searchCustomers(db: Db, query: string, limit: number): Output<'customers.search'> {
  const words = likeWords(query);
  const rows = prepareCached(
    db.$client,
    `SELECT id, code, name, city, (on_hold OR credit_hold) AS on_hold, credit_limit, outstanding FROM customers
    WHERE active = 1 AND ${allWordsSql(words, (p) => `search_text LIKE ${p} ESCAPE '\\'`)} ORDER BY (fold(name) LIKE ? ESCAPE '\\') DESC, name LIMIT ?`,
  ).all(...words, likePattern(query).slice(1), limit) as {
    id: number;
    code: string;
    name: string;
    city: string;
    on_hold: number;
    credit_limit: number;
    outstanding: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    city: r.city,
    onHold: r.on_hold === 1,
    creditLimit: r.credit_limit,
    outstanding: r.outstanding,
  }));
}

/** Products by code or name (every word of the query, in any order), with the stock on hand across warehouses at a glance. */
export function searchProducts(db: Db, query: string, limit: number): Output<'products.search'> {
  const words = likeWords(query);
  const rows = prepareCached(
    db.$client,
    `SELECT p.id, p.code, p.name, p.unit, k.name AS category_name, p.list_price,
      (SELECT coalesce(sum(${atpNowSql('sl')}), 0) FROM stock_levels sl WHERE sl.product_id = p.id) AS available,
      (SELECT min(as_of) FROM stock_levels sl WHERE sl.product_id = p.id) AS stock_as_of
    FROM products p LEFT JOIN product_categories k ON k.id = p.category_id
    WHERE p.active = 1 AND ${allWordsSql(words, (q) => `p.search_text LIKE ${q} ESCAPE '\\'`)} ORDER BY (p.search_text LIKE ? ESCAPE '\\') DESC, p.code LIMIT ?`,
  ).all(...words, likePattern(query).slice(1), limit) as {
    id: number;
    code: string;
    name: string;
    unit: string;
    category_name: string | null;
    list_price: number;
    available: number;
    stock_as_of: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    unit: r.unit as Output<'products.search'>[number]['unit'],
    categoryName: r.category_name,
    listPrice: r.list_price,
    available: r.available,
    stockAsOf: r.stock_as_of,
  }));
}

export function counts(db: Db): { opportunities: number; customers: number; products: number; warehouses: number } {
  return prepareCached(
    db.$client,
    `SELECT (SELECT count(*) FROM opportunities) AS opportunities, (SELECT count(*) FROM customers) AS customers,
    (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM warehouses) AS warehouses`,
  ).get() as {
    opportunities: number;
    customers: number;
    products: number;
    warehouses: number;
  };
}
