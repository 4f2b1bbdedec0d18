import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import { useMemo, useRef, useState } from 'react';
import type { Input, OpportunitiesListOutput, StageKind } from '../../../../../electron/shared/contract';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { errorText } from '../../../ui/errors';

export type Summary = NonNullable<OpportunitiesListOutput['totals']> & { total: number };

/**
 * The grid's rows, a block at a time from core: sort, filters and search run in SQLite. The count
 * and totals of the filtered set come with the first block only.
 */
export function useOpportunitiesDatasource(search: string, kinds: StageKind[]) {
  const { client } = useApp();
  const { t } = useT();
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const knownTotal = useRef<number | undefined>(undefined);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p: IGetRowsParams) => {
        const input: Input<'opportunities.list'> = {
          withTotals: p.startRow === 0,
          offset: p.startRow,
          limit: p.endRow - p.startRow,
          search: search.trim() || undefined,
          stageKinds: kinds.length ? kinds : undefined,
          // the grid's models are checked by core against the contract
          sort: p.sortModel as Input<'opportunities.list'>['sort'],
          filters: p.filterModel as Input<'opportunities.list'>['filters'],
        };
        client.call('opportunities.list', input).then(
          (out) => {
            setError(null);
            if (out.total !== null && out.totals) {
              knownTotal.current = out.total;
              setSummary({ ...out.totals, total: out.total });
            }
            p.successCallback(out.rows, out.total ?? knownTotal.current);
          },
          (err: unknown) => {
            setError(errorText(err, t));
            p.failCallback();
          },
        );
      },
    }),
    [client, search, kinds, t],
  );
  return { datasource, summary, error };
}
