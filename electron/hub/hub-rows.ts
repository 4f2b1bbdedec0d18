import type { Pool, PoolClient } from 'pg';
import { keyedUid } from '../shared/team/keyed-uid';
import type { Row } from './rules';

/**
 * A team row the hub writes itself (a shortage for stock it could not grant, a company setting its
 * admin changed): the row, a version on, and its change in the feed, in the caller's transaction.
 */
export async function writeHubRow(c: PoolClient, r: { table: string; id: string; data: Row; by: string | null; at: Date }): Promise<number> {
  const kept = await c.query<{ version: number }>(
    `INSERT INTO team_rows (row_table, row_id, version, data, deleted, updated_at, updated_by) VALUES ($1, $2, 1, $3, false, $4, $5)
     ON CONFLICT (row_table, row_id) DO UPDATE SET version = team_rows.version + 1, data = team_rows.data || excluded.data, deleted = false,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by
     RETURNING version, data`,
    [r.table, r.id, r.data, r.at, r.by],
  );
  const { version } = kept.rows[0]!;
  await c.query(
    `INSERT INTO changes (row_table, row_id, version, data, deleted, user_id, at) SELECT $1, $2, version, data, false, $3, $4 FROM team_rows WHERE row_table = $1 AND row_id = $2`,
    [r.table, r.id, r.by, r.at],
  );
  return version;
}

/** The four-eyes rule as the team has it: the company setting's row, or the hub's default before any. */
export async function fourEyesOf(c: Pool | PoolClient): Promise<boolean> {
  const r = await c.query<{ v: string }>(
    `SELECT coalesce((SELECT data->>'value' FROM team_rows WHERE row_table = 'company_settings' AND row_id = $1 AND NOT deleted),
       (SELECT value FROM hub_meta WHERE key = 'fourEyes')) AS v`,
    [companySettingId('approvals.fourEyes')],
  );
  return r.rows[0]?.v === 'true';
}

/** The uid of a company setting's row: the one every desk makes for that key. */
export const companySettingId = (key: string) => keyedUid('company_settings', key);
