import type { ColDef, EditableCallbackParams, ValueSetterParams } from 'ag-grid-community';
import type { OpportunityLine } from '../../../../electron/shared/contract';
import { formatDate, formatQty, type Locale } from '../../../../electron/shared/format';
import type { T } from '../../i18n';
import { cellFormat, guardClass } from '../../ui/format';
import type { LineEditing } from './hooks/use-line-editing';
import { LiveCellEditor, type LiveEditorParams } from './components/LiveCellEditor';
import { insightColumns } from './insight-columns';
import type { EditableField } from './line-edit';

/**
 * The lines of a deal. What the trader prices is visible without scrolling — the article pinned on
 * the left, then quantity, price, discount, amount, margin % and guard — and what explains it
 * follows: warehouse, availability, stock per warehouse, last price, both unit costs.
 */
export function lineColumns(
  t: T,
  locale: Locale,
  lastPrices: Map<number, { unitPrice: number; date: string }>,
  warehouses: { warehouseId: number; warehouseCode: string }[],
  edit: { current: LineEditing | null },
): ColDef<OpportunityLine>[] {
  const num = { type: 'rightAligned', cellClass: 'num' } as const;
  // typed text goes to the editing hook (parse, then core); the grid's own value stays until core answers
  const editable = (field: EditableField) => ({
    editable: (p: EditableCallbackParams<OpportunityLine>) => !p.node.rowPinned,
    // no type inference: the editor must hand over the text as typed ("12,50 €"), which we parse
    cellDataType: false,
    cellEditor: field === 'requestedDate' ? 'agTextCellEditor' : LiveCellEditor,
    cellEditorParams: field === 'requestedDate' ? { useFormatter: true } : ({ field, edit } satisfies LiveEditorParams),
    cellClass: (p: { node: { rowPinned?: unknown } }) => [field === 'requestedDate' ? '' : 'num', p.node.rowPinned ? '' : 'editable'].filter(Boolean),
    valueSetter: (p: ValueSetterParams<OpportunityLine>) => {
      if (p.data) edit.current?.editCell(p.data, field, p.newValue == null ? '' : String(p.newValue));
      return false;
    },
  });
  const any = t('line.anyWarehouse');
  const [availability, ...stock] = insightColumns(t, locale, warehouses);
  const guard = stock.pop()!;
  return [
    { field: 'position', headerName: '#', width: 52, pinned: 'left', lockPinned: true, ...num },
    { field: 'productCode', headerName: t('line.product'), width: 110, pinned: 'left', lockPinned: true },
    { field: 'productName', headerName: '', width: 220, maxWidth: 260, pinned: 'left', lockPinned: true, tooltipField: 'productName' },
    {
      field: 'qty',
      context: { xlsx: 'qty' },
      headerName: t('line.qty'),
      width: 120,
      ...num,
      valueFormatter: (p) => (p.data && !p.node?.rowPinned ? cellFormat.qty(locale, p.data.unit)(p) : ''),
      ...editable('qty'),
    },
    {
      field: 'unitPrice',
      context: { xlsx: 'unitPrice' },
      headerName: t('line.unitPrice'),
      width: 115,
      ...num,
      valueFormatter: (p) => (p.node?.rowPinned ? '' : cellFormat.unitPrice(locale)(p)),
      ...editable('unitPrice'),
    },
    {
      field: 'discount',
      context: { xlsx: 'rate' },
      headerName: t('line.discount'),
      width: 80,
      ...num,
      valueFormatter: (p) => (p.node?.rowPinned || !p.value ? '' : cellFormat.rate(locale)(p)),
      ...editable('discount'),
    },
    { field: 'amount', context: { xlsx: 'money' }, headerName: t('line.amount'), width: 125, ...num, valueFormatter: cellFormat.money(locale) },
    {
      field: 'marginRate',
      context: { xlsx: 'rate' },
      headerName: t('line.marginRate'),
      width: 88,
      ...num,
      valueFormatter: cellFormat.rate(locale),
      cellClassRules: {
        'cell-bad': (p) => guardClass(p.data?.insight?.guard) === 'cell-bad',
        'cell-warn': (p) => guardClass(p.data?.insight?.guard) === 'cell-warn',
      },
    },
    guard,
    {
      colId: 'warehouse',
      headerName: t('line.warehouse'),
      width: 110,
      valueGetter: (p) => (p.node?.rowPinned ? '' : (warehouses.find((w) => w.warehouseId === p.data?.warehouseId)?.warehouseCode ?? any)),
      tooltipValueGetter: (p) => p.data?.warehouseName ?? any,
      editable: (p) => !p.node.rowPinned,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [any, ...warehouses.map((w) => w.warehouseCode)] },
      cellClass: (p) => (p.node.rowPinned ? [] : ['editable']),
      valueSetter: (p) => {
        if (p.data) edit.current?.setWarehouse(p.data, warehouses.find((w) => w.warehouseCode === p.newValue)?.warehouseId ?? null);
        return false;
      },
    },
    availability!,
    {
      colId: 'reserved',
      headerName: t('line.reserved'),
      width: 100,
      ...num,
      valueGetter: (p) => p.data?.operations?.reserved.reduce((s, r) => s + r.qty, 0) || undefined,
      valueFormatter: (p) => (p.data && typeof p.value === 'number' ? formatQty(p.value, locale, p.data.unit) : ''),
      tooltipValueGetter: (p) =>
        p.data?.operations?.reserved.map((r) => `${r.warehouseCode} ${formatQty(r.qty, locale, p.data!.unit)}`).join(' · ') ?? '',
      context: { xlsx: 'qty' },
    },
    {
      colId: 'short',
      headerName: t('line.short'),
      width: 90,
      ...num,
      valueGetter: (p) => p.data?.operations?.short || undefined,
      valueFormatter: (p) => (p.data && typeof p.value === 'number' ? formatQty(p.value, locale, p.data.unit) : ''),
      cellClassRules: { 'cell-bad': (p) => typeof p.value === 'number' && p.value > 0 },
      context: { xlsx: 'qty' },
    },
    ...stock,
    {
      colId: 'lastPrice',
      context: { xlsx: 'unitPrice' },
      headerName: t('panel.lastPrice'),
      width: 120,
      ...num,
      valueGetter: (p) => (p.data?.productId ? lastPrices.get(p.data.productId)?.unitPrice : undefined),
      valueFormatter: cellFormat.unitPrice(locale),
      tooltipValueGetter: (p) => {
        const last = p.data?.productId ? lastPrices.get(p.data.productId) : undefined;
        return last ? `${t('panel.lastPrice')} : ${formatDate(last.date, locale)}` : '';
      },
    },
    {
      field: 'erpUnitCost',
      context: { xlsx: 'unitPrice' },
      headerName: t('line.erpCost'),
      width: 105,
      ...num,
      valueFormatter: cellFormat.unitPrice(locale),
    },
    {
      field: 'replacementUnitCost',
      context: { xlsx: 'unitPrice' },
      headerName: t('line.replacementCost'),
      width: 105,
      ...num,
      valueFormatter: cellFormat.unitPrice(locale),
    },
    { field: 'cost', context: { xlsx: 'money' }, headerName: t('line.cost'), width: 120, ...num, valueFormatter: cellFormat.money(locale) },
    { field: 'margin', context: { xlsx: 'money' }, headerName: t('line.margin'), width: 115, ...num, valueFormatter: cellFormat.money(locale) },
    {
      field: 'requestedDate',
      context: { xlsx: 'date' },
      headerName: t('line.requestedDate'),
      width: 110,
      valueFormatter: cellFormat.date(locale),
      ...editable('requestedDate'),
    },
  ];
}
