import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { type AppError } from '../../electron/shared/errors';
import { NOW, smallCore } from './helpers';

let core: Core;
let cleanup: () => void;
beforeEach(() => ({ core, cleanup } = smallCore()));
afterEach(() => cleanup());

const sql = <T>(q: string, ...params: unknown[]) => core.db.$client.prepare(q).all(...params) as T[];
const stages = async () => await core.call('stages.list', {});
const byName = async (name: string) => (await stages()).find((s) => s.name === name)!;
const dealIn = (stage: string) =>
  sql<{ id: number }>('SELECT o.id FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.name = ? ORDER BY o.id LIMIT 1', stage)[0]!.id;
const tableCounts = () =>
  JSON.stringify(
    sql('SELECT (SELECT count(*) FROM stage_history) h, (SELECT count(*) FROM audit_log) a, (SELECT count(*) FROM stages WHERE active = 1) s'),
  );

describe('moving a deal between stages', () => {
  it('sets the stage and its default probability, restarts days in stage, records history and audit', async () => {
    const id = dealIn('Qualification');
    const nego = await byName('Négociation');
    const events: unknown[] = [];
    core.bus.source((e, p) => events.push([e, p]));
    const opp = await core.call('pipeline.moveStage', { opportunityId: id, toStageId: nego.id });
    expect(opp.stage).toMatchObject({ id: nego.id, name: 'Négociation' });
    expect(opp.probability).toBe(60);
    expect(opp.stageEnteredAt).toBe(NOW);
    expect(opp.daysInStage).toBe(0);
    const history = await core.call('opportunity.history', { id });
    expect(history.stages[0]).toEqual({ fromStage: 'Qualification', toStage: 'Négociation', at: NOW, by: 'Claire Martin' });
    expect(history.audit.filter((a) => a.at === NOW).map((a) => [a.field, a.oldValue, a.newValue, a.source])).toEqual(
      expect.arrayContaining([
        ['stageId', 'Qualification', 'Négociation', 'user'],
        ['probability', 10, 60, 'user'],
      ]),
    );
    // stored as ids, shown by name
    const [row] = sql<{ old_value: string; new_value: string }>(
      "SELECT old_value, new_value FROM audit_log WHERE entity = 'opportunity' AND entity_id = ? AND field = 'stageId'",
      id,
    );
    expect(row).toEqual({ old_value: String((await byName('Qualification')).id), new_value: String(nego.id) });
    expect(events).toContainEqual(['data.changed', { entities: ['opportunities', 'operations'], ids: [id] }]);
  });

  it('does nothing when the deal is already in that stage', async () => {
    const id = dealIn('Qualification');
    const before = tableCounts();
    await core.call('pipeline.moveStage', { opportunityId: id, toStageId: (await byName('Qualification')).id });
    expect(tableCounts()).toBe(before);
  });

  it('refuses an unknown deal or stage and changes nothing', async () => {
    const before = tableCounts();
    await expect(core.call('pipeline.moveStage', { opportunityId: 999_999, toStageId: 1 })).rejects.toMatchObject({ code: 'not_found' });
    const err = (await core
      .call('pipeline.moveStage', { opportunityId: dealIn('Qualification'), toStageId: 999 })
      .catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('not_found');
    expect(err.details?.issues?.[0]?.path).toBe('toStageId');
    expect(tableCounts()).toBe(before);
  });
});

describe('configuring the pipeline', () => {
  it('creates, renames and reorders stages, auditing each change', async () => {
    const created = await core.call('stages.create', {
      name: 'Relance',
      probability: 40,
      kind: 'open',
      stagnationDays: 10,
    });
    expect(created).toMatchObject({ name: 'Relance', probability: 40, position: 7, opportunityCount: 0 });
    await core.call('stages.update', { id: created.id, name: 'Relance client', probability: 45 });
    const ids = (await stages()).map((s) => s.id);
    const reordered = [ids[0]!, created.id, ...ids.slice(1, -1)];
    const list = await core.call('stages.reorder', { ids: reordered });
    expect(list.map((s) => s.name).slice(0, 3)).toEqual(['Qualification', 'Relance client', 'Devis envoyé']);
    const audit = sql<{ field: string | null; action: string }>(
      "SELECT field, action FROM audit_log WHERE entity = 'stage' AND entity_id = ?",
      created.id,
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { field: null, action: 'create' },
        { field: 'name', action: 'update' },
        { field: 'probability', action: 'update' },
        { field: 'position', action: 'update' },
      ]),
    );
  });

  it('refuses a reorder that forgets or repeats a stage', async () => {
    const ids = (await stages()).map((s) => s.id);
    const before = JSON.stringify(await stages());
    await expect(core.call('stages.reorder', { ids: ids.slice(1) })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(core.call('stages.reorder', { ids: [ids[0]!, ...ids.slice(0, -1)] })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(JSON.stringify(await stages())).toBe(before);
  });

  it('asks where the deals of a stage in use go, then moves each one with its history', async () => {
    const nego = await byName('Négociation');
    const devis = await byName('Devis envoyé');
    const before = tableCounts();
    const err = (await core.call('stages.delete', { id: nego.id }).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(`${nego.opportunityCount} opportunities`);
    expect(tableCounts()).toBe(before);
    const out = await core.call('stages.delete', { id: nego.id, moveTo: devis.id });
    expect(out.moved).toBe(nego.opportunityCount);
    expect((await stages()).map((s) => s.name)).not.toContain('Négociation');
    expect((await byName('Devis envoyé')).opportunityCount).toBe(devis.opportunityCount + nego.opportunityCount);
    const [h] = sql<{ n: number }>(
      'SELECT count(*) AS n FROM stage_history WHERE from_stage_id = ? AND to_stage_id = ? AND changed_at = ?',
      nego.id,
      devis.id,
      NOW,
    );
    expect(h!.n).toBe(nego.opportunityCount);
  });

  it.each([
    [{ name: '', probability: 10, kind: 'open', stagnationDays: null }, 'name'],
    [{ name: 'x'.repeat(61), probability: 10, kind: 'open', stagnationDays: null }, 'name'],
    [{ name: 'Test', probability: 101, kind: 'open', stagnationDays: null }, 'probability'],
    [{ name: 'Test', probability: 10, kind: 'maybe', stagnationDays: null }, 'kind'],
    [{ name: 'Test', probability: 10, kind: 'open', stagnationDays: 0 }, 'stagnationDays'],
  ])('refuses stage %j, naming %s', async (input, field) => {
    const before = tableCounts();
    const err = (await core.call('stages.create', input as never).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('invalid_input');
    expect(err.details?.issues?.map((i) => i.path)).toContain(field);
    expect(tableCounts()).toBe(before);
  });
});

describe('the pipeline board', () => {
  it('has one column per open stage with the count and totals of all its deals, and its most urgent cards', async () => {
    const board = await core.call('pipeline.board', { cardsPerStage: 5 });
    expect(board.columns.map((c) => c.stageName)).toEqual(['Qualification', 'Devis envoyé', 'Négociation', 'Devis accepté']);
    for (const col of board.columns) {
      const [t] = sql<{ n: number; amount: number }>(
        'SELECT count(*) AS n, coalesce(sum(amount), 0) AS amount FROM opportunities WHERE stage_id = ?',
        col.stageId,
      );
      expect([col.count, col.amount]).toEqual([t!.n, t!.amount]);
      expect(col.cards.length).toBe(Math.min(5, t!.n));
      const dates = col.cards.map((c) => c.expectedClose ?? '9999');
      expect(dates).toEqual([...dates].sort());
    }
  });

  it('narrows to a search and follows a deal that moves', async () => {
    const ref = sql<{ reference: string }>(
      "SELECT o.reference FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.kind = 'open' LIMIT 1",
    )[0]!.reference;
    const before = await core.call('pipeline.board', { search: ref });
    const column = before.columns.find((c) => c.count === 1)!;
    expect(before.columns.reduce((n, c) => n + c.count, 0)).toBe(1);
    const target = before.columns.find((c) => c.stageId !== column.stageId)!;
    await core.call('pipeline.moveStage', { opportunityId: column.cards[0]!.id, toStageId: target.stageId });
    const after = await core.call('pipeline.board', { search: ref });
    expect(after.columns.find((c) => c.stageId === target.stageId)!.cards.map((c) => c.reference)).toEqual([ref]);
    expect(after.columns.find((c) => c.stageId === column.stageId)!.count).toBe(0);
  });
});
