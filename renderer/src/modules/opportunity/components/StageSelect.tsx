import { useCallback, useEffect, useState } from 'react';
import type { OpportunityDetail, Stage } from '../../../../../electron/shared/contract';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { useStageMove } from '../../pipeline/use-stage-move';
import { ActionError, useActionError } from '../../../ui/ActionError';

type Props = { opp: OpportunityDetail; onMoved: (opp: OpportunityDetail) => void };

/**
 * Moves the deal to another stage: the same core path as the board. The list shows the deal's
 * stage until a move is done, so an arrow key on it asks (a dialog) rather than runs a chain.
 */
export function StageSelect({ opp, onMoved }: Props) {
  const { client } = useApp();
  const { t } = useT();
  const [stages, setStages] = useState<Stage[]>([]);
  const error = useActionError();
  const moved = useCallback((o: OpportunityDetail) => (error.clear(), onMoved(o)), [error, onMoved]);
  const { request, dialog } = useStageMove(moved, error.say);
  useEffect(() => void client.call('stages.list', {}).then(setStages), [client]);
  return (
    <>
      <select aria-label={t('opp.changeStage')} value={opp.stage.id} onChange={(e) => request(opp.id, Number(e.target.value))}>
        {stages.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <ActionError text={error.text} />
      {dialog}
    </>
  );
}
