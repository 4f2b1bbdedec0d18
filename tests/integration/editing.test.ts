import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { Output } from '../../electron/shared/contract';
import { AppError } from '../../electron/shared/errors';
import { lineAmount } from '../../electron/shared/money';
import { NOW, smallCore } from './helpers';

let core: Core;
let cleanup: () => void;
beforeEach(() => ({ core, cleanup } = smallCore()));
afterEach(() => cleanup());

type View = Output<'opportunity.get'>;
const sql = <T>(q: string, ...params: unknown[]) => core.db.$client.prepare(q).all(...params) as T[];
const call = (method: string, input: unknown) => core.call(method as never, input as never) as Promise<View>;
const snapshot = () =>
  JSON.stringify(
    sql(
      'SELECT (SELECT count(*) FROM opportunities) o, (SELECT count(*) FROM opportunity_lines) l, (SELECT count(*) FROM audit_log) a, (SELECT sum(qty) FROM opportunity_lines) q',
    ),
  );
const customer = () => sql<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 1')[0]!.id;
const products = () => sql<{ id: number; list_price: number }>('SELECT id, list_price FROM products ORDER BY id LIMIT 3');

async function newDeal(): Promise<View> {
  return call('opportunity.create', { customerId: customer(), title: 'Chantier école Jules Ferry', expectedClose: '2027-01-31' });
}

