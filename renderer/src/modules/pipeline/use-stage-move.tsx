import { useCallback, useState, type ReactNode } from 'react';
import type { MovePreview, OpportunityDetail } from '../../../../electron/shared/contract';
import { useApp } from '../../app/client-context';
import { useT } from '../../i18n';
import { ConfirmMove } from './components/ConfirmMove';
import { errorText } from '../../ui/errors';

type Pending = { opportunityId: number; toStageId: number; preview: MovePreview };

/**
 * A stage move as a user asks it (the deal's stage list, the board): core says first what the move
 * will do; a move that runs automation or ends the deal waits for a yes in a dialog, a plain one
 * goes at once.
 */
export function useStageMove(
  onMoved: (opp: OpportunityDetail) => void,
  onError: (message: string) => void,
): {
  request: (opportunityId: number, toStageId: number) => void;
  dialog: ReactNode;
} {
  const { client } = useApp();
  const { t } = useT();
  const [pending, setPending] = useState<Pending | null>(null);
  const fail = useCallback((err: unknown) => onError(errorText(err, t)), [onError, t]);
  const commit = useCallback(
    (opportunityId: number, toStageId: number, lost: { lostReason: string; lostNote: string } | null) =>
      void client.call('pipeline.moveStage', { opportunityId, toStageId, ...lost }).then(onMoved, fail),
    [client, onMoved, fail],
  );
  const request = useCallback(
    (opportunityId: number, toStageId: number) =>
      void client.call('pipeline.previewMove', { opportunityId, toStageId }).then((preview) => {
        if (preview.confirm) setPending({ opportunityId, toStageId, preview });
        else commit(opportunityId, toStageId, null);
      }, fail),
    [client, commit, fail],
  );
  const dialog = pending && (
    <ConfirmMove
      preview={pending.preview}
      onCancel={() => setPending(null)}
      onConfirm={(lost) => {
        setPending(null);
        commit(pending.opportunityId, pending.toStageId, lost);
      }}
    />
  );
  return { request, dialog };
}
