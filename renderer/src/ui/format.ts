import type { ValueFormatterParams } from 'ag-grid-community';
import {
  formatDate,
  formatInt,
  formatMoney,
  formatQty,
  formatRate,
  formatStamp,
  formatUnitPrice,
  type Locale,
} from '../../../electron/shared/format';

/** Grid value formatters over the shared formatting module. */
export const cellFormat = {
  money: (locale: Locale) => (p: ValueFormatterParams) => (typeof p.value === 'number' ? formatMoney(p.value, locale) : ''),
  unitPrice: (locale: Locale) => (p: ValueFormatterParams) => (typeof p.value === 'number' ? formatUnitPrice(p.value, locale) : ''),
  rate: (locale: Locale) => (p: ValueFormatterParams) => (typeof p.value === 'number' ? formatRate(p.value, locale) : p.node?.rowPinned ? '' : '—'),
  percent: (locale: Locale) => (p: ValueFormatterParams) => (typeof p.value === 'number' ? `${formatInt(p.value, locale)} %` : ''),
  int: (locale: Locale) => (p: ValueFormatterParams) => (typeof p.value === 'number' ? formatInt(p.value, locale) : ''),
  date: (locale: Locale) => (p: ValueFormatterParams) => formatDate(typeof p.value === 'string' ? p.value : null, locale),
  stamp: (locale: Locale) => (p: ValueFormatterParams) => formatStamp(typeof p.value === 'string' ? p.value : null, locale),
  qty: (locale: Locale, unit?: string) => (p: ValueFormatterParams) => (typeof p.value === 'number' ? formatQty(p.value, locale, unit) : ''),
};

/** Margin states for colouring; the thresholds become rules in the workspace issue. */
export function marginClass(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '';
  if (rate < 0) return 'cell-bad';
  if (rate < 1200) return 'cell-warn';
  return '';
}