describe('creating and editing a deal', () => {
  it('creates a deal with the next reference, the first open stage and its probability, history and audit', async () => {
    const v = await newDeal();
    expect(v.reference).toBe(`OPP-${NOW.slice(0, 4)}-000201`);
    expect(v.stage.name).toBe('Qualification');
    expect(v.probability).toBe(10);
    expect(v.owner?.name).toBe('Claire Martin');
    expect(v.lines).toEqual([]);
    const history = await core.call('opportunity.history', { id: v.id });
    expect(history.stages).toEqual([{ fromStage: null, toStage: 'Qualification', at: NOW, by: 'Claire Martin' }]);
    expect(history.audit.map((a) => a.action)).toEqual(['create']);
    const found = await core.call('opportunities.list', { search: 'jules ferry' });
    expect(found.rows.map((r) => r.id)).toEqual([v.id]);
  });

  it('takes rows pasted from a spreadsheet: updates the lines of products already there, adds the others, all or nothing', async () => {
    const v = await newDeal();
    const codes = sql<{ id: number; code: string; list_price: number }>('SELECT id, code, list_price FROM products ORDER BY id LIMIT 3');
    const [a, b, c] = codes as [(typeof codes)[number], (typeof codes)[number], (typeof codes)[number]];
    await call('opportunity.addLine', { opportunityId: v.id, productId: a.id, qty: 1_000 });
    const pasted = await call('opportunity.pasteLines', {
      opportunityId: v.id,
      rows: [
        { productCode: a.code.toLowerCase(), qty: 5_000, unitPrice: 123_400 },
        { productCode: b.code, qty: 2_500 },
        { productCode: c.code, qty: 1_000, unitPrice: 99_000, discount: 500 },
      ],
    });
    expect(pasted.lines.map((l) => [l.position, l.productCode, l.qty, l.unitPrice, l.discount])).toEqual([
      [1, a.code, 5_000, 123_400, 0],
      [2, b.code, 2_500, b.list_price, 0],
      [3, c.code, 1_000, 99_000, 500],
    ]);
    expect(pasted.totals.amount).toBe(lineAmount(5_000, 123_400, 0) + lineAmount(2_500, b.list_price, 0) + lineAmount(1_000, 99_000, 500));

    // one unknown code: named by its row, nothing changes
    const before = snapshot();
    const err = await core
      .call('opportunity.pasteLines', {
        opportunityId: v.id,
        rows: [
          { productCode: b.code, qty: 9_000 },
          { productCode: 'ZZ-404', qty: 1_000 },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details).toMatchObject({ reason: 'paste.unknownProducts', issues: [{ path: 'rows.1.productCode', reason: 'unknown' }] });
    expect(snapshot()).toBe(before);
    // a row checked like typed input: no zero quantity
    await expect(core.call('opportunity.pasteLines', { opportunityId: v.id, rows: [{ productCode: b.code, qty: 0 }] })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(snapshot()).toBe(before);
  });

  it('adds lines at the list price by default, and keeps totals computed by core', async () => {
    const v = await newDeal();
    const [p1, p2] = products();
    await call('opportunity.addLine', { opportunityId: v.id, productId: p1!.id, qty: 12_000 });
    const after = await call('opportunity.addLine', {
      opportunityId: v.id,
      productId: p2!.id,
      warehouseId: 2,
      qty: 3_500,
      unitPrice: 999_900,
      discount: 750,
    });
    expect(after.lines.map((l) => [l.position, l.unitPrice, l.discount])).toEqual([
      [1, p1!.list_price, 0],
      [2, 999_900, 750],
    ]);
    const expected = lineAmount(12_000, p1!.list_price, 0) + lineAmount(3_500, 999_900, 750);
    expect(after.totals.amount).toBe(expected);
    const [stored] = sql<{ amount: number }>('SELECT amount FROM opportunities WHERE id = ?', v.id);
    expect(stored!.amount).toBe(expected);
  });

  it('updates a line and audits each changed field with old and new value', async () => {
    const v = await newDeal();
    const [p1] = products();
    const withLine = await call('opportunity.addLine', { opportunityId: v.id, productId: p1!.id, qty: 1_000 });
    const lineId = withLine.lines[0]!.id;
    const after = await call('opportunity.updateLine', { lineId, qty: 2_000, discount: 1_000 });
    expect(after.lines[0]).toMatchObject({ qty: 2_000, discount: 1_000, amount: lineAmount(2_000, p1!.list_price, 1_000) });
    const audit = sql<{ field: string; old_value: string; new_value: string }>(
      "SELECT field, old_value, new_value FROM audit_log WHERE entity = 'opportunity_line' AND entity_id = ? AND action = 'update' ORDER BY field",
      lineId,
    );
    expect(audit).toEqual([
      { field: 'discount', old_value: '0', new_value: '1000' },
      { field: 'qty', old_value: '1000', new_value: '2000' },
    ]);
  });

  it('shows a warehouse change in the history by the warehouse code', async () => {
    const v = await newDeal();
    const [p1] = products();
    const withLine = await call('opportunity.addLine', { opportunityId: v.id, productId: p1!.id, qty: 1_000 });
    await call('opportunity.updateLine', { lineId: withLine.lines[0]!.id, warehouseId: 2 });
    const history = await core.call('opportunity.history', { id: v.id });
    expect(history.audit.find((a) => a.field === 'warehouseId')).toMatchObject({ entity: 'opportunity_line', oldValue: null, newValue: 'REN' });
  });

  it('duplicates a line right below it, moves and deletes lines, keeping positions 1..n', async () => {
    const v = await newDeal();
    const [p1, p2, p3] = products();
    for (const p of [p1!, p2!, p3!]) await call('opportunity.addLine', { opportunityId: v.id, productId: p.id, qty: 1_000 });
    let view = await core.call('opportunity.get', { id: v.id });
    const [a, b, c] = view.lines;
    view = await call('opportunity.duplicateLine', { lineId: a!.id });
    expect(view.lines.map((l) => l.productId)).toEqual([p1!.id, p1!.id, p2!.id, p3!.id]);
    view = await call('opportunity.moveLine', { lineId: c!.id, toPosition: 1 });
    expect(view.lines.map((l) => l.productId)).toEqual([p3!.id, p1!.id, p1!.id, p2!.id]);
    view = await call('opportunity.deleteLine', { lineId: b!.id });
    expect(view.lines.map((l) => [l.position, l.productId])).toEqual([
      [1, p3!.id],
      [2, p1!.id],
      [3, p1!.id],
    ]);
    expect(sql("SELECT count(*) AS n FROM audit_log WHERE entity = 'opportunity_line' AND action = 'delete'")).toEqual([{ n: 1 }]);
  });

  it('updates the header and audits it', async () => {
    const v = await newDeal();
    const after = await call('opportunity.update', {
      id: v.id,
      title: 'Chantier école Jules Ferry — tranche 2',
      probability: 25,
      requestedDate: '2027-02-15',
    });
    expect(after).toMatchObject({ title: 'Chantier école Jules Ferry — tranche 2', probability: 25, requestedDate: '2027-02-15' });
    expect(sql("SELECT field FROM audit_log WHERE entity = 'opportunity' AND entity_id = ? AND action = 'update' ORDER BY field", v.id)).toEqual([
      { field: 'probability' },
      { field: 'requestedDate' },
      { field: 'title' },
    ]);
  });
});

describe('bad edits change nothing', () => {
  it.each([
    ['opportunity.addLine', { qty: 0 }, 'qty', 'a quantity must be positive'],
    ['opportunity.addLine', { qty: -5 }, 'qty', 'a quantity must be positive'],
    ['opportunity.addLine', { qty: 1.5 }, 'qty', 'integer'],
    ['opportunity.addLine', { qty: 1000, unitPrice: 0 }, 'unitPrice', 'a unit price must be positive'],
    ['opportunity.addLine', { qty: 1000, discount: 10_001 }, 'discount', 'between 0 and 100 %'],
    ['opportunity.addLine', { qty: 1000, productId: 999_999 }, 'productId', 'Product 999999 does not exist'],
    ['opportunity.addLine', { qty: 1000, warehouseId: 77 }, 'warehouseId', 'Warehouse 77 does not exist'],
    ['opportunity.addLine', { qty: 1000, opportunityId: 999_999 }, '', 'Opportunity 999999 does not exist'],
  ])('%s %j is refused on %s', async (method, patch, field, message) => {
    const v = await newDeal();
    const [p1] = products();
    const before = snapshot();
    const err = (await core
      .call(method as never, { opportunityId: v.id, productId: p1!.id, ...patch } as never)
      .catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).toContain(message);
    if (field) expect(err.details?.issues?.map((i) => i.path)).toContain(field);
    expect(snapshot()).toBe(before);
  });

  it('refuses an oversized title, an unknown customer and an unknown line', async () => {
    const v = await newDeal();
    const before = snapshot();
    await expect(core.call('opportunity.update', { id: v.id, title: 'x'.repeat(201) })).rejects.toMatchObject({
      code: 'invalid_input',
      message: /title/,
    });
    await expect(core.call('opportunity.update', { id: v.id, customerId: 999_999 })).rejects.toMatchObject({
      code: 'not_found',
      message: /Customer 999999/,
    });
    await expect(core.call('opportunity.updateLine', { lineId: 999_999, qty: 1 })).rejects.toMatchObject({
      code: 'not_found',
      message: /Line 999999/,
    });
    await expect(core.call('opportunity.create', { customerId: 999_999, title: 'X' })).rejects.toMatchObject({ code: 'not_found' });
    expect(snapshot()).toBe(before);
  });

  it('creates a deal in an open stage only: « Devis accepté », « Gagné » and « Perdu » are reached by a move, through their checks', async () => {
    const before = snapshot();
    const reservations = () => sql<{ n: number }>('SELECT count(*) AS n FROM reservations')[0]!.n;
    const held = reservations();
    for (const code of ['ACCEPT', 'WON', 'LOST']) {
      const stage = sql<{ id: number; name: string }>('SELECT id, name FROM stages WHERE code = ?', code)[0]!;
      await expect(core.call('opportunity.create', { customerId: customer(), title: 'Raccourci', stageId: stage.id })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining(stage.name) as string,
        details: { issues: [{ path: 'stageId' }] },
      });
    }
    expect(snapshot()).toBe(before);
    expect(reservations()).toBe(held);
    const open = sql<{ id: number }>("SELECT id FROM stages WHERE code = 'DEVIS'")[0]!;
    expect((await call('opportunity.create', { customerId: customer(), title: 'Proposition', stageId: open.id })).stage.id).toBe(open.id);
  });
});

describe('asking for a margin approval', () => {
  it('records who asked, why and the figures at that moment, once, and only when the deal needs it', async () => {
    const v = await newDeal();
    const [p1] = products();
    let view = await call('opportunity.addLine', { opportunityId: v.id, productId: p1!.id, qty: 10_000 });
    await expect(core.call('approval.request', { opportunityId: v.id, kind: 'margin', reason: 'client stratégique' })).rejects.toMatchObject({
      code: 'conflict',
    });
    // price at half the ERP cost: below cost
    view = await call('opportunity.updateLine', { lineId: view.lines[0]!.id, unitPrice: Math.max(1, Math.floor(view.lines[0]!.erpUnitCost! / 2)) });
    expect(view.guard.state).toBe('below_cost');
    await expect(core.call('approval.request', { opportunityId: v.id, kind: 'margin', reason: '   ' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const after = await call('approval.request', { opportunityId: v.id, kind: 'margin', reason: 'Alignement sur un concurrent, volume annuel' });
    expect(after.approvals).toHaveLength(1);
    expect(after.approvals[0]).toMatchObject({
      kind: 'margin',
      status: 'pending',
      requestedBy: 'Claire Martin',
      requestedAt: NOW,
      reason: 'Alignement sur un concurrent, volume annuel',
      figures: {
        amount: view.totals.amount,
        cost: view.totals.cost,
        state: 'below_cost',
        minimumRate: view.guard.minimumRate,
        targetRate: view.guard.targetRate,
      },
    });
    await expect(core.call('approval.request', { opportunityId: v.id, kind: 'margin', reason: 'encore' })).rejects.toMatchObject({
      code: 'conflict',
      message: /already pending/,
    });
    expect(
      sql("SELECT count(*) AS n FROM audit_log WHERE entity = 'approval' AND entity_id IN (SELECT id FROM approvals WHERE opportunity_id = ?)", v.id),
    ).toEqual([{ n: 1 }]);
  });
});
