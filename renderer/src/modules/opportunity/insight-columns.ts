import type { ColDef, ITooltipParams } from 'ag-grid-community';
import type { OpportunityLine } from '../../../../electron/shared/contract';
import { formatDate, formatQty, type Locale } from '../../../../electron/shared/format';
import type { T } from '../../i18n';
import type { GuardState } from '../../../../electron/shared/domain/guards';
import { guardClass } from '../../ui/format';
import { today } from '../../ui/today';

type Line = OpportunityLine;

/** Columns of the 360° view: availability, ATP in every warehouse at the line's date (receipts on hover), demand, guard. */
export function insightColumns(t: T, locale: Locale, warehouses: { warehouseId: number; warehouseCode: string }[]): ColDef<Line>[] {
  const num = { type: 'rightAligned', cellClass: 'num' } as const;
  const day = today();
  const qty = (v: number | undefined, l: Line | undefined) => (v === undefined || !l?.insight ? '' : formatQty(v, locale, l.unit));
  return [
    {
      colId: 'availability',
      headerName: t('line.availability'),
      width: 110,
      valueGetter: (p) => p.data?.insight?.availability.status,
      valueFormatter: (p) => {
        const a = p.data?.insight?.availability;
        if (!a) return '';
        const from =
          a.status !== 'available' && a.availableFrom && a.availableFrom > day
            ? ` · ${t('avail.from', { date: formatDate(a.availableFrom, locale) })}`
            : '';
        return `${t(`avail.${a.status}`)}${from}`;
      },
      cellClassRules: { 'cell-bad': (p) => p.value === 'short', 'cell-warn': (p) => p.value === 'partial' || p.value === 'elsewhere' },
    },
    ...warehouses.map((w): ColDef<Line> => ({
      colId: `atp-${w.warehouseId}`,
      context: { xlsx: 'qty' },
      headerName: w.warehouseCode,
      headerTooltip: `ATP ${w.warehouseCode}`,
      width: 95,
      ...num,
      valueGetter: (p) => p.data?.insight?.stock.find((s) => s.warehouseId === w.warehouseId)?.atp,
      valueFormatter: (p) => qty(p.value as number | undefined, p.data),
      cellClassRules: {
        'cell-chosen': (p) => p.data?.warehouseId === w.warehouseId,
        'cell-bad': (p) => typeof p.value === 'number' && p.value < (p.data?.qty ?? 0) && p.data?.warehouseId === w.warehouseId,
      },
      tooltipValueGetter: (p: ITooltipParams<Line>) => {
        const receipts = p.data?.insight?.receipts.filter((r) => r.warehouseId === w.warehouseId) ?? [];
        if (!p.data?.insight) return '';
        const list = receipts.map((r) => `${r.purchaseRef} · ${formatQty(r.qty, locale, p.data!.unit)} · ${formatDate(r.expectedDate, locale)}`);
        return `${t('line.receipts')} (${w.warehouseCode}) : ${list.length ? list.join(' ; ') : t('line.noReceipt')}`;
      },
    })),
    {
      colId: 'pipelineDemand',
      context: { xlsx: 'qty' },
      headerName: t('line.pipelineDemand'),
      width: 120,
      ...num,
      valueGetter: (p) => p.data?.insight?.pipelineDemand,
      valueFormatter: (p) => qty(p.value as number | undefined, p.data),
    },
    {
      colId: 'guard',
      headerName: t('line.guard'),
      width: 115,
      valueGetter: (p) => p.data?.insight?.guard,
      valueFormatter: (p) => (p.value ? t(`guard.${p.value as 'ok'}`) : ''),
      cellClassRules: {
        'cell-bad': (p) => guardClass(p.value as GuardState) === 'cell-bad',
        'cell-warn': (p) => guardClass(p.value as GuardState) === 'cell-warn',
      },
    },
  ];
}
