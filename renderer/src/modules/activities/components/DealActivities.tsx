import { useCallback, useState } from 'react';
import type { ActivityRow } from '../../../../../electron/shared/contract';
import { snoozeUntil } from '../../../../../electron/shared/domain/activities';
import { formatStamp } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT, type MessageKey } from '../../../i18n';
import { ActionError, useActionError } from '../../../ui/ActionError';
import { useLiveQuery } from '../../../ui/use-live-query';
import { useShortcut } from '../../../ui/use-shortcut';
import { ActivityForm } from './ActivityForm';

const ACTIVITY_DATA = ['activities'];
const NONE: ActivityRow[] = [];

/**
 * What is planned on a deal (or a customer): every open activity, whoever it is for, done or
 * snoozed from here; Alt+N plans or logs a new one. An open deal with nothing planned says so in red.
 */
export function DealActivities({ on, open = true }: { on: { opportunityId?: number; customerId?: number; label: string }; open?: boolean }) {
  const { client } = useApp();
  const { t, locale } = useT();
  const query = useLiveQuery('activities.list', { bucket: 'open', opportunityId: on.opportunityId, customerId: on.customerId }, ACTIVITY_DATA, {
    id: on.opportunityId,
  });
  const rows = query.data?.rows ?? NONE;
  const [creating, setCreating] = useState(false);
  const { text, fail, clear } = useActionError();
  const openForm = useCallback((e: KeyboardEvent) => {
    e.preventDefault();
    setCreating(true);
  }, []);
  useShortcut('Alt+N', openForm, !creating);
  const done = (r: ActivityRow) => void client.call('activities.done', { id: r.id }).then(() => (clear(), query.reload()), fail);
  const snooze = (r: ActivityRow) =>
    void client
      .call('activities.snooze', { id: r.id, until: snoozeUntil(new Date().toISOString(), 'tomorrow') })
      .then(() => (clear(), query.reload()), fail);
  return (
    <div className="card deal-activities" data-testid="deal-activities">
      <h3>
        {t('act.panel')}{' '}
        <button type="button" className="btn" onClick={() => setCreating(true)} title="Alt+N">
          {t('act.new')}
        </button>
      </h3>
      <ActionError text={text} />
      {rows.length === 0 && <p className={open ? 'cell-none' : 'fresh'}>{t('act.noneOpen')}</p>}
      <ul>
        {rows.map((r) => (
          <li key={r.id}>
            <span className={r.bucket === 'overdue' ? 'cell-late' : 'fresh'}>{formatStamp(r.dueAt, locale)}</span>
            <span className="grow">
              <b>{t(`act.kind.${r.kind}` as MessageKey)}</b> {r.title}
              <span className="fresh"> · {r.ownerName ?? (r.role ? t('act.role', { role: t(`role.${r.role}` as MessageKey) }) : '—')}</span>
            </span>
            {r.mine && (
              <>
                <button type="button" className="btn" onClick={() => done(r)}>
                  {t('act.done')}
                </button>
                <button type="button" className="btn" onClick={() => snooze(r)} title={t('act.snooze.tomorrow')}>
                  {t('act.snooze')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {creating && <ActivityForm on={on} onSaved={() => (setCreating(false), query.reload())} onClose={() => setCreating(false)} />}
    </div>
  );
}
