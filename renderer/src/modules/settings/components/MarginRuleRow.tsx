import type { MarginRuleView } from '../../../../../electron/shared/contract';
import { formatStamp } from '../../../../../electron/shared/format';
import { useT } from '../../../i18n';
import { RateInput } from './RateInput';

type Props = {
  rule: MarginRuleView;
  onSave: (figures: { targetRate: number; minimumRate: number }) => void;
  onRemove: () => void;
  onInvalid: (field: string) => void;
};

/** One margin rule, its figures edited in place (saved on Enter or when leaving the cell). */
export function MarginRuleRow({ rule, onSave, onRemove, onInvalid }: Props) {
  const { t, locale } = useT();
  const label = rule.scope === 'company' ? t('rules.scope.company') : `${rule.scopeCode ?? ''} — ${rule.scopeName ?? ''}`;
  return (
    <tr data-testid={`rule-${rule.scope}-${rule.scopeCode ?? 'company'}`}>
      <td>{rule.scope === 'company' ? '' : t(`rules.scope.${rule.scope}`)}</td>
      <td>{label}</td>
      <td>
        <RateInput
          label={t('rules.target')}
          value={rule.targetRate}
          onCommit={(targetRate) => onSave({ targetRate, minimumRate: rule.minimumRate })}
          onInvalid={() => onInvalid(t('rules.target'))}
        />
      </td>
      <td>
        <RateInput
          label={t('rules.minimum')}
          value={rule.minimumRate}
          onCommit={(minimumRate) => onSave({ targetRate: rule.targetRate, minimumRate })}
          onInvalid={() => onInvalid(t('rules.minimum'))}
        />
      </td>
      <td className="muted">{formatStamp(rule.updatedAt, locale)}</td>
      <td>
        {rule.scope !== 'company' && (
          <button type="button" className="btn" onClick={onRemove}>
            {t('rules.remove')}
          </button>
        )}
      </td>
    </tr>
  );
}
