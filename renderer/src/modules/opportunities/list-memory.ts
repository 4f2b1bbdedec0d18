import type { FilterModel, GridApi } from 'ag-grid-community';
import type { StageKind } from '../../../../electron/shared/contract';

/** Where the trader left the opportunities list: what it searched and filtered, how far it scrolled, which cell had the focus. */
export type ListPlace = {
  search: string;
  kinds: StageKind[];
  filters: FilterModel;
  topRow: number;
  focused: { rowIndex: number; colId: string } | null;
};

const EMPTY: ListPlace = { search: '', kinds: [], filters: {}, topRow: 0, focused: null };
let place: ListPlace = EMPTY;

/** The list as it was left (for the life of the window: a reload starts afresh). */
export function listPlace(): ListPlace {
  return place;
}

/** Keeps what the grid shows now, before it goes (a deal opened, another screen). */
export function keepListPlace(api: GridApi, search: string, kinds: StageKind[]): void {
  const cell = api.getFocusedCell();
  place = {
    search,
    kinds,
    filters: api.getFilterModel(),
    topRow: api.getFirstDisplayedRowIndex(),
    focused: cell && cell.rowPinned == null ? { rowIndex: cell.rowIndex, colId: cell.column.getColId() } : null,
  };
}

/**
 * Puts the grid back where it was left once its first rows are there: scroll, then the focused
 * cell as soon as its row has loaded (a row far down comes in its own block).
 */
export function returnToPlace(api: GridApi, at: ListPlace): void {
  if (at.topRow > 0) api.ensureIndexVisible(at.topRow, 'top');
  const focused = at.focused;
  if (!focused) return;
  const until = Date.now() + 3_000;
  const focusWhenLoaded = () => {
    if (api.isDestroyed()) return;
    if (api.getDisplayedRowAtIndex(focused.rowIndex)?.data) api.setFocusedCell(focused.rowIndex, focused.colId);
    else if (Date.now() < until) setTimeout(focusWhenLoaded, 30);
  };
  focusWhenLoaded();
}
