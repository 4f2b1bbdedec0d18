import { useState } from 'react';
import type { AutomationAction, AutomationRule, Input, Stage } from '../../../../../electron/shared/contract';
import { formatDecimal, parseDecimal } from '../../../../../electron/shared/format';
import { money } from '../../../../../electron/shared/money';
import { useT } from '../../../i18n';

const TYPES = ['check_credit', 'check_margin', 'reserve_stock', 'raise_shortages', 'queue_sale_order', 'create_task', 'notify'] as const;
const ROLES = ['trader', 'purchasing', 'finance', 'manager'] as const;
type Props = {
  rule: AutomationRule | null;
  stages: Stage[];
  onSave: (input: Input<'automation.save'>) => void;
  onDelete?: () => void;
  onInvalid: (m: string) => void;
};

/** One stage rule: stage, trigger, a minimum amount, and its ordered actions (a task or a notice names a role and a title). */
export function AutomationRuleForm({ rule, stages, onSave, onDelete, onInvalid }: Props) {
  const { t, locale } = useT();
  const [stageId, setStageId] = useState(rule?.stageId ?? stages[0]?.id ?? 0);
  const [trigger, setTrigger] = useState<'enter' | 'leave'>(rule?.trigger ?? 'enter');
  const [minAmount, setMinAmount] = useState(
    rule?.conditions.minAmount === undefined ? '' : formatDecimal(rule.conditions.minAmount / 10_000, locale, 2),
  );
  const [actions, setActions] = useState<AutomationAction[]>(rule?.actions ?? []);
  const [active, setActive] = useState(rule?.active ?? true);

  const change = (i: number, a: AutomationAction) => setActions((list) => list.map((x, j) => (j === i ? a : x)));
  const move = (i: number, d: number) =>
    setActions((list) => {
      const next = [...list];
      const [a] = next.splice(i, 1);
      next.splice(Math.max(0, Math.min(next.length, i + d)), 0, a!);
      return next;
    });
  const add = (type: (typeof TYPES)[number]) =>
    setActions((list) => [...list, type === 'create_task' || type === 'notify' ? { type, role: 'purchasing', title: t(`step.${type}`) } : { type }]);
  const save = () => {
    const amount = minAmount.trim() === '' ? undefined : parseDecimal(minAmount, locale);
    if (amount === null || (amount !== undefined && amount < 0)) return onInvalid(`${t('auto.minAmount')} : « ${minAmount} »`);
    onSave({ id: rule?.id, stageId, trigger, active, actions, conditions: amount === undefined ? {} : { minAmount: money.fromUnits(amount) } });
  };

  return (
    <div className="card section" data-testid={`automation-rule-${rule?.id ?? 'new'}`}>
      <div className="actions">
        <select aria-label={t('auto.stage')} value={stageId} onChange={(e) => setStageId(Number(e.target.value))}>
          {stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <select aria-label={t('auto.trigger')} value={trigger} onChange={(e) => setTrigger(e.target.value as 'enter' | 'leave')}>
          <option value="enter">{t('auto.trigger.enter')}</option>
          <option value="leave">{t('auto.trigger.leave')}</option>
        </select>
        <input
          aria-label={t('auto.minAmount')}
          placeholder={t('auto.minAmount')}
          value={minAmount}
          size={12}
          onChange={(e) => setMinAmount(e.target.value)}
        />
        <label>
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t('auto.active')}
        </label>
      </div>
      <ol className="timeline">
        {actions.map((a, i) => (
          <li key={i} className="actions">
            <b>{t(`step.${a.type}`)}</b>
            {(a.type === 'create_task' || a.type === 'notify') && (
              <>
                <select
                  aria-label={t('auto.role')}
                  value={a.role}
                  onChange={(e) => change(i, { ...a, role: e.target.value as (typeof ROLES)[number] })}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
                <input
                  aria-label={t('auto.taskTitle')}
                  value={a.title}
                  maxLength={200}
                  onChange={(e) => change(i, { ...a, title: e.target.value })}
                />
              </>
            )}
            <button type="button" className="btn" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('stages.up')}>
              ↑
            </button>
            <button type="button" className="btn" disabled={i === actions.length - 1} onClick={() => move(i, 1)} aria-label={t('stages.down')}>
              ↓
            </button>
            <button type="button" className="btn" onClick={() => setActions((list) => list.filter((_, j) => j !== i))} aria-label={t('auto.delete')}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="actions">
        <select aria-label={t('auto.addAction')} value="" onChange={(e) => e.target.value && add(e.target.value as (typeof TYPES)[number])}>
          <option value="">{t('auto.addAction')}</option>
          {TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`step.${type}`)}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <button type="button" className="btn primary" onClick={save}>
          {t('auto.save')}
        </button>
        {onDelete && (
          <button type="button" className="btn" onClick={onDelete}>
            {t('auto.delete')}
          </button>
        )}
      </div>
    </div>
  );
}
