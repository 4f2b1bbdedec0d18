import { useEffect, useRef, useState } from 'react';
import type { ActivityKind, ActivityRow, Input } from '../../../../../electron/shared/contract';
import { addDays } from '../../../../../electron/shared/dates';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { DateField } from '../../../ui/DateField';
import { errorText } from '../../../ui/errors';
import { today } from '../../../ui/today';
import { useLiveQuery } from '../../../ui/use-live-query';
import { localStamp } from '../stamps';
import { KindSelect } from './KindSelect';

const USERS_DATA = ['users'];
const TIME = /^([01]?\d|2[0-3])[:h]([0-5]\d)$/;

type Props = {
  /** what it is about: a deal, or a customer only */
  on: { opportunityId?: number; customerId?: number; label: string };
  onSaved: (row: ActivityRow) => void;
  onClose: () => void;
};

/**
 * A new activity, planned or logged: a call made with what came of it and a follow-up in N days,
 * or a visit, task… due on a day at a time, for a person, repeated or not. Enter saves (outside the
 * notes), Escape closes. Core checks everything again.
 */
export function ActivityForm({ on, onSaved, onClose }: Props) {
  const { client, settings } = useApp();
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const users = useLiveQuery('users.list', {}, USERS_DATA).data ?? [];
  const [kind, setKind] = useState<ActivityKind>('call');
  const [title, setTitle] = useState('');
  const [day, setDay] = useState<string | null>(addDays(today(), 1));
  const [time, setTime] = useState('09:00');
  const [ownerId, setOwnerId] = useState<number | null>(settings.currentUserId);
  const [notes, setNotes] = useState('');
  const [logged, setLogged] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [followUpDays, setFollowUpDays] = useState('');
  const [repeat, setRepeat] = useState<{ every: number; unit: 'day' | 'week' | 'month' } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    titleRef.current?.focus();
  }, []);
  const timeOk = TIME.test(time.trim());
  const followUp = followUpDays.trim() === '' ? null : Number(followUpDays);
  const followUpOk = followUp === null || (Number.isInteger(followUp) && followUp >= 0 && followUp <= 365);
  const ready = title.trim() !== '' && (logged || (day !== null && timeOk)) && followUpOk;

  const submit = () => {
    if (!ready) return;
    const [, h, m] = TIME.exec(time.trim()) ?? [null, '9', '00'];
    const input: Input<'activities.create'> = {
      kind,
      title: title.trim(),
      notes,
      opportunityId: on.opportunityId,
      customerId: on.opportunityId === undefined ? on.customerId : undefined,
      ownerId,
      dueAt: logged ? null : localStamp(day!, Number(h), Number(m)),
      recurrence: logged ? null : repeat,
      ...(logged ? { done: { outcome } } : {}),
      ...(followUp !== null
        ? {
            followUp: {
              kind: 'follow_up' as const,
              title: `${t('act.kind.follow_up')} — ${title.trim()}`,
              dueAt: localStamp(addDays(today(), followUp), 9, 0),
            },
          }
        : {}),
    };
    client.call('activities.create', input).then(onSaved, (err: unknown) => setError(errorText(err, t)));
  };

  return (
    <dialog
      ref={ref}
      className="confirm-move activity-form"
      aria-labelledby="activity-form-title"
      data-testid="activity-form"
      onCancel={(e) => (e.preventDefault(), onClose())}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !(e.target instanceof HTMLTextAreaElement) && !(e.target instanceof HTMLButtonElement)) {
          e.preventDefault();
          submit();
        }
      }}
    >
      <h2 id="activity-form-title">
        {t('act.new')} · {on.label}
      </h2>
      {error && (
        <div className="banner" role="alert">
          {error}
        </div>
      )}
      <div className="form-grid">
        <KindSelect value={kind} onChange={setKind} />
        <label className="wide">
          {t('act.subject')}
          <input ref={titleRef} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="check wide">
          <input type="checkbox" checked={logged} onChange={(e) => setLogged(e.target.checked)} />
          {t('act.alreadyDone')}
        </label>
        {!logged && (
          <>
            <label>
              {t('act.due')}
              <DateField value={day} onChange={setDay} label={t('act.due')} live />
            </label>
            <label>
              {t('act.time')}
              <input value={time} onChange={(e) => setTime(e.target.value)} aria-invalid={!timeOk} size={5} placeholder="09:00" />
            </label>
            <label>
              {t('act.repeat')}
              <select
                aria-label={t('act.repeat')}
                value={repeat ? `${repeat.every}:${repeat.unit}` : ''}
                onChange={(e) => {
                  const [every, unit] = e.target.value.split(':');
                  setRepeat(e.target.value ? { every: Number(every), unit: unit as 'day' } : null);
                }}
              >
                <option value="">{t('act.repeat.none')}</option>
                {(['1:day', '1:week', '2:week', '1:month', '3:month'] as const).map((v) => {
                  const [n, unit] = v.split(':') as [string, 'day' | 'week' | 'month'];
                  return (
                    <option key={v} value={v}>
                      {t('act.repeat.every', { n, unit: t(`act.unit.${unit}`) })}
                    </option>
                  );
                })}
              </select>
            </label>
          </>
        )}
        {logged && (
          <label className="wide">
            {t('act.outcome')}
            <textarea value={outcome} maxLength={2000} rows={2} onChange={(e) => setOutcome(e.target.value)} />
          </label>
        )}
        <label>
          {t('act.owner')}
          <select value={ownerId ?? ''} onChange={(e) => setOwnerId(e.target.value ? Number(e.target.value) : null)}>
            {settings.currentUserId === null && <option value="">—</option>}
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('act.followUpIn')}
          <input
            value={followUpDays}
            inputMode="numeric"
            size={4}
            aria-invalid={!followUpOk}
            onChange={(e) => setFollowUpDays(e.target.value)}
            aria-label={t('act.followUpIn')}
          />
        </label>
        <label className="wide">
          {t('act.notes')}
          <textarea value={notes} maxLength={4000} rows={2} onChange={(e) => setNotes(e.target.value)} />
        </label>
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('act.cancel')}
        </button>
        <button type="button" className="btn primary" disabled={!ready} onClick={submit}>
          {logged ? t('act.log') : t('act.plan')}
        </button>
      </div>
    </dialog>
  );
}
