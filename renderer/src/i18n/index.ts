import { AG_GRID_LOCALE_EN, AG_GRID_LOCALE_FR } from '@ag-grid-community/locale';
import { useMemo } from 'react';
import type { Locale } from '../../../electron/shared/format';
import { useApp } from '../app/client-context';
import { en } from './en';
import { fr, type MessageKey } from './fr';

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { fr, en };

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = MESSAGES[locale][key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`)) : text;
}

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The current locale and its translate function. */
export function useT(): { t: T; locale: Locale } {
  const { settings } = useApp();
  const locale = settings.locale;
  // stable per locale: grids rebuild their columns when t changes
  return useMemo(() => ({ t: (key, vars) => translate(locale, key, vars), locale }), [locale]);
}

export const gridLocaleText = (locale: Locale): Record<string, string> => (locale === 'fr' ? AG_GRID_LOCALE_FR : AG_GRID_LOCALE_EN);

export type { MessageKey };

/** Whether a key built at run time (`err.<reason>`, `field.<name>`) has words. */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(fr, key);
}
