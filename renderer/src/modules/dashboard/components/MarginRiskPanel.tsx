import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import { useMemo, useRef, useState } from 'react';
import type { Output } from '../../../../../electron/shared/contract';
import { formatMoney } from '../../../../../electron/shared/format';
import { rate } from '../../../../../electron/shared/money';
import { useApp } from '../../../app/client-context';
import { gridLocaleText, useT, type MessageKey } from '../../../i18n';
import { ActionError, useActionError } from '../../../ui/ActionError';
import { cellFormat, guardClass } from '../../../ui/format';
import { COLUMN_DEFAULTS, gridTheme, SINGLE_ROW } from '../../../ui/grid';
import { useLiveQuery } from '../../../ui/use-live-query';
import { exportGrid } from '../../../ui/xlsx';
import { DASHBOARD_DATA } from '../data';

type Row = {
  opportunityId: number;
  reference: string;
  customerName: string;
  ownerName: string | null;
  at?: string;
  cause?: string;
  amount: number;
  costBefore: number;
  costAfter: number;
  guardBefore: string;
  guardAfter: string;
};
type WhatIf = Output<'dashboard.whatIf'>;
const NO_ROWS: Row[] = [];
const STATIC = ['categories', 'suppliers'];

/** The margin before and after a cost move, and how far below its guard the deal fell. */
function riskColumns(t: (k: MessageKey, v?: Record<string, string | number>) => string, locale: 'fr' | 'en', pulled: boolean): ColDef<Row>[] {
  const num = { type: 'rightAligned', cellClass: 'num' } as const;
  const margin = (cost: 'costBefore' | 'costAfter') => (p: { data?: Row }) => (p.data ? p.data.amount - p.data[cost] : null);
  const marginRate = (cost: 'costBefore' | 'costAfter') => (p: { data?: Row }) =>
    p.data ? rate.ratio(p.data.amount - p.data[cost], p.data.amount) : null;
  return [
    { field: 'reference', headerName: t('col.reference'), width: 140, pinned: 'left' },
    { field: 'customerName', headerName: t('col.customerName'), width: 200 },
    { field: 'ownerName', headerName: t('col.ownerName'), width: 130 },
    ...(pulled
      ? [
          { field: 'at' as const, headerName: t('dash.risk.at'), width: 120, valueFormatter: cellFormat.stamp(locale) },
          {
            field: 'cause' as const,
            headerName: t('dash.risk.cause'),
            width: 130,
            valueFormatter: (p: { value: unknown }) => t(`dash.risk.cause.${String(p.value)}` as MessageKey),
          },
        ]
      : []),
    { field: 'amount', headerName: t('col.amount'), width: 120, ...num, context: { xlsx: 'money' }, valueFormatter: cellFormat.money(locale) },
    {
      colId: 'marginBefore',
      headerName: t('dash.risk.marginBefore'),
      width: 120,
      ...num,
      context: { xlsx: 'money' },
      valueGetter: margin('costBefore'),
      valueFormatter: cellFormat.money(locale),
    },
    {
      colId: 'rateBefore',
      headerName: t('dash.risk.rateBefore'),
      width: 90,
      ...num,
      context: { xlsx: 'rate' },
      valueGetter: marginRate('costBefore'),
      valueFormatter: cellFormat.rate(locale),
    },
    {
      colId: 'marginAfter',
      headerName: t('dash.risk.marginAfter'),
      width: 120,
      ...num,
      context: { xlsx: 'money' },
      valueGetter: margin('costAfter'),
      valueFormatter: cellFormat.money(locale),
    },
    {
      colId: 'rateAfter',
      headerName: t('dash.risk.rateAfter'),
      width: 90,
      ...num,
      context: { xlsx: 'rate' },
      valueGetter: marginRate('costAfter'),
      valueFormatter: cellFormat.rate(locale),
      cellClass: (p) => `num ${guardClass(p.data?.guardAfter as never)}`,
    },
    { field: 'guardAfter', headerName: t('dash.risk.guard'), width: 140, valueFormatter: (p) => t(`guard.${String(p.value)}` as MessageKey) },
  ];
}

