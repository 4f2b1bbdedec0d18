import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bestTierPrice } from '../../electron/shared/domain/deal-preview';
import { bestSupplierPrice, bestSupplierPriceIdSql, bestSupplierUnitPriceSql } from '../../electron/shared/domain/supplier-price';
import { addDays } from '../../electron/shared/dates';
import { weighted, weightedSql } from '../../electron/shared/money';
import { SQL as WORKSPACE_SQL } from '../../db/queries/workspace';
import { soonest, wantedByAtSql, wantedOn, wantedOnSql } from '../../electron/shared/domain/wanted';
import { otherDeals, otherDealsSql } from '../../electron/shared/domain/credit';
import { atpNowSql, availableToPromise } from '../../electron/shared/domain/atp';
import { smallCore } from './helpers';

/**
 * Each domain rule that SQL must compute too (sums, sorts, filters, triggers) has its SQL beside
 * its TypeScript function; these properties run both on random inputs and want the same answer.
 */
const sqlite = new Database(':memory:');
afterAll(() => sqlite.close());

describe('SQL twins of the domain rules', () => {
  it('weighted amount: weightedSql equals weighted for any amount and probability', () => {
    // bound as integers, like the stored columns (a JS number binds as REAL)
    const stmt = sqlite.prepare(`SELECT ${weightedSql('CAST(@amount AS INTEGER)', 'CAST(@p AS INTEGER)')} AS w`).pluck();
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 0, max: 100 }), (amount, p) => {
        expect(stmt.get({ amount, p })).toBe(weighted(amount, p));
      }),
      { numRuns: 2_000 },
    );
    // the halves, where truncating division and rounding part
    for (const amount of [150, -150, 50, -50, 1, -1]) expect(stmt.get({ amount, p: 1 })).toBe(weighted(amount, 1));
  });

  it('best supplier price: the SQL picks the row, the price and the tiers the TypeScript picks, on any date and quantity', () => {
    sqlite.exec(`CREATE TABLE supplier_prices (id INTEGER PRIMARY KEY, product_id INTEGER, supplier_id INTEGER, min_qty INTEGER,
      unit_price INTEGER, lead_time_days INTEGER, valid_from TEXT, valid_to TEXT, active INTEGER)`);
    const day = fc.integer({ min: -40, max: 40 }).map((n) => addDays('2027-03-01', n));
    const row = fc.record({
      supplierId: fc.integer({ min: 1, max: 4 }),
      minQty: fc.integer({ min: 0, max: 5_000 }),
      unitPrice: fc.integer({ min: 1, max: 500 }),
      leadTimeDays: fc.integer({ min: 0, max: 30 }),
      validFrom: fc.option(day, { nil: null }),
      validTo: fc.option(day, { nil: null }),
      active: fc.boolean(),
    });
    const insert = sqlite.prepare(
      'INSERT INTO supplier_prices (product_id, supplier_id, min_qty, unit_price, lead_time_days, valid_from, valid_to, active) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
    );
    const q = (sql: string) => sqlite.prepare(`SELECT ${sql} AS v`).pluck();
    const bestId = q(bestSupplierPriceIdSql('1', 'CAST(@qty AS INTEGER)'));
    const bestPrice = q(bestSupplierUnitPriceSql('1', 'CAST(@qty AS INTEGER)'));
    const tiers = sqlite.prepare(WORKSPACE_SQL.supplierTiers);
    const byId = sqlite.prepare('SELECT unit_price AS unitPrice, lead_time_days AS leadTimeDays FROM supplier_prices WHERE id = ?');
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), fc.integer({ min: 0, max: 6_000 }), day, (rows, qty, today) => {
        sqlite.exec('DELETE FROM supplier_prices');
        for (const r of rows) insert.run(r.supplierId, r.minQty, r.unitPrice, r.leadTimeDays, r.validFrom, r.validTo, r.active ? 1 : 0);
        // the reader hands the TypeScript the active rows
        const ts = bestSupplierPrice(
          rows.filter((r) => r.active),
          qty,
          today,
        );
        const id = bestId.get({ qty, today }) as number | null;
        expect(id === null ? null : byId.get(id)).toEqual(ts === null ? null : { unitPrice: ts.unitPrice, leadTimeDays: ts.leadTimeDays });
        expect(bestPrice.get({ qty, today })).toBe(ts?.unitPrice ?? null);
        const t = tiers.all({ ids: JSON.stringify([1]), today }) as { minQty: number; unitPrice: number }[];
        expect(bestTierPrice(t, qty)).toBe(ts?.unitPrice ?? null);
      }),
      { numRuns: 500 },
    );
  });

  it('wanted date: the stored demand date (kept by the triggers) and its SQL give the day wantedOn gives, and the same “wanted by” answer', () => {
    const { core, cleanup } = smallCore();
    try {
      const raw = core.db.$client;
      const line = raw.prepare('SELECT id, opportunity_id AS opp FROM opportunity_lines ORDER BY id LIMIT 1').get() as { id: number; opp: number };
      const setDeal = raw.prepare('UPDATE opportunities SET requested_date = ?, expected_close = ? WHERE id = ?');
      const setLine = raw.prepare('UPDATE opportunity_lines SET requested_date = ? WHERE id = ?');
      const read = raw.prepare(
        `SELECT ${wantedOnSql('demand_date')} AS wanted, ${wantedByAtSql('demand_date')} AS byAt FROM opportunity_lines WHERE id = ?`,
      );
      const base = '2028-02-27';
      const day = fc.option(
        fc.integer({ min: -20, max: 20 }).map((n) => addDays(base, n)),
        { nil: null },
      );
      fc.assert(
        fc.property(
          day,
          day,
          day,
          fc.integer({ min: -3, max: 3 }),
          fc.integer({ min: 0, max: 7 }),
          fc.integer({ min: 0, max: 30 }),
          (l, r, c, t, handling, ahead) => {
            const today = addDays(base, t);
            const at = addDays(today, ahead);
            setDeal.run(r, c, line.opp);
            setLine.run(l, line.id);
            const got = read.get(line.id, { today, soonest: soonest(today, handling), at }) as { wanted: string; byAt: number };
            const want = wantedOn([l, r, c], today, handling);
            expect(got.wanted).toBe(want);
            expect(got.byAt === 1).toBe(want <= at);
          },
        ),
        { numRuns: 400 },
      );
    } finally {
      cleanup();
    }
  });

  it('credit: the customer’s other deals sum in SQL as otherDeals sums them (accepted in full until in the ERP, the rest weighted)', () => {
    sqlite.exec(`CREATE TABLE opportunities (id INTEGER PRIMARY KEY, amount INTEGER, probability INTEGER, ops_state TEXT);
      CREATE TABLE outbox (id INTEGER PRIMARY KEY, subject TEXT, kind TEXT, status TEXT)`);
    const deal = fc.record({
      amount: fc.integer({ min: 0, max: 2 ** 36 }),
      probability: fc.integer({ min: 0, max: 100 }),
      opsState: fc.constantFrom(null, 'committed', 'awaiting_approval', 'released'),
      order: fc.constantFrom(null, 'pending', 'leased', 'done', 'failed', 'cancelled'),
    });
    const insertDeal = sqlite.prepare('INSERT INTO opportunities (amount, probability, ops_state) VALUES (?, ?, ?)');
    const insertOrder = sqlite.prepare("INSERT INTO outbox (subject, kind, status) VALUES (?, 'sale_order', ?)");
    const sums = sqlite.prepare(`SELECT ${otherDealsSql('o')} FROM opportunities o`);
    fc.assert(
      fc.property(fc.array(deal, { maxLength: 10 }), (deals) => {
        sqlite.exec('DELETE FROM opportunities; DELETE FROM outbox');
        for (const d of deals) {
          const id = Number(insertDeal.run(d.amount, d.probability, d.opsState).lastInsertRowid);
          if (d.order) insertOrder.run(`opportunity:${id}`, d.order);
        }
        const ts = otherDeals(deals.map((d) => ({ ...d, orderInErp: d.order === 'done' })));
        expect(sums.get()).toEqual(ts);
      }),
      { numRuns: 500 },
    );
  });

  it('stock free now: the SQL of a stock row gives availableToPromise without receipts, the app’s reservations taken off', () => {
    sqlite.exec(`CREATE TABLE stock_levels (product_id INTEGER, warehouse_id INTEGER, on_hand INTEGER, reserved_erp INTEGER);
      CREATE TABLE reservations (product_id INTEGER, warehouse_id INTEGER, qty INTEGER, status TEXT)`);
    const insertStock = sqlite.prepare('INSERT INTO stock_levels VALUES (1, 1, ?, ?)');
    const insertReservation = sqlite.prepare('INSERT INTO reservations VALUES (1, ?, ?, ?)');
    const read = sqlite.prepare(`SELECT ${atpNowSql('sl')} FROM stock_levels sl`).pluck();
    const reservation = fc.record({
      warehouseId: fc.integer({ min: 1, max: 2 }),
      qty: fc.integer({ min: 1, max: 10_000 }),
      status: fc.constantFrom('active', 'released', 'in_erp'),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: -5_000, max: 50_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.array(reservation, { maxLength: 8 }),
        (onHand, reservedErp, rs) => {
          sqlite.exec('DELETE FROM stock_levels; DELETE FROM reservations');
          insertStock.run(onHand, reservedErp);
          for (const r of rs) insertReservation.run(r.warehouseId, r.qty, r.status);
          const localReserved = rs.filter((r) => r.warehouseId === 1 && r.status === 'active').reduce((s, r) => s + r.qty, 0);
          expect(read.get()).toBe(availableToPromise({ onHand, reservedErp, localReserved }, [], '2027-03-01'));
        },
      ),
      { numRuns: 500 },
    );
  });
});
