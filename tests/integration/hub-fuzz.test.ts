import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubClient } from '../../electron/connector/hub-client';
import { MAX_BATCH, type Mutation } from '../../electron/shared/contract/hub';
import { AppError } from '../../electron/shared/errors';
import { TEAM_TABLE_NAMES } from '../../electron/shared/team/tables';
import { mutation, newId, startTestHub, type TestHub } from './fixtures/hub';
import { NOW } from './helpers';

/**
 * Bad input at the hub (TEAM.md): push batches made at random — wrong types, unknown kinds, gaps
 * and replays of mutation numbers, oversized batches, another desk's ids, a session that ended —
 * each refused with a typed reason, nothing written to the team's rows, and the hub answering the
 * next good request as if nothing happened.
 */
let t: TestHub;
let desk: Awaited<ReturnType<TestHub['person']>>;
let theirs: string;
beforeAll(async () => {
  t = await startTestHub(NOW);
  desk = await t.person('fuzz', ['trader']);
  const other = await t.person('fuzz.other', ['trader']);
  theirs = newId();
  await other.client.call('hub.push', { mutations: [mutation(1, { table: 'stages', id: theirs, fields: { code: 'X', name: 'À eux' } })] });
}, 60_000);
afterAll(() => t.close());

const last = async () => Number((await t.pool.query('SELECT last_mutation FROM desks WHERE id = $1', [desk.deskId])).rows[0].last_mutation);
const rows = async () =>
  (await t.pool.query('SELECT row_table, row_id, version, data, deleted FROM team_rows ORDER BY row_table, row_id')).rows as unknown[];

type Bad = { kind: string; build: (next: number) => unknown };
const notTeam = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !(TEAM_TABLE_NAMES as string[]).includes(s));
const junk = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer()), fc.dictionary(fc.string(), fc.integer()));
const bad: fc.Arbitrary<Bad> = fc.oneof(
  junk.map((x) => ({ kind: 'not a batch', build: () => ({ mutations: x }) })),
  fc.array(junk, { minLength: 1, maxLength: 3 }).map((xs) => ({ kind: 'not mutations', build: () => ({ mutations: xs }) })),
  fc.record({ field: fc.constantFrom('number', 'id', 'op', 'at', 'baseVersion'), value: junk }).map(({ field, value }) => ({
    kind: `wrong ${field}`,
    build: (next: number) => ({ mutations: [{ ...mutation(next, { table: 'stages', id: newId(), fields: { name: 'x' } }), [field]: value }] }),
  })),
  fc.integer({ min: MAX_BATCH + 1, max: MAX_BATCH + 20 }).map((n) => ({
    kind: 'oversized',
    build: (next: number) => ({
      mutations: Array.from({ length: n }, (_, i) => mutation(next + i, { table: 'stages', id: newId(), fields: { name: 'x' } })),
    }),
  })),
  fc.integer({ min: 2, max: 50 }).map((gap) => ({
    kind: 'gap',
    build: (next: number) => ({ mutations: [mutation(next + gap, { table: 'stages', id: newId(), fields: { name: 'x' } })] }),
  })),
  fc.constant({
    kind: 'out of order',
    build: (next: number) => ({ mutations: [next + 1, next].map((n) => mutation(n, { table: 'stages', id: newId(), fields: { name: 'x' } })) }),
  }),
  notTeam.map((table) => ({
    kind: 'unknown table',
    build: (next: number) => ({ mutations: [mutation(next, { table, id: newId(), fields: { x: 1 } })] }),
  })),
  fc
    .oneof(
      fc.record({
        field: fc.constantFrom('position', 'probability'),
        value: fc.oneof(
          fc.string(),
          fc.double().filter((d) => !Number.isInteger(d)),
          fc.array(fc.integer()),
        ),
      }),
      fc.record({ field: fc.constant('active'), value: fc.oneof(fc.string(), fc.integer({ min: 2 }), fc.array(fc.integer())) }),
      fc.record({ field: fc.constant('name'), value: fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string())) }),
    )
    .map(({ field, value }) => ({
      kind: 'wrong value type',
      build: (next: number) => ({ mutations: [mutation(next, { table: 'stages', id: newId(), fields: { code: 'Y', [field]: value } })] }),
    })),
  fc.constant({
    kind: "another desk's id",
    build: (next: number) => ({ mutations: [mutation(next, { table: 'stages', id: theirs, fields: { code: 'MINE', name: 'À moi' } })] }),
  }),
  fc.constant({
    kind: 'a row that is not there',
    build: (next: number) => ({ mutations: [mutation(next, { table: 'stages', id: newId(), op: 'update', fields: { name: 'fantôme' } })] }),
  }),
);

/** What the hub may answer to a bad batch: a typed error, or a result per mutation that refused it with its reason. */
async function refused(body: unknown): Promise<string> {
  try {
    const out = await desk.client.call('hub.push', body as never);
    expect(out.results.every((r) => r.status === 'rejected' && /^hub\.\w+/.test(r.reason ?? ''))).toBe(true);
    return out.results.map((r) => r.reason!.split(':')[0]).join(',');
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(['invalid_input', 'conflict']).toContain(e.code);
    return e.details?.reason ?? e.code;
  }
}

describe('bad push batches', () => {
  it('are refused with a typed reason, apply nothing, and the next good batch goes through', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(bad, async (b) => {
        const before = await rows();
        const next = (await last()) + 1;
        seen.add(`${b.kind}: ${await refused(b.build(next))}`);
        expect(await rows()).toEqual(before);
        const good = newId();
        const n = (await last()) + 1;
        const ok = await desk.client.call('hub.push', {
          mutations: [mutation(n, { table: 'stages', id: good, fields: { code: `G${n}`, name: 'Bon' } })],
        });
        expect(ok.results).toEqual([{ number: n, status: 'applied', reason: null }]);
      }),
      { numRuns: 60, seed: 1207 },
    );
    // every kind was tried, each with its own reason
    expect([...seen].map((s) => s.split(':')[0]).sort()).toEqual(expect.arrayContaining(['gap', 'oversized', 'unknown table', "another desk's id"]));
  }, 120_000);

  it('replays apply nothing twice; a used number with another change is refused', async () => {
    const n = (await last()) + 1;
    const m: Mutation = mutation(n, { table: 'stages', id: newId(), fields: { code: 'R', name: 'Rejoué' } });
    await desk.client.call('hub.push', { mutations: [m] });
    const before = await rows();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), async (times) => {
        for (let i = 0; i < times; i++) expect((await desk.client.call('hub.push', { mutations: [m] })).results[0]!.status).toBe('duplicate');
        await expect(desk.client.call('hub.push', { mutations: [{ ...m, id: newId() }] })).rejects.toMatchObject({
          details: { reason: 'hub.numberReused' },
        });
        expect(await rows()).toEqual(before);
      }),
      { numRuns: 5, seed: 42 },
    );
  });

  it('a session that ended pushes nothing', async () => {
    const s = await hubClient(t.hub.url).call('hub.login', { login: 'fuzz', password: desk.password, desk: { id: newId(), name: 'x' } });
    const client = hubClient(t.hub.url, s.token);
    t.clock.advance(31 * 86_400_000);
    const before = await rows();
    await expect(
      client.call('hub.push', { mutations: [mutation(1, { table: 'stages', id: newId(), fields: { name: 'tard' } })] }),
    ).rejects.toMatchObject({
      code: 'unauthorized',
      details: { reason: 'hub.expired' },
    });
    expect(await rows()).toEqual(before);
    t.clock.advance(-31 * 86_400_000);
  });
});
