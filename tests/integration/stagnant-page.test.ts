import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startCore, type Core } from '../../electron/core/core';
import { sliceDeals } from '../../db/queries/dashboard-deals';
import { STAGE_THRESHOLDS_SQL, STAGNANT_DAYS_SQL, STAGNANT_SQL } from '../../db/queries/stagnation';
import { testClock } from '../clock';
import { tempDir } from './helpers';

/**
 * The stagnant deals' page, read stage by stage in index order, against one sort of every stagnant
 * deal of the small demo company: the same deals in the same order, ties included, for any size.
 */
const clock = testClock();
const { dir, cleanup } = tempDir();
let core: Core;

beforeAll(() => {
  core = startCore({ dbPath: join(dir, 'comptoir.sqlite'), demo: 'small', validateOutput: true, now: clock.now, reminderEveryMs: 0 });
});
afterAll(() => {
  core.close();
  cleanup();
});

const sorted = (owner: number | null) =>
  core.db.$client
    .prepare(
      `SELECT o.id, ${STAGNANT_DAYS_SQL} AS beyond FROM opportunities o JOIN stages s ON s.id = o.stage_id JOIN ${STAGE_THRESHOLDS_SQL} th ON th.stage_id = o.stage_id
       WHERE ${STAGNANT_SQL} AND (@owner IS NULL OR o.owner_id = @owner) ORDER BY beyond DESC, o.id`,
    )
    .all({ now: clock.now(), owner }) as { id: number; beyond: number }[];

describe('the stagnant deals’ page', () => {
  it('is the first deals of one sort of them all, most days beyond first, ties by id, for any page size and owner', () => {
    const options = { now: clock.now(), thresholds: { commit: 70, best: 40 }, forecastFrom: '', forecastTo: '', categories: null };
    // two stagnant deals of a stage as far beyond as each other, the later id entered first (index order ≠ id order)
    const raw = core.db.$client;
    const stagnant = JSON.stringify(sorted(null).map((r) => r.id));
    const [a, b] = raw
      .prepare(
        `SELECT o.id FROM opportunities o WHERE o.id IN (SELECT value FROM json_each(?)) AND o.stage_id = (
           SELECT stage_id FROM opportunities WHERE id IN (SELECT value FROM json_each(?)) GROUP BY stage_id ORDER BY count(*) DESC LIMIT 1)
         ORDER BY o.id LIMIT 2`,
      )
      .pluck()
      .all(stagnant, stagnant) as number[];
    const longAgo = new Date(Date.parse(clock.now()) - 400 * 86_400_000 - 5 * 3_600_000).toISOString();
    const later = new Date(Date.parse(clock.now()) - 400 * 86_400_000 - 2 * 3_600_000).toISOString();
    raw.prepare('UPDATE opportunities SET stage_entered_at = ? WHERE id = ?').run(later, a);
    raw.prepare('UPDATE opportunities SET stage_entered_at = ? WHERE id = ?').run(longAgo, b);
    const all = sorted(null);
    expect(all.slice(0, 2).map((r) => r.id)).toEqual([a, b]);
    // the demo has stagnant deals in several stages, and deals as far beyond as each other
    expect(all.length).toBeGreaterThan(20);
    expect(new Set(all.map((r) => r.beyond)).size).toBeLessThan(all.length);
    const owners = [
      null,
      ...(core.db.$client.prepare('SELECT DISTINCT owner_id FROM opportunities WHERE owner_id IS NOT NULL').pluck().all() as number[]),
    ];
    for (const owner of owners) {
      const expected = sorted(owner);
      for (const limit of [1, 2, 3, 7, 20, expected.length, expected.length + 5]) {
        const page = sliceDeals(core.db, { kind: 'stagnant', ownerId: owner }, { ...options, limit });
        expect(page.total).toBe(expected.length);
        expect(page.ids).toEqual(expected.slice(0, limit).map((r) => r.id));
      }
    }
  });
});
