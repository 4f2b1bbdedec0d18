import { useCallback, useEffect, useState } from 'react';
import type { MarginRuleView } from '../../../../../electron/shared/contract';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { MarginRuleRow } from './MarginRuleRow';
import { NewMarginRule } from './NewMarginRule';
import { errorText } from '../../../ui/errors';

/** The margin policy: company default, then category and customer rules. Core checks and audits every change. */
export function MarginRulesEditor() {
  const { client } = useApp();
  const { t } = useT();
  const [rules, setRules] = useState<MarginRuleView[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => void client.call('marginRules.list', {}).then(setRules), [client]);

  const run = useCallback((action: Promise<MarginRuleView[]>) => {
    action.then(
      (list) => {
        setError(null);
        setRules(list);
      },
      (err: unknown) => setError(errorText(err, t)),
    );
  }, []);
  const invalid = (field: string) => setError(t('rules.badRate', { field }));

  return (
    <div className="card section" data-testid="margin-rules">
      <h3>{t('rules.title')}</h3>
      <p className="muted">{t('rules.hint')}</p>
      {error && (
        <div className="banner" role="alert">
          {error}
        </div>
      )}
      <table className="stages-table">
        <thead>
          <tr>
            <th>{t('rules.scope')}</th>
            <th />
            <th>{t('rules.target')}</th>
            <th>{t('rules.minimum')}</th>
            <th>{t('rules.updated')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <MarginRuleRow
              key={r.id}
              rule={r}
              onInvalid={invalid}
              onSave={(figures) => run(client.call('marginRules.save', { scope: r.scope, scopeId: r.scopeId, ...figures }))}
              onRemove={() => run(client.call('marginRules.delete', { id: r.id }))}
            />
          ))}
        </tbody>
      </table>
      <NewMarginRule onInvalid={invalid} onSave={(input) => run(client.call('marginRules.save', input))} />
    </div>
  );
}
