import { useEffect, useState } from 'react';
import type { OpportunityDetail, Stage } from '../../../../../electron/shared/contract';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';

type Props = { opp: OpportunityDetail; onMoved: (opp: OpportunityDetail) => void; onError: (message: string) => void };

/** Moves the deal to another stage: the same core path as the board. */
export function StageSelect({ opp, onMoved, onError }: Props) {
  const { client } = useApp();
  const { t } = useT();
  const [stages, setStages] = useState<Stage[]>([]);
  useEffect(() => void client.call('stages.list', {}).then(setStages), [client]);
  return (
    <select
      aria-label={t('opp.changeStage')}
      value={opp.stage.id}
      onChange={(e) => {
        const move = client.call('pipeline.moveStage', { opportunityId: opp.id, toStageId: Number(e.target.value) });
        move.then(onMoved, (err: unknown) => onError(err instanceof Error ? err.message : String(err)));
      }}
    >
      {stages.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </select>
  );
}
