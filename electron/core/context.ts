import type { Role } from '../shared/contract';
import type { Db } from '../../db/client';
import type { EventBus } from './event-bus';
import type { ErpLink } from './erp-link';
import type { TeamLink } from './team-link';
import type { DeskCare } from './desk-care';

/** The roles of the desk's person (DESIGN §2.11): the one it opens on, and every one held. */
export type Holder = { role: Role; roles: readonly Role[] };

/** Who does a change, and when: the desk's user (null for a desk without one) at core's clock. */
export type Actor = { userId: number | null; at: string };

/** What every domain's handler map is made over (DESIGN §11): the database, the event bus, the clock, the links. */
export type CoreContext = {
  db: Db;
  dbPath: string;
  bus: EventBus;
  version: string;
  startedAt: string;
  now: () => string;
  link: ErpLink;
  team: TeamLink;
  care: DeskCare;
  /** where the desktop app writes its log files (the diagnostic takes them); null: none */
  logsDir: string | null;
};
