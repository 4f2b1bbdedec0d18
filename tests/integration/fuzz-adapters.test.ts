import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErpError } from '../../electron/connector/adapter';
import { mapOdoo, type OdooEntity } from '../../electron/connector/odoo/mapping';
import { mapTryton, type TrytonEntity } from '../../electron/connector/tryton/mapping';
import { decodeTryton } from '../../electron/connector/tryton/transport';
import { startCore, type Core } from '../../electron/core/core';
import { syncRecords, type SyncEntity } from '../../electron/shared/contract';
import { NOW, tempDir } from './helpers';

/** Valid answers as each ERP documents them; the fuzzer breaks them in every way it can think of. */
const ODOO: Record<OdooEntity, Record<string, unknown>> = {
  warehouses: { id: 1, code: 'LYO', name: 'Lyon', active: true, write_date: '2026-11-01 08:00:00' },
  categories: { id: 3, name: 'Ciments', parent_id: false, write_date: '2026-11-01 08:00:00' },
  products: {
    id: 42,
    default_code: 'CIM-01',
    name: 'Ciment',
    categ_id: [3, 'Ciments'],
    uom_id: [1, 'Units'],
    list_price: 7.85,
    standard_price: 5.1,
    active: true,
    write_date: '2026-11-03 10:00:00',
  },
  stock: { id: 9, product_id: [42, 'CIM-01'], warehouse_id: [1, 'Lyon'], quantity: 800, reserved_quantity: 250, write_date: '2026-11-04 09:00:00' },
  customers: {
    id: 70,
    ref: 'C1',
    name: 'Giraud',
    city: 'Lyon',
    zip: '69007',
    credit_limit: 50000,
    credit: 12000.5,
    active: true,
    write_date: '2026-11-05 12:00:00',
  },
};
const TRYTON: Record<Exclude<TrytonEntity, 'stock' | 'costs' | 'addresses' | 'receivables' | 'taxCategories' | 'taxes'>, Record<string, unknown>> = {
  warehouses: { id: 5, code: 'WH', name: 'Warehouse', active: true, write_date: null, create_date: '2026-11-30T10:00:00.000Z' },
  categories: { id: 1, name: 'Ciments', parent: null, write_date: null, create_date: '2026-11-30T10:00:00.000Z' },
  products: {
    id: 1,
    code: 'CIM-01',
    name: 'Ciment',
    categories: [1],
    'default_uom.': { symbol: 'u' },
    list_price: '7.85',
    cost_price: '5.10',
    active: true,
    write_date: null,
    create_date: '2026-11-30T10:00:00.000Z',
  },
  customers: {
    id: 1,
    code: 'C1',
    name: 'Giraud',
    credit_limit_amount: '50000',
    credit_amount: '0',
    receivable: '0',
    receivable_today: '0',
    active: true,
    write_date: null,
    create_date: '2026-11-30T10:00:00.000Z',
  },
  salesHistory: {
    id: 3,
    'sale.': { reference: 'SO-2026-0000001', number: '1', sale_date: '2026-03-02', party: 1, warehouse: 5 },
    product: 1,
    quantity: 3,
    unit_price: '100.50',
    amount: '301.50',
    write_date: null,
    create_date: '2026-11-30T10:00:00.000Z',
  },
};

const junk = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(false),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
/** A row with one field removed, replaced by junk, or a field added; or the row replaced whole. */
const mutate = (row: Record<string, unknown>) =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...Object.keys(row)), junk).map(([k, v]) => ({ ...row, [k]: v })),
    fc.constantFrom(...Object.keys(row)).map((k) => Object.fromEntries(Object.entries(row).filter(([x]) => x !== k))),
    junk,
  );

/** Mapping either gives records core accepts, or an ErpError saying what is wrong — never another exception. */
function checkMapping(map: () => unknown[], entity: SyncEntity) {
  try {
    for (const r of map()) expect(syncRecords[entity].safeParse(r).success).toBe(true);
  } catch (err) {
    expect(err).toBeInstanceOf(ErpError);
    expect((err as ErpError).message.length).toBeGreaterThan(10);
  }
}

let core: Core;
let cleanup: () => void;
beforeAll(() => {
  const t = tempDir();
  core = startCore({ dbPath: join(t.dir, 'fuzz.sqlite'), demo: 'none', now: () => NOW });
  cleanup = t.cleanup;
});
afterAll(() => (core.close(), cleanup()));

describe('malformed ERP answers, fuzzed', () => {
  for (const entity of Object.keys(ODOO) as OdooEntity[]) {
    it(`Odoo ${entity}: a broken row is refused with a clear error, never a crash`, () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.constant(ODOO[entity]), mutate(ODOO[entity])), { minLength: 1, maxLength: 4 }), (rows) =>
          checkMapping(() => mapOdoo(entity, rows, NOW), entity),
        ),
        { numRuns: 300, seed: 20_261_130 },
      );
    });
  }
  for (const entity of Object.keys(TRYTON) as Exclude<TrytonEntity, 'stock' | 'costs' | 'addresses' | 'receivables' | 'taxCategories' | 'taxes'>[]) {
    it(`Tryton ${entity}: a broken row is refused with a clear error, never a crash`, () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.constant(TRYTON[entity]), mutate(TRYTON[entity])), { minLength: 1, maxLength: 4 }), (rows) =>
          checkMapping(() => mapTryton(entity, decodeTryton(rows), NOW), entity),
        ),
        { numRuns: 300, seed: 20_261_130 },
      );
    });
  }

  it('a page of fuzzed warehouses reaches core whole or not at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constant(ODOO.warehouses), mutate(ODOO.warehouses)), { minLength: 1, maxLength: 5 }), async (rows) => {
        const before = core.db.$client.prepare('SELECT count(*) FROM warehouses').pluck().get() as number;
        const numbered = rows.map((r, i) =>
          r && typeof r === 'object' && !Array.isArray(r) ? { ...r, id: typeof r.id === 'number' ? r.id * 100 + i : r.id } : r,
        );
        let mapped: { erpId: string }[] | null = null;
        try {
          mapped = mapOdoo('warehouses', numbered, NOW) as { erpId: string }[];
        } catch (err) {
          expect(err).toBeInstanceOf(ErpError);
        }
        if (!mapped) return;
        const ok = await core.call('sync.applyPage', { entity: 'warehouses', rows: mapped, cursor: null, pulledAt: NOW }).then(
          () => true,
          () => false,
        );
        const after = core.db.$client.prepare('SELECT count(*) FROM warehouses').pluck().get() as number;
        const fresh = new Set(mapped.map((m) => m.erpId)).size;
        if (!ok) expect(after).toBe(before);
        else expect(after - before).toBeLessThanOrEqual(fresh);
      }),
      { numRuns: 100, seed: 20_261_130 },
    );
  });
});
