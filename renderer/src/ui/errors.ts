import { AppError, type ErrorCode, type Issue } from '../../../electron/shared/errors';
import { hasMessage, type T } from '../i18n';

/** The figures of an error as words can take them; a role is named in the user's language. */
function figures(details: Record<string, unknown>, t: T): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details)) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  if (typeof out.role === 'string' && hasMessage(`role.${out.role}`)) out.role = t(`role.${out.role}` as 'role.trader');
  return out;
}

/** The field an issue is about, named as on screen: the deepest part of its path that has a name. */
function fieldName(path: string, t: T): string | null {
  const parts = path.split('.').reverse();
  const named = parts.find((p) => hasMessage(`field.${p}`));
  return named ? t(`field.${named}` as 'field.qty') : null;
}

/** One field's problem in words: « Remise : au plus 100 ». */
export function issueText(issue: Issue, t: T, withField = true): string {
  const key = `issue.${issue.reason ?? 'custom'}`;
  const what = hasMessage(key) ? t(key, { minimum: issue.minimum ?? '', maximum: issue.maximum ?? '' }) : t('issue.custom');
  const field = withField ? fieldName(issue.path, t) : null;
  return field ? t('issue.withField', { field, what }) : what;
}

/**
 * Core's refusal worded in the user's language: by its reason and figures when it has one, else
 * by the fields at fault, else by its kind. Never core's own English message.
 */
export function errorText(err: unknown, t: T): string {
  if (!(err instanceof AppError)) return t('err.code.internal');
  const details = err.details ?? {};
  const reasonKey = `err.${details.reason ?? ''}`;
  if (details.reason && hasMessage(reasonKey)) return t(reasonKey, figures(details, t));
  if (details.issues?.length) return details.issues.map((i) => issueText(i, t)).join(' · ');
  return t(`err.code.${err.code satisfies ErrorCode}`);
}

/** The problems of each field, worded, to show beside the field: `{ qty: 'au plus 100' }` (the path's last part). */
export function fieldErrors(err: unknown, t: T): Record<string, string> {
  if (!(err instanceof AppError)) return {};
  return Object.fromEntries((err.details?.issues ?? []).map((i) => [i.path.split('.').pop()!, issueText(i, t, false)]));
}

/** A refusal the hub recorded for one change, « hub.notDecider: credit », in words: its reason with what it names. */
export function reasonText(reason: string, t: T): string {
  const [code, detail] = reason.split(/: (.*)/s, 2) as [string, string | undefined];
  const key = `err.${code}`;
  return hasMessage(key) ? t(key, { detail: detail ?? '' }) : t('err.hub.rejected');
}
