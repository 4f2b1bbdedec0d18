import type { Column, GridApi, IRowNode } from 'ag-grid-community';
import { MONEY_SCALE, QTY_SCALE, RATE_SCALE } from '../../../electron/shared/money';
import { today } from './today';

/** How a column's raw value goes into a cell: fixed point becomes a real number with its format; text stays text. */
export type XlsxKind = 'money' | 'unitPrice' | 'qty' | 'rate' | 'date' | 'int' | 'text';
export type XlsxCell = { value: string | number | Date | null; numFmt?: string };

const FORMATS: Record<Exclude<XlsxKind, 'text'>, string> = {
  money: '#,##0.00 "€"',
  unitPrice: '#,##0.00## "€"',
  qty: '#,##0.###',
  rate: '0.0%',
  date: 'dd/mm/yyyy',
  int: '0',
};

export function xlsxCell(kind: XlsxKind, raw: unknown, formatted: string): XlsxCell {
  if (kind === 'text') return { value: formatted };
  if (raw === null || raw === undefined || raw === '') return { value: null };
  if (kind === 'date') {
    const d = typeof raw === 'string' ? new Date(`${raw.slice(0, 10)}T00:00:00Z`) : null;
    return d && !Number.isNaN(d.getTime()) ? { value: d, numFmt: FORMATS.date } : { value: formatted };
  }
  if (typeof raw !== 'number') return { value: formatted };
  const scale = kind === 'money' || kind === 'unitPrice' ? MONEY_SCALE : kind === 'qty' ? QTY_SCALE : kind === 'rate' ? RATE_SCALE : 1;
  return { value: raw / scale, numFmt: FORMATS[kind] };
}

export type Sheet = { name: string; headers: string[]; rows: XlsxCell[][] };

/** A workbook of one sheet: bold frozen header, filters on, widths from the content. */
export async function workbook(sheet: Sheet): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Comptoir';
  const ws = wb.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(sheet.headers).font = { bold: true };
  for (const cells of sheet.rows) {
    const row = ws.addRow(cells.map((c) => c.value));
    cells.forEach((c, i) => c.numFmt && (row.getCell(i + 1).numFmt = c.numFmt));
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, sheet.headers.length) } };
  sheet.headers.forEach((h, i) => {
    const longest = Math.max(h.length, ...sheet.rows.slice(0, 500).map((r) => String(r[i]?.value ?? '').length));
    ws.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
  return wb.xlsx.writeBuffer();
}

/** The grid as the user sees it: displayed columns in their order, rows after filters and sort; pinned totals left out. */
export function sheetFromGrid<T>(api: GridApi<T>, name: string): Sheet {
  const columns = api
    .getAllDisplayedColumns()
    .filter((c) => (c.getColDef().context as { xlsx?: XlsxKind } | undefined)?.xlsx !== undefined || c.getColDef().headerName);
  const kind = (c: Column) => (c.getColDef().context as { xlsx?: XlsxKind } | undefined)?.xlsx ?? 'text';
  const rows: XlsxCell[][] = [];
  api.forEachNodeAfterFilterAndSort((node: IRowNode<T>) => {
    if (!node.data) return;
    rows.push(
      columns.map((c) =>
        xlsxCell(
          kind(c),
          api.getCellValue({ rowNode: node, colKey: c }),
          String(api.getCellValue({ rowNode: node, colKey: c, useFormatter: true }) ?? ''),
        ),
      ),
    );
  });
  return { name, headers: columns.map((c) => c.getColDef().headerName ?? c.getColId()), rows };
}

/** The same from plain rows (the infinite grid holds only a window of them): displayed columns, their getters and formatters. */
export function sheetFromRows<T>(api: GridApi<T>, rows: T[], name: string): Sheet {
  const columns = api.getAllDisplayedColumns();
  const cells = rows.map((data) =>
    columns.map((c) => {
      const def = c.getColDef();
      const base = { data, node: null, colDef: def, column: c, api, context: undefined } as never;
      const value: unknown =
        typeof def.valueGetter === 'function' ? def.valueGetter(base) : def.field ? (data as Record<string, unknown>)[def.field] : undefined;
      const formatted =
        typeof def.valueFormatter === 'function'
          ? def.valueFormatter({ ...(base as object), value } as never)
          : typeof value === 'string' || typeof value === 'number'
            ? String(value)
            : '';
      return xlsxCell((def.context as { xlsx?: XlsxKind } | undefined)?.xlsx ?? 'text', value, formatted);
    }),
  );
  return { name, headers: columns.map((c) => c.getColDef().headerName ?? c.getColId()), rows: cells };
}

export function download(data: ArrayBuffer, fileName: string): void {
  const url = URL.createObjectURL(new Blob([data], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Exports a client-side grid to `<name>-<date>.xlsx`. */
export async function exportGrid<T>(api: GridApi<T>, name: string): Promise<void> {
  download(await workbook(sheetFromGrid(api, name)), `${name}-${today()}.xlsx`);
}