function RiskGrid({ rows, pulled, name, onOpen }: { rows: Row[]; pulled: boolean; name: string; onOpen: (id: number) => void }) {
  const { t, locale } = useT();
  const api = useRef<GridApi<Row> | null>(null);
  const columns = useMemo(() => riskColumns(t, locale, pulled), [t, locale, pulled]);
  return (
    <>
      <div className="panel-head">
        <span className="fresh">{t('dash.risk.count', { n: rows.length })}</span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => api.current && void exportGrid(api.current, name)}>
          {t('export.xlsx')}
        </button>
      </div>
      <div style={{ height: Math.min(260, 40 + Math.max(2, rows.length) * 26) }}>
        <AgGridReact<Row>
          theme={gridTheme}
          localeText={gridLocaleText(locale)}
          rowData={rows}
          columnDefs={columns}
          defaultColDef={COLUMN_DEFAULTS}
          rowSelection={SINGLE_ROW}
          getRowId={(p) => String(p.data.opportunityId)}
          onGridReady={(e) => (api.current = e.api)}
          onRowDoubleClicked={(e) => e.data && onOpen(e.data.opportunityId)}
          onCellKeyDown={(e) => (e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data && onOpen(e.data.opportunityId)}
        />
      </div>
    </>
  );
}

/**
 * Margin at risk: the open deals pulled costs or supplier prices put below their target, minimum
 * or cost (their owners were told), and a what-if on a category's or a supplier's cost.
 */
export function MarginRiskPanel({ ownerId, onOpen }: { ownerId: number | null; onOpen: (id: number) => void }) {
  const { client } = useApp();
  const { t, locale } = useT();
  const pulled = useLiveQuery('dashboard.marginRisk', { days: 30, ownerId }, DASHBOARD_DATA);
  const categories = useLiveQuery('categories.list', {}, STATIC);
  const suppliers = useLiveQuery('suppliers.list', {}, STATIC);
  const [scope, setScope] = useState('');
  const [percent, setPercent] = useState('5');
  const [result, setResult] = useState<WhatIf | null>(null);
  const error = useActionError();
  const simulate = () => {
    const [kind, id] = scope.split(':');
    client
      .call('dashboard.whatIf', {
        categoryId: kind === 'c' ? Number(id) : null,
        supplierId: kind === 's' ? Number(id) : null,
        percent: Number(percent.replace(',', '.')),
        ownerId,
      })
      .then((r) => {
        error.clear();
        setResult(r);
      }, error.fail);
  };
  const money = (v: number) => formatMoney(v, locale, 'EUR', 0);
  return (
    <section className="panel" aria-label={t('dash.risk')} data-testid="margin-risk">
      <div className="panel-head">
        <h2>{t('dash.risk')}</h2>
      </div>
      <p className="help">{t('dash.risk.help')}</p>
      <RiskGrid rows={(pulled.data as Row[] | undefined) ?? NO_ROWS} pulled name={t('dash.risk')} onOpen={onOpen} />
      <div className="toolbar subbar what-if" data-testid="what-if">
        <b>{t('dash.whatIf')}</b>
        <select aria-label={t('dash.whatIf.scope')} value={scope} onChange={(e) => setScope(e.target.value)}>
          <option value="">{t('dash.whatIf.choose')}</option>
          <optgroup label={t('dash.category')}>
            {(categories.data ?? []).map((c) => (
              <option key={`c${c.id}`} value={`c:${c.id}`}>
                {c.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('dash.supplier')}>
            {(suppliers.data ?? []).map((s) => (
              <option key={`s${s.id}`} value={`s:${s.id}`}>
                {s.name}
              </option>
            ))}
          </optgroup>
        </select>
        <label>
          {t('dash.whatIf.percent')}{' '}
          <input
            aria-label={t('dash.whatIf.percent')}
            className="short"
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && simulate()}
          />
        </label>
        <button type="button" className="btn primary" disabled={scope === ''} onClick={simulate}>
          {t('dash.whatIf.run')}
        </button>
        <ActionError text={error.text} />
        {result && (
          <span className="fresh" data-testid="what-if-summary">
            {t('dash.whatIf.summary', {
              deals: result.deals,
              falling: result.falling.length,
              before: money(result.marginBefore),
              after: money(result.marginAfter),
            })}
          </span>
        )}
      </div>
      {result && <RiskGrid rows={result.falling} pulled={false} name={t('dash.whatIf')} onOpen={onOpen} />}
    </section>
  );
}
