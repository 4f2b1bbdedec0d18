import type { Output } from '../../electron/shared/contract';
import type { Db } from '../client';
import { prepareCached } from './statements';

export type StageRow = {
  id: number;
  name: string;
  position: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
  stagnationDays: number | null;
  active: boolean;
};

export function getStage(db: Db, id: number): StageRow | undefined {
  const r = prepareCached(db.$client, 'SELECT id, name, position, probability, kind, stagnation_days, active FROM stages WHERE id = ?').get(id) as
    | { id: number; name: string; position: number; probability: number; kind: StageRow['kind']; stagnation_days: number | null; active: number }
    | undefined;
  return (
    r && {
      id: r.id,
      name: r.name,
      position: r.position,
      probability: r.probability,
      kind: r.kind,
      stagnationDays: r.stagnation_days,
      active: r.active === 1,
    }
  );
}

const STAGE_COLUMNS = `s.id, s.name, s.position, s.probability, s.kind, s.stagnation_days AS stagnationDays,
  (SELECT count(*) FROM opportunities o WHERE o.stage_id = s.id) AS opportunityCount`;

/** The active stages in pipeline order, each with how many deals it holds. */
export function listStages(db: Db): Output<'stages.list'> {
  return prepareCached(db.$client, `SELECT ${STAGE_COLUMNS} FROM stages s WHERE s.active = 1 ORDER BY s.position`).all() as Output<'stages.list'>;
}

export function stageWithCount(db: Db, id: number): Output<'stages.create'> {
  return prepareCached(db.$client, `SELECT ${STAGE_COLUMNS} FROM stages s WHERE s.id = ?`).get(id) as Output<'stages.create'>;
}

export function insertStage(db: Db, s: { name: string; probability: number; kind: StageRow['kind']; stagnationDays: number | null }): number {
  const raw = db.$client;
  const position = (raw.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM stages WHERE active = 1').get() as { p: number }).p;
  const sql =
    "INSERT INTO stages (code, name, position, probability, kind, stagnation_days) VALUES ('S-' || lower(hex(randomblob(5))), ?, ?, ?, ?, ?)";
  return Number(raw.prepare(sql).run(s.name, position, s.probability, s.kind, s.stagnationDays).lastInsertRowid);
}

export function updateStage(
  db: Db,
  id: number,
  s: Partial<Pick<StageRow, 'name' | 'probability' | 'kind' | 'stagnationDays' | 'position' | 'active'>>,
): void {
  const cols: Record<string, string> = {
    name: 'name',
    probability: 'probability',
    kind: 'kind',
    stagnationDays: 'stagnation_days',
    position: 'position',
    active: 'active',
  };
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(s)) {
    if (value === undefined) continue;
    sets.push(`${cols[key]} = ?`);
    values.push(typeof value === 'boolean' ? Number(value) : value);
  }
  if (sets.length) db.$client.prepare(`UPDATE stages SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
}

export function activeStageIds(db: Db): number[] {
  return db.$client.prepare('SELECT id FROM stages WHERE active = 1 ORDER BY position').pluck().all() as number[];
}

export function opportunityIdsInStage(db: Db, stageId: number): number[] {
  return db.$client.prepare('SELECT id FROM opportunities WHERE stage_id = ? ORDER BY id').pluck().all(stageId) as number[];
}

/** Where a new deal starts: the first open stage of the pipeline. */
export function firstOpenStageId(db: Db): number | undefined {
  return prepareCached(db.$client, "SELECT id FROM stages WHERE active = 1 AND kind = 'open' ORDER BY position LIMIT 1").pluck().get() as
    number | undefined;
}
