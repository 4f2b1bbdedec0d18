import type { Db } from '../client';
import { captureOf, localOnly, objectOf } from '../team-capture';
import { TEAM_TABLE_NAMES } from '../../electron/shared/team/tables';

/**
 * A desk joins a team (TEAM.md): the first desk of an empty hub uploads every team row it holds
 * (its log starts again with one insert per row, parents first); a desk joining a team that
 * already has data takes the team's instead — its own team rows go (the demo company's deals, a
 * default pipeline) and the first pull brings the team's.
 */
export function joinTeam(db: Db, mode: 'upload' | 'replace', at: string): number {
  const raw = db.$client;
  return captureOf(raw).without(() =>
    raw.transaction(() => {
      raw.prepare('DELETE FROM team_mutations').run();
      raw.prepare('DELETE FROM team_versions').run();
      raw.prepare('DELETE FROM team_parked').run();
      if (mode === 'replace') {
        raw.pragma('defer_foreign_keys = ON');
        for (const t of [...TEAM_TABLE_NAMES].reverse()) raw.prepare(`DELETE FROM ${t}`).run();
        // documents queued for the ERP from this desk's own deals, which are gone
        raw.prepare(`DELETE FROM outbox WHERE status != 'done'`).run();
        raw.prepare(`UPDATE settings SET value = 'null' WHERE key = 'currentUserId'`).run();
        return 0;
      }
      let n = 0;
      for (const t of TEAM_TABLE_NAMES) {
        n += raw
          .prepare(
            `INSERT INTO team_mutations (tbl, row_uid, op, after, before, base_version, user_id, at, tx)
             SELECT '${t}', t.uid, 'insert', ${objectOf(t, 't')}, NULL, 0, NULL, ?, 0 FROM ${t} t WHERE 1${localOnly(t, 't')} ORDER BY t.id`,
          )
          .run(at).changes;
      }
      return n;
    })(),
  );
}
