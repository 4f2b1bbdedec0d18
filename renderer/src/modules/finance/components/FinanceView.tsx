import { AgGridReact } from 'ag-grid-react';
import type { GridApi, SelectionChangedEvent } from 'ag-grid-community';
import { useMemo, useRef, useState } from 'react';
import type { ApprovalQueueRow, ExposureRow } from '../../../../../electron/shared/contract';
import { may } from '../../../../../electron/shared/domain/authority';
import { useApp } from '../../../app/client-context';
import { gridLocaleText, useT } from '../../../i18n';
import { gridTheme, SINGLE_ROW, FILTERED_COLUMN_DEFAULTS } from '../../../ui/grid';
import { exportGrid } from '../../../ui/xlsx';
import { exposureColumns } from '../columns';
import { ApprovalQueue } from './ApprovalQueue';
import { takeSearch } from '../../../app/search-handoff';
import { errorText } from '../../../ui/errors';
import { ActionError } from '../../../ui/ActionError';
import { useGridRange } from '../../../ui/grid-range';
import { dateInFilters } from '../../../ui/grid-date-input';
import { useLiveQuery } from '../../../ui/use-live-query';

const FINANCE_DATA = ['approvals', 'customers', 'opportunities', 'operations'];
const NONE_QUEUED: ApprovalQueueRow[] = [];
const NO_ROWS: ExposureRow[] = [];

/** Credit control: the approvals waiting, each customer's exposure, and the credit hold. */
export function FinanceView({ onOpen }: { onOpen: (id: number) => void }) {
  const { client, settings } = useApp();
  const { t, locale } = useT();
  const holds = may(settings.roles, 'hold');
  // the grid's filters take dates in the app's language, not the browser's date picker
  const colDefaults = useMemo(() => ({ ...FILTERED_COLUMN_DEFAULTS, ...dateInFilters(locale, t('date.placeholder')) }), [locale, t]);
  const [chosen, setChosen] = useState<ExposureRow | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const api = useRef<GridApi | null>(null);

  // credit control decides credit requests; margin requests wait in the sales manager's queue
  const queueQuery = useLiveQuery('approvals.queue', { status: 'pending', kind: 'credit' }, FINANCE_DATA);
  const exposureQuery = useLiveQuery('finance.exposure', {}, FINANCE_DATA);
  const queue = queueQuery.data ?? NONE_QUEUED;
  const rows = exposureQuery.data ?? NO_ROWS;
  const load = () => {
    queueQuery.reload();
    exposureQuery.reload();
  };
  const range = useGridRange<ExposureRow>(locale);
  const columns = useMemo(() => range.columns(exposureColumns(t, locale)), [t, locale, range]);
  const [search, setSearch] = useState(() => takeSearch('finance') ?? '');
  const fail = (err: unknown) => setError(errorText(err, t));

  const hold = (on: boolean) =>
    chosen &&
    client.call('customers.hold', { customerId: chosen.customerId, hold: on, reason: on ? reason : '' }).then((row) => {
      setError(null);
      setReason('');
      setChosen(row);
      load();
    }, fail);

  return (
    <>
      <div className="toolbar">
        <h1>{t('fin.title')}</h1>
        <input type="search" aria-label={t('fin.search')} placeholder={t('fin.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => api.current && void exportGrid(api.current, t('fin.exposure'))}>
          {t('export.xlsx')}
        </button>
      </div>
      {done && (
        <div className="banner ok" role="status">
          {done}
        </div>
      )}
      <ApprovalQueue rows={queue} search={search} onDecided={(message) => (setDone(message), load())} onOpen={onOpen} />
      <div className="toolbar subbar" data-testid="hold-bar">
        <b>{chosen ? `${chosen.code} — ${chosen.name}` : t('fin.exposure')}</b>
        {chosen && !holds && <span className="fresh">{t('roles.readOnly.hold')}</span>}
        {holds && chosen && !chosen.creditHold && (
          <>
            <input
              aria-label={t('fin.holdReason')}
              placeholder={t('fin.holdReason')}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
            <button type="button" className="btn" onClick={() => void hold(true)}>
              {t('fin.putHold')}
            </button>
          </>
        )}
        {holds && chosen?.creditHold && (
          <button type="button" className="btn" onClick={() => void hold(false)}>
            {t('fin.liftHold')}
          </button>
        )}
        <ActionError text={error} />
      </div>
      <div className="grid-wrap" data-testid="exposure-grid" onCopy={range.handlers.onCopy}>
        <AgGridReact<ExposureRow>
          theme={gridTheme}
          localeText={gridLocaleText(locale)}
          rowData={rows}
          quickFilterText={search}
          columnDefs={columns}
          onCellMouseDown={range.handlers.onCellMouseDown}
          onCellKeyDown={range.handlers.onCellKeyDown}
          onCellFocused={range.handlers.onCellFocused}
          defaultColDef={colDefaults}
          getRowId={(p) => String(p.data.customerId)}
          rowSelection={SINGLE_ROW}
          onGridReady={(e) => ((api.current = e.api as GridApi), range.handlers.onGridReady(e.api))}
          onSelectionChanged={(e: SelectionChangedEvent<ExposureRow>) => setChosen(e.api.getSelectedRows()[0] ?? null)}
        />
      </div>
    </>
  );
}
