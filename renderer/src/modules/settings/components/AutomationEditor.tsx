import { useCallback, useEffect, useState } from 'react';
import type { AutomationRule, Stage } from '../../../../../electron/shared/contract';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { AutomationRuleForm } from './AutomationRuleForm';
import { errorText } from '../../../ui/errors';

/** The rules each stage runs; core checks every rule against the contract and audits the change. */
export function AutomationEditor() {
  const { client } = useApp();
  const { t } = useT();
  const [rules, setRules] = useState<AutomationRule[]>([]);
  const [stages, setStages] = useState<Stage[]>([]);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    void client.call('automation.list', {}).then(setRules);
    void client.call('stages.list', {}).then(setStages);
  }, [client]);
  const run = useCallback(
    (p: Promise<AutomationRule[]>) =>
      p.then(
        (list) => (setRules(list), setAdding(false), setMessage({ text: t('auto.saved'), error: false })),
        (err: unknown) => setMessage({ text: errorText(err, t), error: true }),
      ),
    [t],
  );
  const invalid = (text: string) => setMessage({ text, error: true });

  return (
    <div className="card section" data-testid="automation-editor">
      <h3>{t('auto.title')}</h3>
      <p className="muted">{t('auto.hint')}</p>
      {message && (
        <div className={message.error ? 'banner' : 'banner ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </div>
      )}
      {stages.length > 0 &&
        rules.map((r) => (
          <AutomationRuleForm
            key={`${r.id}:${r.updatedAt}`}
            rule={r}
            stages={stages}
            onInvalid={invalid}
            onSave={(input) => void run(client.call('automation.save', input))}
            onDelete={() => void run(client.call('automation.delete', { id: r.id }))}
          />
        ))}
      {adding && stages.length > 0 && (
        <AutomationRuleForm rule={null} stages={stages} onInvalid={invalid} onSave={(input) => void run(client.call('automation.save', input))} />
      )}
      {!adding && (
        <button type="button" className="btn" style={{ marginTop: 8 }} onClick={() => setAdding(true)}>
          {t('auto.new')}
        </button>
      )}
    </div>
  );
}
