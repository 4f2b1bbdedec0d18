import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useRef } from 'react';
import type { Settings } from '../../../electron/shared/contract';
import { useApp } from '../app/client-context';

type GridKey = 'grid.opportunities' | 'grid.lines';
type Columns = NonNullable<Settings[GridKey]>['columns'];

function snapshot(api: GridApi): Columns {
  return api.getColumnState().map((c) => ({
    colId: c.colId,
    width: c.width == null ? undefined : Math.round(c.width),
    hide: c.hide ?? null,
    pinned: c.pinned === 'left' || c.pinned === 'right' ? c.pinned : null,
    sort: c.sort ?? null,
    sortIndex: c.sortIndex ?? null,
  }));
}

/**
 * Remembers the grid's column order, widths, visibility and sort in the user's settings. The
 * state is taken when it changes and written shortly after; leaving the grid writes it at once.
 */
export function useColumnState(key: GridKey) {
  const { settings, updateSetting } = useApp();
  const pending = useRef<Columns | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saved = settings[key];

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (pending.current) void updateSetting(key, { columns: pending.current });
    pending.current = null;
  }, [key, updateSetting]);

  const restore = useCallback(
    (api: GridApi) => {
      if (saved?.columns.length) api.applyColumnState({ state: saved.columns, applyOrder: true });
    },
    [saved],
  );

  const save = useCallback(
    (api: GridApi) => {
      pending.current = snapshot(api);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, 400);
    },
    [flush],
  );

  const reset = useCallback(
    (api: GridApi) => {
      pending.current = null;
      api.resetColumnState();
      void updateSetting(key, null);
    },
    [key, updateSetting],
  );

  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(() => () => flushRef.current(), []);

  return { restore, save, reset, saved: Boolean(saved?.columns.length) };
}
