import type { IDateComp, IDateParams } from 'ag-grid-community';
import { formatDate, parseDay, type Locale } from '../../../electron/shared/format';
import { today } from './today';

/**
 * The date input of the grids' date filters, in the app's language whatever the browser's (the
 * browser's own date picker follows the browser's locale): shows and reads `15/03/2027`,
 * `15/3/27`, `15/03`. Set on columns with `dateInFilters`.
 */
export class GridDateInput implements IDateComp {
  private input = document.createElement('input');
  private day: string | null = null;
  private locale: Locale = 'fr';
  private ownPlaceholder = false;

  init(params: IDateParams & { locale?: Locale; placeholder?: string }): void {
    this.locale = params.locale ?? 'fr';
    this.input.type = 'text';
    this.input.className = 'ag-input-field-input ag-text-field-input grid-date-input';
    this.input.maxLength = 10;
    if (params.placeholder) this.input.placeholder = params.placeholder;
    this.ownPlaceholder = Boolean(params.placeholder);
    this.input.addEventListener('input', () => {
      const day = parseDay(this.input.value, today());
      this.input.setAttribute('aria-invalid', String(day === undefined));
      const next = day === undefined ? null : day;
      if (next === this.day) return;
      this.day = next;
      params.onDateChanged();
    });
    this.input.addEventListener('blur', () => {
      if (this.day) this.input.value = formatDate(this.day, this.locale);
    });
  }

  getGui(): HTMLElement {
    return this.input;
  }

  getDate(): Date | null {
    return this.day ? new Date(`${this.day}T00:00:00`) : null;
  }

  setDate(date: Date | null): void {
    this.day = date ? localDay(date) : null;
    this.input.value = formatDate(this.day, this.locale);
    this.input.removeAttribute('aria-invalid');
  }

  /** The grid's own hint is its ISO format (yyyy-mm-dd): ours, in the app's language, stays. */
  setInputPlaceholder(placeholder: string): void {
    if (!this.ownPlaceholder) this.input.placeholder = placeholder;
  }

  setInputAriaLabel(label: string): void {
    this.input.setAttribute('aria-label', label);
  }

  setDisabled(disabled: boolean): void {
    this.input.disabled = disabled;
  }

  afterGuiAttached(params?: { suppressFocus?: boolean }): void {
    if (!params?.suppressFocus) this.input.focus();
  }
}

/** What a column (or a grid's default column) needs for its date filter to take days in the app's language. */
export function dateInFilters(locale: Locale, placeholder: string) {
  return { dateComponent: GridDateInput, dateComponentParams: { locale, placeholder } };
}

/** The day a grid Date holds: AG Grid builds its filter dates at local midnight. */
function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
