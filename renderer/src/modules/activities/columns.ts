import type { ColDef } from 'ag-grid-community';
import type { ActivityRow } from '../../../../electron/shared/contract';
import type { Locale } from '../../../../electron/shared/format';
import type { MessageKey, T } from '../../i18n';
import { cellFormat } from '../../ui/format';

const x = (xlsx: string) => ({ context: { xlsx } });

/** « Mes activités »: when, what, about which deal and customer, for whom; done ones with their outcome. */
export function activityColumns(t: T, locale: Locale, o: { done: boolean; team: boolean }): ColDef<ActivityRow>[] {
  const cols: ColDef<ActivityRow>[] = [
    o.done
      ? { field: 'doneAt', headerName: t('act.col.doneAt'), width: 120, valueFormatter: cellFormat.stamp(locale), ...x('text') }
      : {
          field: 'dueAt',
          headerName: t('act.col.dueAt'),
          width: 120,
          valueFormatter: cellFormat.stamp(locale),
          cellClassRules: { 'cell-late': (p) => p.data?.bucket === 'overdue' },
          ...x('text'),
        },
    { field: 'kind', headerName: t('act.col.kind'), width: 95, valueFormatter: (p) => t(`act.kind.${String(p.value)}` as MessageKey), ...x('text') },
    { field: 'title', headerName: t('act.col.title'), flex: 2, minWidth: 220, tooltipField: 'notes', ...x('text') },
    { field: 'reference', headerName: t('act.col.deal'), width: 150, ...x('text') },
    { field: 'customerName', headerName: t('act.col.customer'), flex: 1, minWidth: 160, ...x('text') },
    {
      colId: 'owner',
      headerName: t('act.col.owner'),
      width: 140,
      hide: !o.team,
      valueGetter: (p) => p.data?.ownerName ?? (p.data?.role ? t('act.role', { role: t(`role.${p.data.role}` as MessageKey) }) : ''),
      ...x('text'),
    },
    {
      colId: 'repeat',
      headerName: t('act.col.repeat'),
      width: 130,
      hide: o.done,
      valueGetter: (p) =>
        p.data?.recurrence ? t('act.repeat.every', { n: p.data.recurrence.every, unit: t(`act.unit.${p.data.recurrence.unit}`) }) : '',
      ...x('text'),
    },
    { field: 'outcome', headerName: t('act.col.outcome'), flex: 1, minWidth: 160, hide: !o.done, tooltipField: 'outcome', ...x('text') },
  ];
  return cols;
}
