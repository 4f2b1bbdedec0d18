import { useEffect, useState } from 'react';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { errorText } from '../../../ui/errors';

/** The company's lost reasons, one per line, saved when the field is left; core says what is wrong. */
export function LostReasonsField({ disabled }: { disabled: boolean }) {
  const { settings, updateSetting } = useApp();
  const { t } = useT();
  const stored = settings['pipeline.lostReasons'].join('\n');
  const [text, setText] = useState(stored);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(stored), [stored]);
  const save = () => {
    const reasons = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (reasons.join('\n') === stored) return setText(stored);
    updateSetting('pipeline.lostReasons', reasons).then(
      () => setError(null),
      (err: unknown) => setError(errorText(err, t)),
    );
  };
  return (
    <>
      <label htmlFor="set-lost-reasons">{t('set.lostReasons')}</label>
      <div>
        <textarea id="set-lost-reasons" rows={6} value={text} disabled={disabled} onChange={(e) => setText(e.target.value)} onBlur={save} />
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
      </div>
    </>
  );
}
