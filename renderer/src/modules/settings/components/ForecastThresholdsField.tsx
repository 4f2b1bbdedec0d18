import { useEffect, useState } from 'react';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { errorText } from '../../../ui/errors';

/** The forecast's bands, a company setting: committed from this probability, best case from that one (core checks best < commit). */
export function ForecastThresholdsField({ disabled }: { disabled: boolean }) {
  const { settings, updateSetting } = useApp();
  const { t } = useT();
  const stored = settings['forecast.thresholds'];
  const [commit, setCommit] = useState(String(stored.commit));
  const [best, setBest] = useState(String(stored.best));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setCommit(String(stored.commit));
    setBest(String(stored.best));
  }, [stored.commit, stored.best]);
  const save = () => {
    const next = { commit: Number(commit), best: Number(best) };
    if (next.commit === stored.commit && next.best === stored.best) return;
    updateSetting('forecast.thresholds', next).then(
      () => setError(null),
      (err: unknown) => setError(errorText(err, t)),
    );
  };
  const input = (id: string, value: string, set: (v: string) => void) => (
    <input
      id={id}
      type="number"
      min={0}
      max={100}
      step={1}
      value={value}
      disabled={disabled}
      onChange={(e) => set(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => e.key === 'Enter' && save()}
    />
  );
  return (
    <>
      <label htmlFor="set-commit">{t('settings.forecast.commit')}</label>
      {input('set-commit', commit, setCommit)}
      <label htmlFor="set-best">{t('settings.forecast.best')}</label>
      <div>
        {input('set-best', best, setBest)}
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
      </div>
    </>
  );
}
