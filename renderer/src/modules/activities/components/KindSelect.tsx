import type { ActivityKind } from '../../../../../electron/shared/contract';
import { activityKind } from '../../../../../electron/shared/contract/activities';
import { useT } from '../../../i18n';

/** The kind of an activity, in the user's words (the activity form, the reminder rules). */
export function KindSelect({ value, onChange, disabled }: { value: ActivityKind; onChange: (k: ActivityKind) => void; disabled?: boolean }) {
  const { t } = useT();
  return (
    <label>
      {t('act.kind')}
      <select disabled={disabled} value={value} onChange={(e) => onChange(e.target.value as ActivityKind)}>
        {activityKind.options.map((k) => (
          <option key={k} value={k}>
            {t(`act.kind.${k}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
