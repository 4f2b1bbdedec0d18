import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { AppError } from '../electron/shared/errors';

/** Who holds a database file: written in its lock file, told to anyone else who tries to open it. */
export type LockOwner = { pid: number; host: string; since: string; what: string };

const lockOf = (path: string) => `${path}.lock`;
/** Files this process holds: a second open of one of them is a second owner too. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, run by another user
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof v.pid === 'number' ? { pid: v.pid, host: String(v.host ?? ''), since: String(v.since ?? ''), what: String(v.what ?? '') } : null;
  } catch {
    return null;
  }
}

/**
 * One owner per database file (DESIGN.md §6): a lock file made atomically (`wx`), held for the
 * life of the process. A lock whose process is gone (a crash) is taken over; one whose process
 * runs refuses the open with a message naming it. Another machine's lock (a shared folder) is
 * never taken over.
 */
export function acquireLock(path: string, what: string): () => void {
  const file = lockOf(path);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), what };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      held.add(file);
      return () => {
        held.delete(file);
        if (readOwner(file)?.pid === me.pid) rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new AppError('unavailable', `Cannot lock the database at ${path}: ${(err as Error).message}`);
    }
    const owner = readOwner(file);
    const mine = owner?.pid === process.pid && owner.host === me.host;
    const stale = owner !== null && owner.host === me.host && !alive(owner.pid);
    if (owner && (held.has(file) || (!mine && !stale))) {
      throw new AppError(
        'conflict',
        `The database at ${path} is already open in another Comptoir (${owner.what || 'process'} ${owner.pid} on ${owner.host}, since ${owner.since}): close it first, or open another file`,
        { owner },
      );
    }
    // a crashed owner, or a lock file left unreadable half written: take it over
    rmSync(file, { force: true });
  }
  throw new AppError('unavailable', `Cannot lock the database at ${path}: another process keeps taking the lock`);
}
