import type { Locale } from '../../../../electron/shared/format';
import type { T } from '../../i18n';

/** A period as a person reads it: « déc. 2026 », « T1 2027 », « 2027 »; the forecast's `overdue` and `undated`. */
export function periodLabel(period: string, t: T, locale: Locale): string {
  if (period === 'overdue') return t('dash.overdue');
  if (period === 'undated') return t('dash.undated');
  if (/^\d{4}-Q[1-4]$/.test(period)) return t('dash.quarter', { q: period.slice(6), y: period.slice(0, 4) });
  if (/^\d{4}-\d{2}$/.test(period)) {
    const d = new Date(`${period}-01T00:00:00Z`);
    return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  }
  return period;
}
