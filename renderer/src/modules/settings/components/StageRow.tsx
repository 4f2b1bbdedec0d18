import { useState } from 'react';
import type { Stage, StageKind } from '../../../../../electron/shared/contract';
import { useT } from '../../../i18n';

type Changes = { name?: string; probability?: number; kind?: StageKind; stagnationDays?: number | null };
type Props = {
  stage: Stage;
  others: Stage[];
  first: boolean;
  last: boolean;
  onChange: (changes: Changes) => void;
  onMove: (delta: number) => void;
  onDelete: (moveTo?: number) => void;
};

/** One stage, edited in place: a field is saved when it loses focus or on Enter. Core checks every value. */
export function StageRow({ stage, others, first, last, onChange, onMove, onDelete }: Props) {
  const { t } = useT();
  const [deleting, setDeleting] = useState(false);
  const [moveTo, setMoveTo] = useState<number>(others[0]?.id ?? 0);
  const commit = (changes: Changes) => onChange(changes);
  const onEnter = (e: React.KeyboardEvent<HTMLInputElement>) => e.key === 'Enter' && e.currentTarget.blur();
  return (
    <tr data-testid={`stage-${stage.name}`}>
      <td>
        <input
          type="text"
          aria-label={t('stages.name')}
          defaultValue={stage.name}
          maxLength={60}
          onKeyDown={onEnter}
          onBlur={(e) => e.target.value !== stage.name && commit({ name: e.target.value })}
        />
      </td>
      <td>
        <input
          type="number"
          aria-label={t('stages.probability')}
          defaultValue={stage.probability}
          min={0}
          max={100}
          onKeyDown={onEnter}
          onBlur={(e) => Number(e.target.value) !== stage.probability && commit({ probability: Number(e.target.value) })}
        />
      </td>
      <td>
        <select aria-label={t('stages.kind')} value={stage.kind} onChange={(e) => commit({ kind: e.target.value as StageKind })}>
          {(['open', 'won', 'lost'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`stageKind.${k}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          type="number"
          aria-label={t('stages.stagnation')}
          defaultValue={stage.stagnationDays ?? ''}
          min={1}
          onKeyDown={onEnter}
          onBlur={(e) => {
            const v = e.target.value === '' ? null : Number(e.target.value);
            if (v !== stage.stagnationDays) commit({ stagnationDays: v });
          }}
        />
      </td>
      <td className="num">{stage.opportunityCount}</td>
      <td>
        <button type="button" className="btn" aria-label={t('stages.up')} disabled={first} onClick={() => onMove(-1)}>
          ↑
        </button>{' '}
        <button type="button" className="btn" aria-label={t('stages.down')} disabled={last} onClick={() => onMove(1)}>
          ↓
        </button>{' '}
        {!deleting && (
          <button type="button" className="btn" onClick={() => (stage.opportunityCount > 0 ? setDeleting(true) : onDelete())}>
            {t('stages.delete')}
          </button>
        )}
        {deleting && (
          <>
            <label>
              {t('stages.moveTo', { count: stage.opportunityCount })}{' '}
              <select value={moveTo} onChange={(e) => setMoveTo(Number(e.target.value))}>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button type="button" className="btn" onClick={() => onDelete(moveTo)}>
              {t('stages.confirmDelete')}
            </button>{' '}
            <button type="button" className="btn" onClick={() => setDeleting(false)}>
              {t('stages.cancel')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
