import type { ColDef } from 'ag-grid-community';
import type { DemandRow, ShortageRow } from '../../../../electron/shared/contract';
import { addDays } from '../../../../electron/shared/dates';
import { formatQty, formatWeekSpan, type Locale } from '../../../../electron/shared/format';
import { hasMessage, type T } from '../../i18n';
import { cellFormat } from '../../ui/format';

const num = { type: 'rightAligned', cellClass: 'num' } as const;
const x = (xlsx: string) => ({ context: { xlsx } });

/** The buyer's shortage grid, most urgent first (the last day to order from the best supplier). */
export function shortageColumns(t: T, locale: Locale): ColDef<ShortageRow>[] {
  const qty = (v: number | undefined, r: ShortageRow | undefined) => (typeof v === 'number' && r ? formatQty(v, locale, r.unit) : '');
  return [
    {
      field: 'orderBy',
      headerName: t('pur.orderBy'),
      width: 140,
      sort: 'asc',
      valueFormatter: cellFormat.date(locale),
      ...x('date'),
      cellClassRules: { 'cell-bad': (p) => p.data?.inTime === false },
    },
    { field: 'neededBy', headerName: t('pur.neededBy'), width: 110, valueFormatter: cellFormat.date(locale), ...x('date') },
    // the deal it is for, next to what it needs (the buyer calls the trader about it)
    { field: 'reference', headerName: t('pur.deal'), width: 140, ...x('text') },
    { field: 'productCode', headerName: t('pur.product'), width: 110, ...x('text') },
    { field: 'productName', headerName: '', width: 210, tooltipField: 'productName', ...x('text') },
    { field: 'warehouseCode', headerName: t('pur.warehouse'), width: 80, ...x('text') },
    { field: 'qty', headerName: t('pur.qty'), width: 110, ...num, valueFormatter: (p) => qty(p.value as number, p.data), ...x('qty') },
    // why it is short: on hand, what the ERP and other deals hold, what is free by the needed date, receipts due
    { field: 'onHand', headerName: t('pur.onHand'), width: 100, ...num, valueFormatter: (p) => qty(p.value as number, p.data), ...x('qty') },
    {
      field: 'reservedOthers',
      headerName: t('pur.reservedOthers'),
      width: 110,
      ...num,
      valueFormatter: (p) => qty(p.value as number, p.data),
      ...x('qty'),
    },
    { field: 'incoming', headerName: t('pur.incoming'), width: 110, ...num, valueFormatter: (p) => qty(p.value as number, p.data), ...x('qty') },
    {
      field: 'atpAtNeed',
      headerName: t('pur.atpAtNeed'),
      width: 115,
      ...num,
      valueFormatter: (p) => qty(p.value as number, p.data),
      cellClassRules: { 'cell-bad': (p) => typeof p.value === 'number' && p.value <= 0 },
      ...x('qty'),
    },
    {
      colId: 'elsewhere',
      headerName: t('pur.elsewhere'),
      width: 170,
      valueGetter: (p) => p.data?.elsewhere.map((e) => `${e.warehouseCode} ${qty(e.atp, p.data)}`).join(' · ') ?? '',
      tooltipValueGetter: (p) => (p.data?.transferFrom ? t('pur.transferHint', { from: p.data.transferFrom.warehouseCode }) : ''),
      cellClassRules: { 'cell-chosen': (p) => p.data?.transferFrom != null },
      ...x('text'),
    },
    { field: 'supplierName', headerName: t('pur.supplier'), width: 170, ...x('text') },
    { field: 'supplierPrice', headerName: t('pur.price'), width: 100, ...num, valueFormatter: cellFormat.unitPrice(locale), ...x('unitPrice') },
    { field: 'leadTimeDays', headerName: t('pur.lead'), width: 80, ...num, ...x('int') },
    {
      field: 'inTime',
      headerName: t('pur.delivery'),
      width: 100,
      // a status in words, not a checkbox (the grid would draw one for a boolean)
      cellDataType: false,
      valueFormatter: (p) => (p.value === null || p.value === undefined ? '—' : p.value ? t('pur.onTime') : t('pur.late')),
      cellClassRules: { 'cell-bad': (p) => p.value === false },
      ...x('text'),
    },
    { field: 'customerName', headerName: t('pur.customer'), width: 180, ...x('text') },
    {
      field: 'status',
      headerName: t('pur.status'),
      width: 100,
      valueFormatter: (p) => (p.value ? t(`pur.status.${p.value as ShortageRow['status']}`) : ''),
      ...x('text'),
    },
    {
      field: 'purchaseRef',
      headerName: t('pur.ref'),
      width: 140,
      // the ERP's number once it answered; until then, it is on its way
      valueFormatter: (p) =>
        p.value ? String(p.value) : p.data?.status === 'requested' ? t('draft.erpWaiting') : p.data?.drafted ? t('draft.inDraft') : '',
      ...x('text'),
    },
    {
      field: 'reason',
      headerName: t('pur.reason'),
      width: 160,
      // a reason the hub gave as a code (stock the team reserved elsewhere), else the buyer's own words
      valueFormatter: (p) =>
        typeof p.value === 'string' && hasMessage(`reason.${p.value}`)
          ? t(`reason.${p.value}` as 'reason.team.reservedElsewhere')
          : String(p.value ?? ''),
      ...x('text'),
    },
  ];
}

