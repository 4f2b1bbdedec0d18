import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input, Method, Output } from '../../../electron/shared/contract';
import { useApp } from '../app/client-context';

export type LiveQuery<M extends Method> = {
  data: Output<M> | undefined;
  error: unknown;
  reload: () => void;
  /** core's answer to a write on this same data: shown at once, a read started before it is dropped */
  set: (value: Output<M>) => void;
};

/**
 * One read of core that follows the data (DESIGN §11, Actual's liveQuery): asked when the screen
 * shows it and whenever its input changes, asked again after a `data.changed` event about one of
 * `on` (debounced: a pulled page or a burst of edits is one read), and only the latest answer is
 * kept — an older one arriving late is dropped. `id` narrows the events to those about that deal.
 * A screen that writes hands core's answer to `set`: it shows at once, and the next read takes over.
 */
export function useLiveQuery<M extends Method>(
  method: M,
  input: Input<M>,
  on: readonly string[],
  o: { id?: number; delayMs?: number } = {},
): LiveQuery<M> {
  const { client } = useApp();
  const [data, setData] = useState<Output<M> | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(0);
  const key = JSON.stringify(input);
  const reload = useCallback(() => {
    const n = ++asked.current;
    client.call(method, JSON.parse(key) as Input<M>).then(
      (v) => n === asked.current && (setData(v), setError(null)),
      (err: unknown) => n === asked.current && setError(err),
    );
  }, [client, method, key]);
  useEffect(reload, [reload]);
  const set = useCallback((value: Output<M>) => {
    asked.current++;
    setData(value);
    setError(null);
  }, []);
  useChanges(on, reload, o);
  return { data, error, reload, set };
}

/**
 * The change-following half of a live query, for a screen whose reads are its own (the list's
 * infinite cache): `onChange` after a `data.changed` event about one of `on`, debounced.
 */
export function useChanges(on: readonly string[], onChange: () => void, o: { id?: number; delayMs?: number } = {}): void {
  const { client } = useApp();
  const watched = on.join('|');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const entities = new Set(watched.split('|'));
    const off = client.on('data.changed', (e) => {
      if (!e.entities.some((x) => entities.has(x))) return;
      if (o.id !== undefined && e.ids !== undefined && !e.ids.includes(o.id)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(onChange, o.delayMs ?? 40);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client, onChange, watched, o.id, o.delayMs]);
}
