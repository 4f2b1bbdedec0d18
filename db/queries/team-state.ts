import type { Db } from '../client';
import { prepareCached } from './statements';

/** The desk's link with its hub, key by key (desk id, hub address, cursor, epoch, leased references…). */
export function readTeamState(db: Db, key: string): string | null {
  return (prepareCached(db.$client, 'SELECT value FROM team_state WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}
export function writeTeamState(db: Db, key: string, value: string | null): void {
  if (value === null) prepareCached(db.$client, 'DELETE FROM team_state WHERE key = ?').run(key);
  else
    prepareCached(db.$client, 'INSERT INTO team_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      key,
      value,
    );
}
