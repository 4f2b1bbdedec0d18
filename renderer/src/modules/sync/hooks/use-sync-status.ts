import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../../../../electron/shared/contract';
import { useApp } from '../../../app/client-context';

type Progress = Record<string, { done: number; total: number | null }>;

/** The sync panel's state from core, kept current by its events (runs, progress, outbox) and a 30 s tick for the clocks. */
export function useSyncStatus() {
  const { client } = useApp();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [progress, setProgress] = useState<Progress>({});
  const [now, setNow] = useState(() => Date.now());
  const refresh = useCallback(
    () =>
      client.call('sync.status', {}).then((s) => {
        setStatus(s);
        if (!s.current) setProgress({});
        else setProgress((p) => ({ ...Object.fromEntries(s.progress.map((x) => [x.entity, x])), ...p }));
      }),
    [client],
  );
  useEffect(() => {
    void refresh();
    const offChanged = client.on('data.changed', (e) => {
      if (e.entities.includes('sync') || e.entities.includes('outbox')) void refresh();
    });
    const offProgress = client.on('sync.progress', (p) => setProgress((prev) => ({ ...prev, [p.entity]: { done: p.done, total: p.total } })));
    const tick = setInterval(() => {
      setNow(Date.now());
      void refresh();
    }, 30_000);
    return () => {
      offChanged();
      offProgress();
      clearInterval(tick);
    };
  }, [client, refresh]);
  return { status, progress, now, setStatus, refresh };
}
