import type { Db } from '../client';
import { AppError } from '../../electron/shared/errors';
import { readTeamState, writeTeamState } from './team-state';

/** Numbers the hub leased to this desk for one prefix and year, used in order (TEAM.md protocol 2). */
type Blocks = { first: number; last: number }[];
const key = (prefix: string, year: number) => `refs.${prefix}.${year}`;
/** Lease more when fewer than this are left; a block is this big. */
export const REFS_LOW = 20;
export const REFS_BLOCK = 50;

function blocks(db: Db, prefix: string, year: number): Blocks {
  return JSON.parse(readTeamState(db, key(prefix, year)) ?? '[]') as Blocks;
}
const left = (b: Blocks) => b.reduce((n, x) => n + x.last - x.first + 1, 0);

/**
 * The next reference of a desk in a team: final at once, offline too, from the blocks leased while
 * online. None left: refused (the desk must be online once to lease more), never a guess another
 * desk could also make. Null when the desk is not in a team (its own count applies).
 */
export function takeReference(db: Db, prefix: string, year: number): number | null {
  if (readTeamState(db, 'hubUrl') === null) return null;
  const b = blocks(db, prefix, year);
  const head = b[0];
  if (!head)
    throw new AppError('unavailable', `No ${prefix} reference left for ${year} on this desk: connect to the team once to get more`, {
      reason: 'team.noReferences',
      prefix,
      year,
    });
  const n = head.first;
  const rest = head.first === head.last ? b.slice(1) : [{ first: head.first + 1, last: head.last }, ...b.slice(1)];
  writeTeamState(db, key(prefix, year), JSON.stringify(rest));
  return n;
}

/** What the connector should lease now: this year's references, and next year's in December. */
export function referencesWanted(db: Db, prefix: string, today: string): { prefix: string; year: number; count: number }[] {
  if (readTeamState(db, 'hubUrl') === null) return [];
  const year = Number(today.slice(0, 4));
  const years = today.slice(5, 7) === '12' ? [year, year + 1] : [year];
  return years.filter((y) => left(blocks(db, prefix, y)) < REFS_LOW).map((y) => ({ prefix, year: y, count: REFS_BLOCK }));
}

export function addReferences(db: Db, lease: { prefix: string; year: number; first: number; last: number }): void {
  const b = blocks(db, lease.prefix, lease.year);
  if (b.some((x) => x.first <= lease.last && lease.first <= x.last)) return; // the same lease answered twice
  writeTeamState(db, key(lease.prefix, lease.year), JSON.stringify([...b, { first: lease.first, last: lease.last }]));
}
