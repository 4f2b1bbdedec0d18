import {
  CellApiModule,
  ClientSideRowModelApiModule,
  CellStyleModule,
  ClientSideRowModelModule,
  CustomEditorModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  LocaleModule,
  DateFilterModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  NumberFilterModule,
  PinnedRowModule,
  QuickFilterModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  TextFilterModule,
  TextEditorModule,
  SelectEditorModule,
  TooltipModule,
  ValidationModule,
  themeQuartz,
} from 'ag-grid-community';

ModuleRegistry.registerModules([
  LocaleModule,
  InfiniteRowModelModule,
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  CellApiModule,
  TextFilterModule,
  TextEditorModule,
  SelectEditorModule,
  CustomEditorModule,
  NumberFilterModule,
  DateFilterModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  CellStyleModule,
  PinnedRowModule,
  QuickFilterModule,
  // refreshCells: the range of cells chosen with Shift (ui/grid-range)
  RenderApiModule,
  TooltipModule,
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);

/** Dense, Excel-like: the users of this app live in spreadsheets. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: 'Inter, "Segoe UI", system-ui, sans-serif',
  fontSize: 12.5,
  headerFontSize: 12,
  spacing: 4,
  rowHeight: 26,
  headerHeight: 30,
  cellHorizontalPadding: 8,
  accentColor: '#1f5fa8',
  headerBackgroundColor: '#eef1f5',
  oddRowBackgroundColor: '#fafbfc',
  borderColor: '#d6dbe2',
  wrapperBorderRadius: 0,
  rowBorder: { color: '#eceff3' },
  columnBorder: { color: '#eceff3' },
});

/** One row chosen at a time, by click or keyboard, without checkboxes (the finance grids). */
export const SINGLE_ROW = { mode: 'singleRow', enableClickSelection: true, checkboxes: false } as const;

/** Every grid's columns: sorted and resized by the user, a header too long for its width wraps instead of being cut. */
export const COLUMN_DEFAULTS = { sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true } as const;
/** The same, with each column's filter (grids filtered in the page, not by core). */
export const FILTERED_COLUMN_DEFAULTS = { ...COLUMN_DEFAULTS, filter: true } as const;
