import type { frErrors } from './fr-errors';

/** English: dates typed and the refusals core sends as codes (see ui/errors.ts). */
export const enErrors: Record<keyof typeof frErrors, string> = {
  'date.placeholder': 'dd/mm/yyyy',
  'date.invalid': 'Not a date: dd/mm/yyyy, dd/mm or d/m/yy',
};
