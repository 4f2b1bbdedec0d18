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
import type { GuardState } from '../../../electron/shared/domain/guards';

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

/**
 * The colour of a margin: its guard state against the company's rules, as core (or the live
 * preview, with the same domain function) judged it; never a threshold of its own.
 */
export function guardClass(state: GuardState | null | undefined): '' | 'cell-bad' | 'cell-warn' {
  if (state === 'below_cost' || state === 'below_minimum') return 'cell-bad';
  if (state === 'below_target') return 'cell-warn';
  return '';
}
