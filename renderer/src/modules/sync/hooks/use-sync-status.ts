import { useEffect, useState } from 'react';
import { useApp } from '../../../app/client-context';
import { useLiveQuery } from '../../../ui/use-live-query';

type Progress = Record<string, { done: number; total: number | null }>;
const SYNC_DATA = ['sync', 'outbox'];

/** The sync panel's state from core: a live query on runs and the outbox, the progress events of a run, and a 30 s tick for the clocks. */
export function useSyncStatus() {
  const { client } = useApp();
  const query = useLiveQuery('sync.status', {}, SYNC_DATA);
  const status = query.data ?? null;
  const [progress, setProgress] = useState<Progress>({});
  const [now, setNow] = useState(() => Date.now());
  const { reload } = query;
  // a run's progress: what core had when read, then each event
  useEffect(() => {
    if (!status) return;
    if (!status.current) setProgress({});
    else setProgress((p) => ({ ...Object.fromEntries(status.progress.map((x) => [x.entity, x])), ...p }));
  }, [status]);
  useEffect(() => {
    const off = client.on('sync.progress', (p) => setProgress((prev) => ({ ...prev, [p.entity]: { done: p.done, total: p.total } })));
    const tick = setInterval(() => {
      setNow(Date.now());
      reload();
    }, 30_000);
    return () => {
      off();
      clearInterval(tick);
    };
  }, [client, reload]);
  return { status, progress, now, setStatus: query.set };
}
