import { useState } from 'react';
import type { Input, ReminderRule } from '../../../../../electron/shared/contract';
import { reminderTrigger } from '../../../../../electron/shared/contract/activities';
import { KindSelect } from '../../activities/components/KindSelect';
import { role } from '../../../../../electron/shared/contract/common';
import { may } from '../../../../../electron/shared/domain/authority';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { errorText } from '../../../ui/errors';
import { useLiveQuery } from '../../../ui/use-live-query';

const RULE_DATA = ['rules', 'stages'];
type Draft = Input<'reminderRules.save'>;
const BLANK: Draft = { trigger: 'idle', stageId: null, days: 7, kind: 'follow_up', title: '', assignTo: 'owner', active: true };

/** One rule: when a deal gets its activity, which stage, after how many days, what and for whom. */
function RuleRow({ rule, disabled, onSave, onDelete }: { rule: Draft; disabled: boolean; onSave: (d: Draft) => void; onDelete?: () => void }) {
  const { t } = useT();
  const stages = useLiveQuery('stages.list', {}, RULE_DATA).data ?? [];
  const [d, setD] = useState<Draft>(rule);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const days = d.days === null || d.days === undefined ? '' : String(d.days);
  return (
    <div className="form-grid reminder-rule" data-testid="reminder-rule">
      <label>
        {t('rules.trigger')}
        <select disabled={disabled} value={d.trigger} onChange={(e) => set({ trigger: e.target.value as Draft['trigger'] })}>
          {reminderTrigger.options.map((k) => (
            <option key={k} value={k}>
              {t(`rules.opt.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('rules.stage')}
        <select disabled={disabled} value={d.stageId ?? ''} onChange={(e) => set({ stageId: e.target.value ? Number(e.target.value) : null })}>
          <option value="">{t('rules.anyStage')}</option>
          {stages
            .filter((s) => s.kind === 'open')
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t('rules.days')}
        <input
          disabled={disabled || d.trigger === 'close_overdue'}
          inputMode="numeric"
          value={days}
          placeholder={d.trigger === 'stagnant' ? t('rules.daysDefault') : ''}
          onChange={(e) => set({ days: e.target.value.trim() === '' ? null : Number(e.target.value) })}
        />
      </label>
      <KindSelect disabled={disabled} value={d.kind ?? 'follow_up'} onChange={(kind) => set({ kind })} />
      <label>
        {t('rules.assignTo')}
        <select disabled={disabled} value={d.assignTo} onChange={(e) => set({ assignTo: e.target.value as Draft['assignTo'] })}>
          <option value="owner">{t('rules.assign.owner')}</option>
          {role.options.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" disabled={disabled} checked={d.active !== false} onChange={(e) => set({ active: e.target.checked })} />
        {t('rules.active')}
      </label>
      <label className="wide">
        {t('rules.title')}
        <input disabled={disabled} value={d.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} />
      </label>
      {!disabled && (
        <div className="dialog-actions wide" style={{ gridColumn: '1 / -1' }}>
          {onDelete && (
            <button type="button" className="btn" onClick={onDelete}>
              {t('act.delete')}
            </button>
          )}
          <button type="button" className="btn primary" disabled={d.title.trim() === ''} onClick={() => onSave(d)}>
            {t('act.save')}
          </button>
        </div>
      )}
    </div>
  );
}

/** The company's reminder rules (Paramètres): deals that fall through the cracks get a follow-up. A manager sets them; core and the hub check it. */
export function ReminderRulesEditor() {
  const { client, settings } = useApp();
  const { t } = useT();
  const query = useLiveQuery('reminderRules.list', {}, RULE_DATA);
  const rules: ReminderRule[] = query.data ?? [];
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const manager = may(settings.roles, 'reminders.rules');
  const run = (p: Promise<ReminderRule[]>) =>
    p.then(
      (list) => (query.set(list), setAdding(false), setMessage({ text: t('auto.saved'), error: false })),
      (err: unknown) => setMessage({ text: errorText(err, t), error: true }),
    );
  return (
    <div className="card section" data-testid="reminder-rules">
      <h3>{t('rules.reminders')}</h3>
      <p className="muted">{manager ? t('rules.reminders.hint') : t('rules.managerOnly')}</p>
      {message && (
        <div className={message.error ? 'banner' : 'banner ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </div>
      )}
      {rules.length === 0 && !adding && <p className="fresh">{t('rules.reminders.none')}</p>}
      {rules.map(({ stageName: _name, ...r }) => (
        <RuleRow
          key={JSON.stringify(r)}
          rule={r}
          disabled={!manager}
          onSave={(d) => void run(client.call('reminderRules.save', { ...d, id: r.id }))}
          onDelete={() => void run(client.call('reminderRules.delete', { id: r.id }))}
        />
      ))}
      {adding && (
        <RuleRow rule={BLANK} disabled={false} onSave={(d) => void run(client.call('reminderRules.save', d))} onDelete={() => setAdding(false)} />
      )}
      {manager && !adding && (
        <button type="button" className="btn" onClick={() => setAdding(true)}>
          {t('rules.reminders.add')}
        </button>
      )}
    </div>
  );
}
