import type { Pool } from 'pg';

/**
 * Tells every hub instance that the feed moved (TEAM.md protocol 9), at most once per `windowMs`
 * whatever the number of pushes: each NOTIFY is a commit PostgreSQL serialises across the cluster,
 * and a poke is only a hint (the cursor is the truth), so a burst of pushes makes one.
 */
export function feedNotifier(pool: Pool, windowMs = 5, onError: (err: Error) => void = () => undefined) {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  return {
    changed() {
      if (timer || stopped) return;
      timer = setTimeout(() => {
        timer = null;
        pool.query(`SELECT pg_notify('comptoir_changes', '')`).catch(onError);
      }, windowMs);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
