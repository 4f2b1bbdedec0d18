import type { ColDef } from 'ag-grid-community';
import type { OpportunityColumn, OpportunityRow } from '../../../../electron/shared/contract';
import type { Locale } from '../../../../electron/shared/format';
import type { T } from '../../i18n';
import { cellFormat, guardClass } from '../../ui/format';
import { CustomerCell } from './components/CustomerCell';
import { dateInFilters } from '../../ui/grid-date-input';
import { today } from '../../ui/today';

const textFilter = { filter: 'agTextColumnFilter', filterParams: { buttons: ['reset'], maxNumConditions: 2 } };
const numberFilter = { filter: 'agNumberColumnFilter', filterParams: { buttons: ['reset'], inRangeInclusive: true, maxNumConditions: 2 } };

type Col = ColDef<OpportunityRow> & { colId: OpportunityColumn };

/** The opportunities grid's columns; every one is sorted and filtered by core over SQL. */
export function opportunityColumns(t: T, locale: Locale): Col[] {
  const num = { type: 'rightAligned', cellClass: 'num' } as const;
  // the filter's day typed in the app's language, never the browser's date picker
  const dateFilter = {
    filter: 'agDateColumnFilter',
    filterParams: { buttons: ['reset'], inRangeInclusive: true, maxNumConditions: 2 },
    ...dateInFilters(locale, t('date.placeholder')),
  };
  const day = today();
  return [
    { colId: 'reference', field: 'reference', headerName: t('col.reference'), width: 140, pinned: 'left', ...textFilter },
    {
      colId: 'customerName',
      field: 'customerName',
      headerName: t('col.customerName'),
      width: 240,
      ...textFilter,
      cellRenderer: CustomerCell,
      cellRendererParams: { holdLabel: t('customer.onHold') },
    },
    { colId: 'title', field: 'title', headerName: t('col.title'), width: 250, ...textFilter },
    { colId: 'ownerName', field: 'ownerName', headerName: t('col.ownerName'), width: 140, ...textFilter },
    {
      colId: 'stageName',
      field: 'stageName',
      headerName: t('col.stageName'),
      width: 140,
      ...textFilter,
      cellClassRules: { 'cell-won': (p) => p.data?.stageKind === 'won', 'cell-lost': (p) => p.data?.stageKind === 'lost' },
    },
    {
      colId: 'probability',
      field: 'probability',
      context: { xlsx: 'int' },
      headerName: t('col.probability'),
      width: 82,
      ...num,
      ...numberFilter,
      valueFormatter: cellFormat.percent(locale),
    },
    {
      colId: 'amount',
      field: 'amount',
      context: { xlsx: 'money' },
      headerName: t('col.amount'),
      width: 130,
      ...num,
      ...numberFilter,
      valueFormatter: cellFormat.money(locale),
    },
    {
      colId: 'weightedAmount',
      field: 'weightedAmount',
      context: { xlsx: 'money' },
      headerName: t('col.weightedAmount'),
      width: 120,
      ...num,
      ...numberFilter,
      valueFormatter: cellFormat.money(locale),
    },
    {
      colId: 'marginRate',
      field: 'marginRate',
      context: { xlsx: 'rate' },
      headerName: t('col.marginRate'),
      width: 90,
      ...num,
      ...numberFilter,
      valueFormatter: cellFormat.rate(locale),
      cellClassRules: {
        'cell-bad': (p) => guardClass(p.data?.guardState) === 'cell-bad',
        'cell-warn': (p) => guardClass(p.data?.guardState) === 'cell-warn',
      },
    },
    {
      colId: 'expectedClose',
      field: 'expectedClose',
      context: { xlsx: 'date' },
      headerName: t('col.expectedClose'),
      width: 118,
      ...dateFilter,
      valueFormatter: cellFormat.date(locale),
      cellClassRules: { 'cell-late': (p) => p.data?.stageKind === 'open' && !!p.data.expectedClose && p.data.expectedClose < day },
    },
    {
      colId: 'daysInStage',
      field: 'daysInStage',
      context: { xlsx: 'int' },
      headerName: t('col.daysInStage'),
      width: 96,
      ...num,
      ...numberFilter,
      valueFormatter: cellFormat.int(locale),
    },
    {
      // stagnant: past its stage's threshold with nothing planned (core judges it, isStagnant); the filter « > 0 » lists them
      colId: 'stagnantDays',
      field: 'stagnantDays',
      context: { xlsx: 'int' },
      headerName: t('col.stagnantDays'),
      headerTooltip: t('col.stagnantDays.help'),
      width: 104,
      ...num,
      ...numberFilter,
      valueFormatter: (p) => (typeof p.value === 'number' ? t('stagnant.beyond', { days: p.value }) : ''),
      cellClassRules: { 'cell-bad': (p) => typeof p.value === 'number' },
    },
    {
      colId: 'nextActivityAt',
      field: 'nextActivityAt',
      headerName: t('col.nextActivityAt'),
      width: 230,
      ...dateFilter,
      // an open deal with nothing planned is flagged (the filter « vide » lists them all)
      valueFormatter: (p) =>
        p.data?.nextActivityAt
          ? `${cellFormat.stamp(locale)(p)} · ${p.data.nextActivityTitle ?? ''}`
          : p.data?.stageKind === 'open'
            ? t('act.noNext')
            : '',
      tooltipValueGetter: (p) => p.data?.nextActivityTitle ?? '',
      cellClassRules: {
        'cell-late': (p) => !!p.data?.nextActivityAt && p.data.nextActivityAt.slice(0, 10) < day,
        'cell-none': (p) => !!p.data && !p.data.nextActivityAt && p.data.stageKind === 'open',
      },
    },
  ];
}
