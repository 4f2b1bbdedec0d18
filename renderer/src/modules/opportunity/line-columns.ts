import type { ColDef } from 'ag-grid-community';
import type { OpportunityLine } from '../../../../electron/shared/contract';
import { formatDate, type Locale } from '../../../../electron/shared/format';
import type { T } from '../../i18n';
import { cellFormat, marginClass } from '../../ui/format';
import { insightColumns } from './insight-columns';

/** Read-only lines of an opportunity: quantities, prices, both unit costs and the margin. */
export function lineColumns(
  t: T,
  locale: Locale,
  lastPrices: Map<number, { unitPrice: number; date: string }>,
  warehouses: { warehouseId: number; warehouseCode: string }[],
): ColDef<OpportunityLine>[] {
  const num = { type: 'rightAligned', cellClass: 'num' } as const;
  const [availability, ...stock] = insightColumns(t, locale, warehouses);
  const guard = stock.pop()!;
  return [
    { field: 'position', headerName: '#', width: 52, ...num },
    { field: 'productCode', headerName: t('line.product'), width: 110 },
    { field: 'productName', headerName: '', flex: 1, minWidth: 220 },
    {
      field: 'warehouseName',
      headerName: t('line.warehouse'),
      width: 170,
      valueFormatter: (p) => (p.node?.rowPinned ? '' : ((p.value as string | null) ?? t('line.anyWarehouse'))),
    },
    {
      field: 'qty',
      headerName: t('line.qty'),
      width: 120,
      ...num,
      valueFormatter: (p) => (p.data && !p.node?.rowPinned ? cellFormat.qty(locale, p.data.unit)(p) : ''),
    },
    availability!,
    ...stock,
    {
      field: 'unitPrice',
      headerName: t('line.unitPrice'),
      width: 115,
      ...num,
      valueFormatter: (p) => (p.node?.rowPinned ? '' : cellFormat.unitPrice(locale)(p)),
    },
    {
      colId: 'lastPrice',
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
      field: 'discount',
      headerName: t('line.discount'),
      width: 80,
      ...num,
      valueFormatter: (p) => (p.node?.rowPinned || !p.value ? '' : cellFormat.rate(locale)(p)),
    },
    { field: 'amount', headerName: t('line.amount'), width: 125, ...num, valueFormatter: cellFormat.money(locale) },
    { field: 'erpUnitCost', headerName: t('line.erpCost'), width: 105, ...num, valueFormatter: cellFormat.unitPrice(locale) },
    { field: 'replacementUnitCost', headerName: t('line.replacementCost'), width: 105, ...num, valueFormatter: cellFormat.unitPrice(locale) },
    { field: 'cost', headerName: t('line.cost'), width: 120, ...num, valueFormatter: cellFormat.money(locale) },
    { field: 'margin', headerName: t('line.margin'), width: 115, ...num, valueFormatter: cellFormat.money(locale) },
    {
      field: 'marginRate',
      headerName: t('line.marginRate'),
      width: 88,
      ...num,
      valueFormatter: cellFormat.rate(locale),
      cellClassRules: {
        'cell-bad': (p) => marginClass(p.value as number | null) === 'cell-bad',
        'cell-warn': (p) => marginClass(p.value as number | null) === 'cell-warn',
      },
    },
    guard,
    { field: 'requestedDate', headerName: t('line.requestedDate'), width: 110, valueFormatter: cellFormat.date(locale) },
  ];
}
