import type Database from 'better-sqlite3';
import type { DemoCompany } from '../../electron/shared/demo';
import { lineAmount } from '../../electron/shared/money';
import { addDays } from '../../electron/shared/dates';
import { overdueInvoices } from '../../electron/shared/demo/master';
import { ageingOf } from '../../electron/shared/domain/ageing';
import { foldForSearch } from '../../electron/shared/text';
import type { Db } from '../client';
import { refreshOpportunityTotals } from '../queries/totals';

type IdMap = Map<string, number>;

function need(map: IdMap, code: string, what: string): number {
  const id = map.get(code);
  if (id === undefined) throw new Error(`demo: unknown ${what} ${code}`);
  return id;
}

function insertAll<T>(raw: Database.Database, sql: string, rows: Iterable<T>, values: (row: T) => unknown[], key?: (row: T) => string): IdMap {
  const stmt = raw.prepare(sql);
  const ids: IdMap = new Map();
  for (const row of rows) {
    const info = stmt.run(...values(row));
    if (key) ids.set(key(row), Number(info.lastInsertRowid));
  }
  return ids;
}

/** Warehouses, product categories, products and their ERP costs. */
function writeCatalog(raw: Database.Database, c: DemoCompany, now: string) {
  const wh = insertAll(
    raw,
    'INSERT INTO warehouses (code, name, city, lat, lon, pulled_at) VALUES (?, ?, ?, ?, ?, ?)',
    c.warehouses,
    (w) => [w.code, w.name, w.city, w.lat, w.lon, now],
    (w) => w.code,
  );
  const cats = insertAll(
    raw,
    'INSERT INTO product_categories (code, name, pulled_at) VALUES (?, ?, ?)',
    c.categories,
    (k) => [k.code, k.name, now],
    (k) => k.code,
  );
  const setParent = raw.prepare('UPDATE product_categories SET parent_id = ? WHERE id = ?');
  for (const k of c.categories) if (k.parentCode) setParent.run(need(cats, k.parentCode, 'category'), need(cats, k.code, 'category'));
  const prod = insertAll(
    raw,
    'INSERT INTO products (code, name, category_id, unit, list_price, cost_price, cost_as_of, tax_rate, search_text, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    c.products,
    (p) => [
      p.code,
      p.name,
      need(cats, p.categoryCode, 'category'),
      p.unit,
      p.listPrice,
      p.costPrice,
      now,
      p.taxRate,
      foldForSearch(`${p.code} ${p.name}`),
      now,
    ],
    (p) => p.code,
  );
  const cost = raw.prepare('INSERT INTO product_costs (product_id, warehouse_id, cost_price, as_of, pulled_at) VALUES (?, ?, ?, ?, ?)');
  for (const p of c.products)
    for (const wc of p.warehouseCosts) cost.run(need(prod, p.code, 'product'), need(wh, wc.warehouseCode, 'warehouse'), wc.cost, now, now);
  return { wh, prod, cats };
}

/** Suppliers with their price tiers, stock in every warehouse and incoming receipts. */
function writeSupply(raw: Database.Database, c: DemoCompany, ids: { wh: IdMap; prod: IdMap }, now: string) {
  const { wh, prod } = ids;
  const sup = insertAll(
    raw,
    'INSERT INTO suppliers (code, name, city, pulled_at) VALUES (?, ?, ?, ?)',
    c.suppliers,
    (s) => [s.code, s.name, s.city, now],
    (s) => s.code,
  );
  insertAll(
    raw,
    'INSERT INTO supplier_prices (product_id, supplier_id, min_qty, unit_price, lead_time_days, pack_qty, valid_from, valid_to, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    c.supplierPrices,
    (s) => [
      need(prod, s.productCode, 'product'),
      need(sup, s.supplierCode, 'supplier'),
      s.minQty,
      s.unitPrice,
      s.leadTimeDays,
      s.packQty,
      s.validFrom,
      s.validTo,
      now,
    ],
  );
  insertAll(
    raw,
    'INSERT INTO stock_levels (product_id, warehouse_id, on_hand, reserved_erp, as_of, pulled_at) VALUES (?, ?, ?, ?, ?, ?)',
    c.stock,
    (s) => [need(prod, s.productCode, 'product'), need(wh, s.warehouseCode, 'warehouse'), s.onHand, s.reserved, now, now],
  );
  insertAll(
    raw,
    'INSERT INTO incoming_receipts (product_id, warehouse_id, supplier_id, qty, expected_date, purchase_ref, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    c.receipts,
    (r) => [
      need(prod, r.productCode, 'product'),
      need(wh, r.warehouseCode, 'warehouse'),
      need(sup, r.supplierCode, 'supplier'),
      r.qty,
      r.expectedDate,
      r.purchaseRef,
      now,
    ],
  );
}

