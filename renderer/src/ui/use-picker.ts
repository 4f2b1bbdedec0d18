import { useEffect, useState } from 'react';
import { useDebounced } from './use-debounced';

/**
 * A search-as-you-type picker driven from the keyboard: the first hit is the one Enter picks, ↓
 * goes to it and on, ↑ back; a search that found nothing says so (`none`).
 * `search` must be stable (useCallback); nothing is searched while `enabled` is false.
 */
export function usePicker<T>(search: (query: string) => Promise<T[]>, enabled: boolean) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<T[]>([]);
  const [active, setActive] = useState(-1);
  const [none, setNone] = useState(false);
  const settled = useDebounced(query, 120);

  useEffect(() => {
    if (!settled.trim() || !enabled) return (setHits([]), setNone(false));
    let current = true;
    void search(settled).then((found) => {
      if (!current) return;
      setHits(found);
      setNone(found.length === 0);
      setActive(-1);
    });
    return () => {
      current = false;
    };
  }, [search, settled, enabled]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>, pick: (hit: T | undefined) => void) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, hits.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter' && hits.length > 0) pick(hits[Math.max(active, 0)]);
    else return;
    e.preventDefault();
  };

  // the hit Enter picks is the one shown chosen
  const shown = hits.length ? Math.max(active, 0) : -1;
  const clearHits = () => (setHits([]), setNone(false));
  return {
    query,
    setQuery,
    hits,
    clearHits,
    active: shown,
    none: none && enabled && query.trim() === settled.trim() ? settled.trim() : null,
    onKeyDown,
  };
}
