import { useEffect, useState } from 'react';
import { useDebounced } from './use-debounced';

/**
 * A search-as-you-type picker driven from the keyboard: ↓/↑ move through the hits, Enter picks.
 * `search` must be stable (useCallback); nothing is searched while `enabled` is false.
 */
export function usePicker<T>(search: (query: string) => Promise<T[]>, enabled: boolean) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<T[]>([]);
  const [active, setActive] = useState(0);
  const settled = useDebounced(query, 120);

  useEffect(() => {
    if (!settled.trim() || !enabled) return setHits([]);
    let current = true;
    void search(settled).then((found) => {
      if (!current) return;
      setHits(found);
      setActive(0);
    });
    return () => {
      current = false;
    };
  }, [search, settled, enabled]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>, pick: (hit: T | undefined) => void) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, hits.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter' && hits.length > 0) pick(hits[active]);
    else return;
    e.preventDefault();
  };

  return { query, setQuery, hits, clearHits: () => setHits([]), active, onKeyDown };
}
