import { useEffect, useRef, useState } from 'react';
import type { ActivityDue } from '../../../../../electron/shared/contract';
import { formatStamp } from '../../../../../electron/shared/format';
import { useT } from '../../../i18n';
import { useLiveQuery } from '../../../ui/use-live-query';

/** the person's: read again when the desk's person changes */
const REMINDER_DATA = ['reminders', 'activities', 'settings'];
const NONE: ActivityDue[] = [];
const SEEN_KEY = 'comptoir.reminders.seen';

/** The reminders this window already showed (a reminder that fired while the app was closed shows once it opens). */
function seenStore() {
  const read = (): string[] => {
    try {
      const v = JSON.parse(localStorage.getItem(SEEN_KEY) ?? '[]') as unknown;
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  };
  return {
    has: (key: string) => read().includes(key),
    add: (keys: string[]) => localStorage.setItem(SEEN_KEY, JSON.stringify([...read(), ...keys].slice(-500))),
  };
}
const keyOf = (r: ActivityDue) => `${r.id}|${r.dueAt}`;
/** The desktop app shows reminders as OS notifications (main, on core's event); the browser's are for the web host. */
const desktop = () => typeof window.comptoir !== 'undefined';

/**
 * The notification centre: the person's reminders that fired and are still open, behind a bell in
 * the navigation; a new one shows as a toast (and a browser notification when allowed), a click
 * opens its deal.
 */
export function ReminderCentre({ onOpen }: { onOpen: (opportunityId: number | null) => void }) {
  const { t, locale } = useT();
  const reminders = useLiveQuery('activities.reminders', {}, REMINDER_DATA).data ?? NONE;
  const [open, setOpen] = useState(false);
  const [toasts, setToasts] = useState<ActivityDue[]>([]);
  const [more, setMore] = useState(0);
  const seen = useRef(seenStore());
  const [permission, setPermission] = useState(() => ('Notification' in window ? Notification.permission : 'denied'));

  useEffect(() => {
    const fresh = reminders.filter((r) => !seen.current.has(keyOf(r)));
    if (fresh.length === 0) return;
    seen.current.add(fresh.map(keyOf));
    // the newest first; more than three at once (back after a weekend) are counted, the centre lists them
    setToasts(fresh.slice(0, 3));
    setMore(Math.max(fresh.length - 3, 0));
    if (!desktop() && 'Notification' in window && Notification.permission === 'granted')
      for (const r of fresh) {
        const n = new Notification(t('reminders.toast', { title: r.title }), {
          body: [r.reference, r.customerName].filter(Boolean).join(' · '),
          tag: keyOf(r),
        });
        n.onclick = () => {
          window.focus();
          onOpen(r.opportunityId);
        };
      }
  }, [reminders, t, onOpen]);
  useEffect(() => {
    if (toasts.length === 0) return;
    const timer = setTimeout(() => (setToasts([]), setMore(0)), 30_000);
    return () => clearTimeout(timer);
  }, [toasts]);

  const pick = (r: ActivityDue) => {
    setOpen(false);
    setToasts((list) => list.filter((x) => keyOf(x) !== keyOf(r)));
    onOpen(r.opportunityId);
  };
  return (
    <>
      <button
        type="button"
        className={`bell ${reminders.length > 0 ? 'ringing' : ''}`}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="reminder-bell"
      >
        {t('reminders.open', { n: reminders.length })}
      </button>
      {open && (
        <div className="reminder-centre" role="dialog" aria-label={t('reminders.title')} data-testid="reminder-centre">
          <h3>{t('reminders.title')}</h3>
          {reminders.length === 0 && <p className="fresh">{t('reminders.none')}</p>}
          <ul>
            {reminders.map((r) => (
              <li key={keyOf(r)}>
                <button type="button" onClick={() => pick(r)}>
                  <b>{r.title}</b>
                  <span className="fresh">
                    {formatStamp(r.dueAt, locale)}
                    {r.reference ? ` · ${r.reference}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {!desktop() && permission === 'default' && (
            <button type="button" className="btn" onClick={() => void Notification.requestPermission().then(setPermission)}>
              {t('reminders.allow')}
            </button>
          )}
        </div>
      )}
      {toasts.length > 0 && (
        <div className="alerts reminders" role="log" aria-live="polite">
          {toasts.map((r) => (
            <button key={keyOf(r)} type="button" className="alert alert-warning" data-testid="reminder-toast" onClick={() => pick(r)}>
              {t('reminders.toast', { title: r.title })}
              {r.reference ? ` · ${r.reference}` : ''}
            </button>
          ))}
          {more > 0 && (
            <button type="button" className="alert alert-warning" onClick={() => (setOpen(true), setToasts([]), setMore(0))}>
              {t('reminders.more', { n: more })}
            </button>
          )}
        </div>
      )}
    </>
  );
}