/** Customers with their credit figures and two years of sales history. */
function writeCustomers(raw: Database.Database, c: DemoCompany, ids: { wh: IdMap; prod: IdMap }, now: string): IdMap {
  const { wh, prod } = ids;
  const cust = insertAll(
    raw,
    `INSERT INTO customers (code, name, city, postal_code, credit_limit, outstanding, overdue, overdue30, overdue60, overdue90, overdue_over90,
      open_orders, on_hold, avg_days_late, preferred_warehouse_id, credit_as_of, search_text, pulled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    c.customers,
    (k) => [
      k.code,
      k.name,
      k.city,
      k.postalCode,
      k.creditLimit,
      k.outstanding,
      k.overdue,
      // the same ageing the ERP's open invoices give (see the Tryton demo ledger)
      ...ageingOf(
        overdueInvoices(k).map((i) => ({ maturity: addDays(now.slice(0, 10), -i.daysLate), amount: i.amount })),
        now.slice(0, 10),
      ),
      k.openOrders,
      k.onHold ? 1 : 0,
      k.avgDaysLate,
      need(wh, k.preferredWarehouseCode, 'warehouse'),
      now,
      foldForSearch(`${k.code} ${k.name} ${k.city} ${k.postalCode}`),
      now,
    ],
    (k) => k.code,
  );
  insertAll(
    raw,
    'INSERT INTO sales_history (customer_id, product_id, warehouse_id, order_ref, order_date, qty, unit_price, amount, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    c.salesHistory(),
    (s) => [
      need(cust, s.customerCode, 'customer'),
      need(prod, s.productCode, 'product'),
      need(wh, s.warehouseCode, 'warehouse'),
      s.orderRef,
      s.date,
      s.qty,
      s.unitPrice,
      lineAmount(s.qty, s.unitPrice, 0),
      now,
    ],
  );
  return cust;
}

/** Users and the French pipeline. */
function writeTeam(raw: Database.Database, c: DemoCompany) {
  const users = insertAll(
    raw,
    'INSERT INTO users (login, name, initials, role) VALUES (?, ?, ?, ?)',
    c.users,
    (u) => [u.login, u.name, u.initials, u.role],
    (u) => u.login,
  );
  const stages = insertAll(
    raw,
    'INSERT INTO stages (code, name, position, probability, kind, stagnation_days) VALUES (?, ?, ?, ?, ?, ?)',
    c.stages.map((s, i) => ({ ...s, position: i + 1 })),
    (s) => [s.code, s.name, s.position, s.probability, s.kind, s.stagnationDays],
    (s) => s.code,
  );
  return { users, stages };
}

type Ids = { wh: IdMap; prod: IdMap; cust: IdMap; users: IdMap; stages: IdMap };

/** Opportunities with their lines, stage history and activities. */
function writeOpportunities(raw: Database.Database, c: DemoCompany, ids: Ids) {
  const { users, stages } = ids;
  const opp =
    raw.prepare(`INSERT INTO opportunities (reference, customer_id, title, owner_id, stage_id, probability, expected_close, requested_date, notes,
    stage_entered_at, search_text, created_at, updated_at, created_by, lost_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const line =
    raw.prepare(`INSERT INTO opportunity_lines (opportunity_id, position, product_id, warehouse_id, qty, unit_price, discount, requested_date)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const hist = raw.prepare('INSERT INTO stage_history (opportunity_id, from_stage_id, to_stage_id, changed_at, changed_by) VALUES (?, ?, ?, ?, ?)');
  const act = raw.prepare(
    'INSERT INTO activities (opportunity_id, customer_id, kind, title, due_at, done_at, owner_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const o of c.opportunities()) {
    const owner = need(users, o.ownerLogin, 'user');
    const customer = need(ids.cust, o.customerCode, 'customer');
    const last = o.history[o.history.length - 1]!;
    const id = Number(
      opp.run(
        o.reference,
        customer,
        o.title,
        owner,
        need(stages, o.stageCode, 'stage'),
        o.probability,
        o.expectedClose,
        o.requestedDate,
        o.notes,
        last.at,
        foldForSearch(`${o.reference} ${o.title}`),
        o.createdAt,
        last.at,
        owner,
        o.lostReason,
      ).lastInsertRowid,
    );
    o.lines.forEach((l, i) =>
      line.run(
        id,
        i + 1,
        need(ids.prod, l.productCode, 'product'),
        l.warehouseCode ? need(ids.wh, l.warehouseCode, 'warehouse') : null,
        l.qty,
        l.unitPrice,
        l.discount,
        l.requestedDate,
      ),
    );
    for (const h of o.history)
      hist.run(id, h.fromCode ? need(stages, h.fromCode, 'stage') : null, need(stages, h.toCode, 'stage'), h.at, need(users, h.byLogin, 'user'));
    for (const a of o.activities) act.run(id, customer, a.kind, a.title, a.dueAt, a.doneAt, need(users, a.ownerLogin, 'user'), o.createdAt);
  }
}

function writeSettings(raw: Database.Database, c: DemoCompany, ids: { users: IdMap; cats: IdMap; cust: IdMap; stages: IdMap }, now: string) {
  const { users } = ids;
  const automation = raw.prepare("INSERT INTO rules (kind, scope, scope_id, params, updated_at) VALUES ('automation', 'stage', ?, ?, ?)");
  for (const a of c.automationRules) automation.run(need(ids.stages, a.stageCode, 'stage'), JSON.stringify(a.params), now);
  const rule = raw.prepare("INSERT INTO rules (kind, scope, scope_id, params, updated_at) VALUES ('margin', ?, ?, ?, ?)");
  for (const m of c.marginRules) {
    const scopeId = m.code === null ? null : m.scope === 'category' ? need(ids.cats, m.code, 'category') : need(ids.cust, m.code, 'customer');
    rule.run(m.scope, scopeId, JSON.stringify({ targetRate: m.targetRate, minimumRate: m.minimumRate }), now);
  }
  const setting = raw.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  setting.run('company.name', JSON.stringify(c.name), now);
  setting.run('company.landedCostRate', JSON.stringify(300), now);
  setting.run('operations.handlingDays', JSON.stringify(2), now);
  setting.run('currentUserId', JSON.stringify(need(users, 'c.martin', 'user')), now);
}

/** Writes the demo company into an empty database, in one transaction, then computes the deal totals. */
export function writeDemoCompany(db: Db, company: DemoCompany, now = new Date().toISOString()): void {
  const raw = db.$client;
  const existing = raw.prepare('SELECT count(*) AS n FROM warehouses').get() as { n: number };
  if (existing.n > 0) throw new Error('the database already holds data: the demo company is only written into an empty one');
  raw.transaction(() => {
    const catalog = writeCatalog(raw, company, now);
    writeSupply(raw, company, catalog, now);
    const cust = writeCustomers(raw, company, catalog, now);
    const team = writeTeam(raw, company);
    writeOpportunities(raw, company, { ...catalog, cust, ...team });
    writeSettings(raw, company, { users: team.users, cats: catalog.cats, cust, stages: team.stages }, now);
  })();
  refreshOpportunityTotals(db, { today: company.today });
  raw.pragma('optimize');
  raw.exec('ANALYZE');
}
