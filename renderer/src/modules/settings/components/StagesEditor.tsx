import { useCallback, useEffect, useState } from 'react';
import type { Stage } from '../../../../../electron/shared/contract';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { StageRow } from './StageRow';
import { errorText } from '../../../ui/errors';

/** The company's pipeline: stages in order, each editable in place; a stage in use is deleted by moving its deals. */
export function StagesEditor() {
  const { client } = useApp();
  const { t } = useT();
  const [stages, setStages] = useState<Stage[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => void client.call('stages.list', {}).then(setStages), [client]);
  useEffect(load, [load]);

  const run = useCallback(
    (action: Promise<unknown>) => {
      action.then(
        () => {
          setError(null);
          load();
        },
        (err: unknown) => setError(errorText(err, t)),
      );
    },
    [load],
  );

  const move = (index: number, delta: number) => {
    const ids = stages.map((s) => s.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id!);
    run(client.call('stages.reorder', { ids }));
  };

  return (
    <div className="card section" data-testid="stages-editor">
      <h3>{t('stages.title')}</h3>
      {error && (
        <div className="banner" role="alert">
          {error}
        </div>
      )}
      <table className="stages-table">
        <thead>
          <tr>
            <th>{t('stages.name')}</th>
            <th>{t('stages.probability')}</th>
            <th>{t('stages.kind')}</th>
            <th>{t('stages.stagnation')}</th>
            <th>{t('stages.count')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {stages.map((s, i) => (
            <StageRow
              key={s.id}
              stage={s}
              others={stages.filter((o) => o.id !== s.id)}
              first={i === 0}
              last={i === stages.length - 1}
              onChange={(changes) => run(client.call('stages.update', { id: s.id, ...changes }))}
              onMove={(delta) => move(i, delta)}
              onDelete={(moveTo) => run(client.call('stages.delete', moveTo === undefined ? { id: s.id } : { id: s.id, moveTo }))}
            />
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="btn"
        style={{ marginTop: 8 }}
        onClick={() => run(client.call('stages.create', { name: t('stages.newName'), probability: 50, kind: 'open', stagnationDays: null }))}
      >
        {t('stages.add')}
      </button>
    </div>
  );
}
