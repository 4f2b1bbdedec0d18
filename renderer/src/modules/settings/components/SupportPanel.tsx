import { useState } from 'react';
import type { Output } from '../../../../../electron/shared/contract';
import { formatDecimal } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { ActionError, useActionError } from '../../../ui/ActionError';

/** Paramètres › Assistance: « Exporter un diagnostic » for support (logs, versions, database statistics; no business data). */
export function SupportPanel() {
  const { client } = useApp();
  const { t, locale } = useT();
  const [made, setMade] = useState<Output<'diagnostic.export'> | null>(null);
  const [working, setWorking] = useState(false);
  const { text, fail, clear } = useActionError();
  const exportNow = () => {
    setWorking(true);
    client.call('diagnostic.export', {}).then(
      (d) => (clear(), setMade(d), setWorking(false)),
      (err: unknown) => (fail(err), setWorking(false)),
    );
  };
  const desktop = window.comptoir?.reveal !== undefined;
  return (
    <section className="card section" aria-labelledby="support-title" data-testid="support">
      <h3 id="support-title">{t('support.title')}</h3>
      <p className="fresh">{t('support.hint')}</p>
      <div className="dialog-actions">
        <button type="button" className="btn" disabled={working} onClick={exportNow}>
          {t('support.export')}
        </button>
        <ActionError text={text} />
      </div>
      {made && (
        <p role="status" data-testid="diagnostic-written">
          {t('support.written', { path: made.path, size: t('backups.megabytes', { n: formatDecimal(made.bytes / 1_048_576, locale, 2) }) })}{' '}
          {desktop && (
            <button type="button" className="btn" onClick={() => window.comptoir?.reveal?.(made.path)}>
              {t('support.show')}
            </button>
          )}
        </p>
      )}
    </section>
  );
}
