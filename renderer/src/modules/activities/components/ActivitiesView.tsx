import type { CellKeyDownEvent, GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ActivityRow } from '../../../../../electron/shared/contract';
import { snoozeUntil } from '../../../../../electron/shared/domain/activities';
import { may } from '../../../../../electron/shared/domain/authority';
import { useApp } from '../../../app/client-context';
import { gridLocaleText, useT } from '../../../i18n';
import { ActionError } from '../../../ui/ActionError';
import { errorText } from '../../../ui/errors';
import { COLUMN_DEFAULTS, gridTheme, SINGLE_ROW } from '../../../ui/grid';
import { useLiveQuery } from '../../../ui/use-live-query';
import { useShortcut } from '../../../ui/use-shortcut';
import { exportGrid } from '../../../ui/xlsx';
import { activityColumns } from '../columns';
import { ActivityForm } from './ActivityForm';

const BUCKETS = ['overdue', 'today', 'upcoming', 'done'] as const;
type Bucket = (typeof BUCKETS)[number];
const ACTIVITY_DATA = ['activities', 'users', 'settings'];
const USERS_DATA = ['users'];
const NO_ROWS: ActivityRow[] = [];

/**
 * « Mes activités »: overdue, today, upcoming and done, one dense grid driven by the keyboard —
 * Entrée opens the deal, D marks done, S snoozes to tomorrow 09:00, N plans a new one. A manager
 * sees the team's, everyone's or one person's.
 */
export function ActivitiesView({ onOpen }: { onOpen: (id: number) => void }) {
  const { client, settings } = useApp();
  const { t, locale } = useT();
  const [bucket, setBucket] = useState<Bucket>('overdue');
  const team = may(settings.roles, 'activities.team');
  const [scope, setScope] = useState<'mine' | 'team'>('mine');
  const [ownerId, setOwnerId] = useState<number | undefined>(undefined);
  const users = useLiveQuery('users.list', {}, USERS_DATA).data ?? [];
  const query = useLiveQuery('activities.list', { bucket, scope, ownerId: scope === 'team' ? ownerId : undefined }, ACTIVITY_DATA);
  const rows = query.data?.rows ?? NO_ROWS;
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const api = useRef<GridApi<ActivityRow> | null>(null);
  const columns = useMemo(() => activityColumns(t, locale, { done: bucket === 'done', team: scope === 'team' }), [t, locale, bucket, scope]);
  const fail = (err: unknown) => setError(errorText(err, t));
  const chosen = () => api.current?.getSelectedRows()[0] ?? null;
  const after = (message: string) => () => {
    setError(null);
    setDone(message);
    query.reload();
  };

  const markDone = (row: ActivityRow) =>
    void client.call('activities.done', { id: row.id }).then(after(t('act.doneToast', { title: row.title })), fail);
  const snooze = (row: ActivityRow, key: 'hour' | 'tomorrow' | 'monday') => {
    void client
      .call('activities.snooze', { id: row.id, until: snoozeUntil(new Date().toISOString(), key) })
      .then(after(`${t('act.snooze')} · ${row.title}`), fail);
  };
  const onKey = (e: CellKeyDownEvent<ActivityRow>) => {
    const ev = e.event as KeyboardEvent | undefined;
    if (!ev || !e.data || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const key = ev.key.toLowerCase();
    if (key === 'enter' && e.data.opportunityId) onOpen(e.data.opportunityId);
    else if (key === 'd' && e.data.mine && bucket !== 'done') markDone(e.data);
    else if (key === 's' && e.data.mine && bucket !== 'done') snooze(e.data, 'tomorrow');
    else return;
    ev.preventDefault();
  };
  const openForm = useCallback((e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
    e.preventDefault();
    setCreating(true);
  }, []);
  useShortcut('n', openForm, !creating);

  const counts = query.data?.counts;
  return (
    <>
      <div className="toolbar">
        <h1>{scope === 'team' ? t('act.teamTitle') : t('act.title')}</h1>
        <div className="tabs" role="tablist">
          {BUCKETS.map((b) => (
            <button
              key={b}
              type="button"
              role="tab"
              aria-selected={bucket === b}
              className={`btn ${bucket === b ? 'primary' : ''}`}
              onClick={() => setBucket(b)}
              data-testid={`bucket-${b}`}
            >
              {t(`act.bucket.${b}`)}{' '}
              {counts ? <span className={b === 'overdue' && counts.overdue > 0 ? 'count bad' : 'count'}>{counts[b]}</span> : null}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setCreating(true)}>
          {t('act.new')}
        </button>
        <button type="button" className="btn" onClick={() => api.current && void exportGrid(api.current, t('act.title'))}>
          {t('export.xlsx')}
        </button>
      </div>
      <div className="toolbar subbar">
        {bucket !== 'done' ? (
          <>
            <button type="button" className="btn" onClick={() => chosen()?.mine && markDone(chosen()!)}>
              {t('act.done')}
            </button>
            {(['hour', 'tomorrow', 'monday'] as const).map((k) => (
              <button key={k} type="button" className="btn" onClick={() => chosen()?.mine && snooze(chosen()!, k)}>
                {t('act.snooze')} {t(`act.snooze.${k}`)}
              </button>
            ))}
          </>
        ) : (
          <button
            type="button"
            className="btn"
            onClick={() => {
              const row = chosen();
              if (row?.mine) void client.call('activities.reopen', { id: row.id }).then(after(`${t('act.reopen')} · ${row.title}`), fail);
            }}
          >
            {t('act.reopen')}
          </button>
        )}
        {team && (
          <>
            <select aria-label={t('act.scope.team')} value={scope} onChange={(e) => setScope(e.target.value as 'mine' | 'team')}>
              <option value="mine">{t('act.scope.mine')}</option>
              <option value="team">{t('act.scope.team')}</option>
            </select>
            {scope === 'team' && (
              <select
                aria-label={t('act.owner')}
                value={ownerId ?? ''}
                onChange={(e) => setOwnerId(e.target.value ? Number(e.target.value) : undefined)}
              >
                <option value="">{t('act.everyone')}</option>
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </>
        )}
        <span className="fresh">{t('act.keys')}</span>
      </div>
      {done && !error && (
        <div className="banner ok" role="status">
          {done}
        </div>
      )}
      <ActionError text={error ?? (query.error ? errorText(query.error, t) : null)} />
      <div className="grid-wrap" data-testid="activities-grid">
        <AgGridReact<ActivityRow>
          theme={gridTheme}
          localeText={gridLocaleText(locale)}
          rowData={rows}
          columnDefs={columns}
          defaultColDef={COLUMN_DEFAULTS}
          rowSelection={SINGLE_ROW}
          getRowId={(p) => String(p.data.id)}
          onGridReady={(e) => (api.current = e.api)}
          onCellFocused={(e) => e.rowIndex !== null && api.current?.getDisplayedRowAtIndex(e.rowIndex)?.setSelected(true)}
          onCellKeyDown={onKey}
          onRowDoubleClicked={(e) => e.data?.opportunityId && onOpen(e.data.opportunityId)}
          overlayNoRowsTemplate={t('act.none')}
          tooltipShowDelay={400}
        />
      </div>
      {creating && (
        <ActivityForm on={{ label: t('act.title') }} onSaved={() => (setCreating(false), query.reload())} onClose={() => setCreating(false)} />
      )}
    </>
  );
}
