import type { ColDef } from 'ag-grid-community';
import type { ExposureRow } from '../../../../electron/shared/contract';
import type { Locale } from '../../../../electron/shared/format';
import type { T } from '../../i18n';
import { cellFormat } from '../../ui/format';

const num = { type: 'rightAligned', cellClass: 'num' } as const;
const x = (xlsx: string) => ({ context: { xlsx } });
const negative = { 'cell-bad': (p: { value: unknown }) => typeof p.value === 'number' && p.value < 0 };

/** Each customer's exposure, tightest headroom first. */
export function exposureColumns(t: T, locale: Locale): ColDef<ExposureRow>[] {
  const money = { ...num, valueFormatter: cellFormat.money(locale), ...x('money') };
  return [
    { field: 'code', headerName: '', width: 90, pinned: 'left', ...x('text') },
    { field: 'name', headerName: t('fin.customer'), width: 220, pinned: 'left', ...x('text') },
    { field: 'city', headerName: t('fin.city'), width: 130, ...x('text') },
    { field: 'creditLimit', headerName: t('fin.limit'), width: 120, ...money },
    { field: 'outstanding', headerName: t('fin.outstanding'), width: 120, ...money },
    { field: 'overdue', headerName: t('fin.overdue'), width: 115, ...money, cellClassRules: { 'cell-bad': (p) => (p.value as number) > 0 } },
    { field: 'openOrders', headerName: t('fin.openOrders'), width: 130, ...money },
    { field: 'reservedDeals', headerName: t('fin.reserved'), width: 130, ...money },
    { field: 'weightedPipeline', headerName: t('fin.pipeline'), width: 130, ...money },
    { field: 'headroom', headerName: t('fin.headroom'), width: 125, sort: 'asc', ...money, cellClassRules: negative },
    { field: 'headroomWithPipeline', headerName: t('fin.headroomPipeline'), width: 150, ...money, cellClassRules: negative },
    { field: 'avgDaysLate', headerName: t('fin.daysLate'), width: 110, ...num, ...x('int') },
    {
      colId: 'hold',
      headerName: t('fin.hold'),
      width: 200,
      valueGetter: (p) =>
        [p.data?.erpHold ? t('fin.hold.erp') : '', p.data?.creditHold ? t('fin.hold.credit', { reason: p.data.holdReason }) : '']
          .filter(Boolean)
          .join(' · '),
      cellClassRules: { 'cell-bad': (p) => Boolean(p.value) },
      ...x('text'),
    },
    { field: 'pendingApprovals', headerName: t('fin.pending'), width: 110, ...num, ...x('int') },
  ];
}
