import type { ColDef } from 'ag-grid-community';
import type { ApprovalQueueRow, ExposureRow } from '../../../../electron/shared/contract';
import type { Locale } from '../../../../electron/shared/format';
import type { T } from '../../i18n';
import { AGE_BUCKETS, knownAgeing } from '../../../../electron/shared/domain/ageing';
import { cellFormat } from '../../ui/format';

const num = { type: 'rightAligned', cellClass: 'num' } as const;
const x = (xlsx: string) => ({ context: { xlsx } });
const negative = { 'cell-bad': (p: { value: unknown }) => typeof p.value === 'number' && p.value < 0 };

/** A credit request's exposure as asked: limit − headroom with the deal; without it, less the deal's amount. */
function exposure(row: ApprovalQueueRow | undefined, withDeal: boolean): number | null {
  const limit = row?.figures.creditLimit;
  const headroom = row?.figures.headroom;
  if (!row || typeof limit !== 'number' || typeof headroom !== 'number') return null;
  return limit - headroom - (withDeal ? 0 : row.amount);
}

/** Each customer's exposure, tightest headroom first. */
export function exposureColumns(t: T, locale: Locale): ColDef<ExposureRow>[] {
  const money = { ...num, valueFormatter: cellFormat.money(locale), ...x('money') };
  return [
    { field: 'code', headerName: t('fin.code'), width: 90, pinned: 'left', ...x('text') },
    { field: 'name', headerName: t('fin.customer'), width: 220, pinned: 'left', ...x('text') },
    { field: 'city', headerName: t('fin.city'), width: 130, ...x('text') },
    { field: 'creditLimit', headerName: t('fin.limit'), width: 120, ...money },
    { field: 'outstanding', headerName: t('fin.outstanding'), width: 120, ...money },
    { field: 'overdue', headerName: t('fin.overdue'), width: 115, ...money, cellClassRules: { 'cell-bad': (p) => (p.value as number) > 0 } },
    // the overdue by age, from the ERP's open receivable lines
    ...AGE_BUCKETS.map((bucket, i): ColDef<ExposureRow> => ({
      colId: `age${i}`,
      headerName: t('fin.age', { days: bucket }),
      width: 100,
      ...money,
      // blank until the ERP gave this customer's ages (a database from before, until its next sync)
      valueGetter: (p) => (p.data ? knownAgeing(p.data.overdue, p.data.ageing)?.[i] : undefined),
      cellClassRules: { 'cell-bad': (p) => Number(p.value) > 0 && i >= 2, 'cell-warn': (p) => Number(p.value) > 0 && i < 2 },
    })),
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

/** The credit requests: what was asked, on what figures, by whom and why. */
export function queueColumns(t: T, locale: Locale): ColDef<ApprovalQueueRow>[] {
  const money = { ...num, valueFormatter: cellFormat.money(locale) };
  const figure = (key: string) => (p: { data?: ApprovalQueueRow }) => {
    const v = p.data?.figures[key];
    return typeof v === 'number' ? v : null;
  };
  return [
    { field: 'reference', headerName: t('fin.reference'), width: 140, pinned: 'left' },
    { field: 'customerName', headerName: t('fin.customer'), width: 200 },
    { field: 'amount', headerName: t('fin.dealAmount'), width: 125, ...money },
    { colId: 'creditLimit', headerName: t('fin.limit'), width: 120, valueGetter: figure('creditLimit'), ...money },
    // exposure = limit − headroom: what the customer owes and has in hand, without and with this deal
    { colId: 'exposureWithout', headerName: t('fin.exposureWithout'), width: 125, valueGetter: (p) => exposure(p.data, false), ...money },
    { colId: 'exposureWith', headerName: t('fin.exposureWith'), width: 125, valueGetter: (p) => exposure(p.data, true), ...money },
    { colId: 'headroom', headerName: t('fin.headroom'), width: 125, valueGetter: figure('headroom'), ...money, cellClassRules: negative },
    { field: 'overdue', headerName: t('fin.overdue'), width: 115, ...money, cellClassRules: { 'cell-bad': (p) => Number(p.value) > 0 } },
    { field: 'avgDaysLate', headerName: t('fin.daysLate'), width: 90, ...num, cellClassRules: { 'cell-bad': (p) => Number(p.value) > 30 } },
    {
      field: 'onHold',
      headerName: t('fin.hold'),
      width: 90,
      cellDataType: false,
      valueFormatter: (p) => (p.value ? t('customer.onHold') : ''),
      cellClassRules: { 'cell-bad': (p) => p.value === true },
    },
    { field: 'requestedBy', headerName: t('fin.requestedBy'), width: 140 },
    { field: 'requestedAt', headerName: t('fin.requestedAt'), width: 130, sort: 'asc', valueFormatter: cellFormat.stamp(locale) },
    { field: 'stageName', headerName: t('fin.stage'), width: 120 },
    { field: 'reason', headerName: t('fin.reasonCol'), flex: 1, minWidth: 200, tooltipField: 'reason' },
  ];
}

/** The margin requests, as the sales manager decides them: the deal's margin against its target and minimum when asked. */
export function marginQueueColumns(t: T, locale: Locale): ColDef<ApprovalQueueRow>[] {
  const money = { ...num, valueFormatter: cellFormat.money(locale) };
  const rate = { ...num, valueFormatter: cellFormat.rate(locale) };
  const figure = (key: string) => (p: { data?: ApprovalQueueRow }) => {
    const v = p.data?.figures[key];
    return typeof v === 'number' ? v : null;
  };
  const [reference, customer, amount] = queueColumns(t, locale);
  return [
    reference!,
    customer!,
    amount!,
    { colId: 'margin', headerName: t('line.margin'), width: 115, valueGetter: figure('margin'), ...money },
    {
      colId: 'marginRate',
      headerName: t('col.marginRate'),
      width: 90,
      valueGetter: figure('marginRate'),
      ...rate,
      // against the rules of the deal when it was asked (its own figures, never a threshold of this grid's)
      cellClassRules: {
        'cell-bad': (p) => typeof p.value === 'number' && p.value < (figure('minimumRate')(p) ?? -Infinity),
        'cell-warn': (p) =>
          typeof p.value === 'number' && p.value >= (figure('minimumRate')(p) ?? -Infinity) && p.value < (figure('targetRate')(p) ?? -Infinity),
      },
    },
    { colId: 'minimumRate', headerName: t('rules.minimum'), width: 90, valueGetter: figure('minimumRate'), ...rate },
    { colId: 'targetRate', headerName: t('rules.target'), width: 90, valueGetter: figure('targetRate'), ...rate },
    ...queueColumns(t, locale).filter(
      (c) => c.field === 'requestedBy' || c.field === 'requestedAt' || c.field === 'stageName' || c.field === 'reason',
    ),
  ];
}
