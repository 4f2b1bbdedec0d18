import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useRef } from 'react';
import { useApp } from '../../../app/client-context';

/** Remembers the grid's column order, widths, visibility and sort in the user's settings. */
export function useColumnState() {
  const { settings, updateSetting } = useApp();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saved = settings['grid.opportunities'];

  const restore = useCallback(
    (api: GridApi) => {
      if (saved?.columns.length) api.applyColumnState({ state: saved.columns, applyOrder: true });
    },
    [saved],
  );

  const save = useCallback(
    (api: GridApi) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const columns = api.getColumnState().map((c) => ({
          colId: c.colId,
          width: c.width == null ? undefined : Math.round(c.width),
          hide: c.hide ?? null,
          pinned: c.pinned === 'left' || c.pinned === 'right' ? c.pinned : null,
          sort: c.sort ?? null,
          sortIndex: c.sortIndex ?? null,
        }));
        void updateSetting('grid.opportunities', { columns });
      }, 400);
    },
    [updateSetting],
  );

  const reset = useCallback(
    (api: GridApi) => {
      api.resetColumnState();
      void updateSetting('grid.opportunities', null);
    },
    [updateSetting],
  );

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return { restore, save, reset };
}