/** Pipeline-weighted demand by product and warehouse, week by week, against what is there and what comes. */
export function demandColumns(t: T, locale: Locale, weeks: number, today: string): ColDef<DemandRow>[] {
  const qty = (v: unknown, r: DemandRow | undefined) => (typeof v === 'number' && r ? formatQty(v, locale, r.unit) : '');
  return [
    { field: 'productCode', headerName: t('pur.product'), width: 110, pinned: 'left', ...x('text') },
    { field: 'productName', headerName: '', width: 220, ...x('text') },
    {
      colId: 'warehouse',
      headerName: t('pur.warehouse'),
      width: 95,
      valueGetter: (p) => p.data?.warehouseCode ?? t('pur.anyWarehouse'),
      ...x('text'),
    },
    { field: 'atp', headerName: t('pur.atp'), width: 100, ...num, valueFormatter: (p) => qty(p.value, p.data), ...x('qty') },
    { field: 'incoming', headerName: t('pur.incoming'), width: 110, ...num, valueFormatter: (p) => qty(p.value, p.data), ...x('qty') },
    ...Array.from({ length: weeks }, (_, i): ColDef<DemandRow> => ({
      colId: `w${i}`,
      // core's weeks run from today: week i is today + 7i … + 6
      headerName: formatWeekSpan(addDays(today, 7 * i), locale),
      headerTooltip: t('pur.weekTip'),
      wrapHeaderText: true,
      autoHeaderHeight: true,
      width: 100,
      ...num,
      valueGetter: (p) => p.data?.weeks[i],
      valueFormatter: (p) => (p.value ? qty(p.value, p.data) : ''),
      ...x('qty'),
    })),
    { field: 'total', headerName: t('pur.total'), width: 115, ...num, valueFormatter: (p) => qty(p.value, p.data), ...x('qty') },
    {
      field: 'projected',
      headerName: t('pur.projected'),
      width: 105,
      sort: 'asc',
      ...num,
      valueFormatter: (p) => qty(p.value, p.data),
      cellClassRules: { 'cell-bad': (p) => (p.value as number) < 0 },
      ...x('qty'),
    },
    { field: 'supplierName', headerName: t('pur.supplier'), width: 170, ...x('text') },
    { field: 'supplierPrice', headerName: t('pur.price'), width: 100, ...num, valueFormatter: cellFormat.unitPrice(locale), ...x('unitPrice') },
    { field: 'leadTimeDays', headerName: t('pur.lead'), width: 80, ...num, ...x('int') },
  ];
}
