import type {
  CellClassParams,
  CellFocusedEvent,
  CellKeyDownEvent,
  CellMouseDownEvent,
  ColDef,
  GridApi,
  SuppressKeyboardEventParams,
} from 'ag-grid-community';
import { useCallback, useMemo, useRef } from 'react';
import type { Locale } from '../../../electron/shared/format';
import { formatDate } from '../../../electron/shared/format';
import { xlsxCell, type XlsxKind } from './xlsx';

type Cell = { rowIndex: number; colId: string };
type Range = { anchor: Cell; focus: Cell };
const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** A cell of a copy as Excel reads it back in the user's language: `1234,5` (fr), `10 %`, `15/03/2027`, text as shown. */
export function copyText(kind: XlsxKind, raw: unknown, formatted: string, locale: Locale): string {
  const cell = xlsxCell(kind, raw, formatted);
  if (cell.value === null) return '';
  if (cell.value instanceof Date) return formatDate(cell.value.toISOString(), locale);
  if (typeof cell.value === 'string') return cell.value.replace(/[\t\r\n]+/g, ' ');
  const n = kind === 'rate' ? Math.round(cell.value * 1e6) / 1e4 : cell.value;
  const text = String(n).replace('.', locale === 'fr' ? ',' : '.');
  return kind === 'rate' ? `${text} %` : text;
}

/** The rows of tab-separated text pasted from a spreadsheet, cells trimmed, blank rows left out. */
export function parseTsv(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((row) => row.split('\t').map((c) => c.trim()))
    .filter((row) => row.some((c) => c !== ''));
}

/**
 * A rectangle of cells like a spreadsheet's (AG Grid Community has none): Shift+arrows and
 * Shift+click extend it from where it started, a plain move starts again; Ctrl+C copies it (or
 * the focused cell) as tab-separated text in the user's language. `columns` marks its cells.
 */
export function useGridRange<T>(locale: Locale) {
  const api = useRef<GridApi<T> | null>(null);
  const range = useRef<Range | null>(null);
  const keep = useRef(false);

  const bounds = useCallback((g: GridApi<T>) => {
    const r = range.current;
    if (!r) return null;
    const cols = g.getAllDisplayedColumns();
    const at = (id: string) => cols.findIndex((c) => c.getColId() === id);
    const [c1, c2] = [at(r.anchor.colId), at(r.focus.colId)];
    return {
      rows: [Math.min(r.anchor.rowIndex, r.focus.rowIndex), Math.max(r.anchor.rowIndex, r.focus.rowIndex)] as const,
      cols: cols.slice(Math.min(c1, c2), Math.max(c1, c2) + 1),
    };
  }, []);

  const redraw = useCallback(() => api.current?.refreshCells({ force: true }), []);

  const inRange = useCallback(
    (p: CellClassParams<T>) => {
      const r = range.current;
      if (!r || (r.anchor.rowIndex === r.focus.rowIndex && r.anchor.colId === r.focus.colId) || p.node.rowPinned) return false;
      const b = bounds(p.api);
      const row = p.node.rowIndex ?? -1;
      return !!b && row >= b.rows[0] && row <= b.rows[1] && b.cols.includes(p.column);
    },
    [bounds],
  );

  /** The grid's columns, each marking the cells of the range (its own class rules kept). */
  const columns = useCallback(
    (defs: ColDef<T>[]): ColDef<T>[] =>
      defs.map((d) => ({
        ...d,
        cellClassRules: { ...d.cellClassRules, 'cell-in-range': inRange },
        // Shift+arrows extend the range here instead of moving the focus
        suppressKeyboardEvent: (p: SuppressKeyboardEventParams<T>) =>
          (p.event.shiftKey && p.event.key in ARROWS && !p.editing) || (d.suppressKeyboardEvent?.(p) ?? false),
      })),
    [inRange],
  );

  const copy = useCallback((): string | null => {
    const g = api.current;
    if (!g) return null;
    const focused = g.getFocusedCell();
    if (!range.current && focused)
      range.current = {
        anchor: { rowIndex: focused.rowIndex, colId: focused.column.getColId() },
        focus: { rowIndex: focused.rowIndex, colId: focused.column.getColId() },
      };
    const b = bounds(g);
    if (!b) return null;
    const lines: string[] = [];
    for (let i = b.rows[0]; i <= b.rows[1]; i++) {
      const node = g.getDisplayedRowAtIndex(i);
      if (!node?.data) continue;
      lines.push(
        b.cols
          .map((c) => {
            const kind = (c.getColDef().context as { xlsx?: XlsxKind } | undefined)?.xlsx ?? 'text';
            const formatted = String(g.getCellValue({ rowNode: node, colKey: c, useFormatter: true }) ?? '');
            return copyText(kind, g.getCellValue({ rowNode: node, colKey: c }), formatted, locale);
          })
          .join('\t'),
      );
    }
    return lines.join('\n');
  }, [bounds, locale]);

  const handlers = useMemo(
    () => ({
      onGridReady: (g: GridApi<T>) => (api.current = g),
      onCellMouseDown: (e: CellMouseDownEvent<T>) => {
        const cell = { rowIndex: e.rowIndex ?? 0, colId: e.column.getColId() };
        const shift = (e.event as MouseEvent | undefined)?.shiftKey;
        range.current = shift && range.current ? { ...range.current, focus: cell } : { anchor: cell, focus: cell };
        keep.current = true;
        redraw();
      },
      onCellFocused: (e: CellFocusedEvent<T>) => {
        if (keep.current) return void (keep.current = false);
        if (typeof e.rowIndex !== 'number' || !e.column || typeof e.column === 'string' || e.rowPinned) return;
        const cell = { rowIndex: e.rowIndex, colId: e.column.getColId() };
        range.current = { anchor: cell, focus: cell };
        redraw();
      },
      onCellKeyDown: (e: CellKeyDownEvent<T>) => {
        const k = e.event as KeyboardEvent | undefined;
        const r = range.current;
        if (!k || !k.shiftKey || !(k.key in ARROWS) || !r || e.node.rowPinned) return;
        const [dr, dc] = ARROWS[k.key]!;
        const cols = e.api.getAllDisplayedColumns();
        const col = Math.max(0, Math.min(cols.length - 1, cols.findIndex((c) => c.getColId() === r.focus.colId) + dc));
        const row = Math.max(0, Math.min(e.api.getDisplayedRowCount() - 1, r.focus.rowIndex + dr));
        range.current = { anchor: r.anchor, focus: { rowIndex: row, colId: cols[col]!.getColId() } };
        keep.current = true;
        e.api.ensureIndexVisible(row);
        e.api.setFocusedCell(row, cols[col]!);
        redraw();
      },
      /** The grid's `copy` event: the range as tab-separated text, no clipboard permission needed. */
      onCopy: (e: React.ClipboardEvent) => {
        if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
        const text = copy();
        if (text === null) return;
        e.clipboardData.setData('text/plain', text);
        e.preventDefault();
      },
    }),
    [copy, redraw],
  );

  /** The grid events the range needs, for a grid that has no handler of its own for them. */
  const gridProps = useMemo(
    () => ({ onCellMouseDown: handlers.onCellMouseDown, onCellFocused: handlers.onCellFocused, onCellKeyDown: handlers.onCellKeyDown }),
    [handlers],
  );
  // stable, so the grids' columns are not rebuilt on every render (a rebuild resets the widths the user set)
  return useMemo(() => ({ columns, handlers, gridProps }), [columns, handlers, gridProps]);
}
