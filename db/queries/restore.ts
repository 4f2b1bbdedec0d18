import type { Db } from '../client';
import { readTeamState, writeTeamState } from './team-state';

/** An epoch no hub has (hubs draw theirs at random): a cursor of it makes the hub answer with its whole feed. */
const NO_EPOCH = '00000000-0000-0000-0000-000000000000';

/**
 * A backup took the database's place: it is older than what the ERP and the hub hold. Every ERP
 * entity is pulled again from its start; a desk in a team reads the hub's feed from its start as
 * after a restore of the hub (renumbering what it still has to send after what the hub acknowledged,
 * so no number is reused, and sending again what the hub lacks).
 */
export function pullEverythingAgain(db: Db): { team: boolean } {
  return db.$client.transaction(() => {
    db.$client.prepare('DELETE FROM sync_cursors').run();
    const joined = readTeamState(db, 'deskId') !== null;
    if (joined) writeTeamState(db, 'cursor', `${NO_EPOCH}/0/0`);
    return { team: joined };
  })();
}
