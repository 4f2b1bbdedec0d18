import type { OpportunityHistory } from '../../../../../electron/shared/contract';
import { formatDate, formatQty, formatRate, formatStamp, formatUnitPrice, type Locale } from '../../../../../electron/shared/format';
import { useT, type MessageKey, type T } from '../../../i18n';
import { fr } from '../../../i18n/fr';
import { Timeline } from '../../activities/components/Timeline';
import { useLiveQuery } from '../../../ui/use-live-query';

/** An audited value as the trader reads it: money, quantities, rates and days in their units and language, not fixed point or ISO. */
function show(field: string | null, v: unknown, locale: Locale): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (field === 'unitPrice') return formatUnitPrice(v, locale);
    if (field === 'qty') return formatQty(v, locale);
    if (field === 'discount') return formatRate(v, locale);
    return String(v);
  }
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, locale) : v;
  return JSON.stringify(v);
}
type Entry = OpportunityHistory['audit'][number];

/** A line added or removed, as a trader reads it: product, quantity, price. */
function lineRecord(a: Entry, t: T, locale: Locale): string | null {
  const rec = (a.action === 'create' ? a.newValue : a.action === 'delete' ? a.oldValue : null) as Record<string, unknown> | null;
  if (!rec || typeof rec !== 'object') return null;
  if (a.entity === 'opportunity' && a.action === 'create') return `${t('history.dealCreated')} : ${typeof rec.title === 'string' ? rec.title : ''}`;
  if (a.entity !== 'opportunity_line') return null;
  const parts = [typeof rec.productId === 'string' || typeof rec.productId === 'number' ? String(rec.productId) : ''];
  if (typeof rec.qty === 'number') parts.push(formatQty(rec.qty, locale));
  if (typeof rec.unitPrice === 'number') parts.push(formatUnitPrice(rec.unitPrice, locale));
  if (typeof rec.warehouseId === 'string') parts.push(rec.warehouseId);
  return `${t(a.action === 'create' ? 'history.lineAdded' : 'history.lineRemoved')} : ${parts.join(' · ')}`;
}

const HISTORY_DATA = ['opportunities'];

/** The deal's timeline (stage changes, activities, notes, automation…) and its audit trail, newest first. */
export function HistoryPanel({ id, customerId, warehouses }: { id: number; customerId: number; warehouses: { id: number; code: string }[] }) {
  const { t, locale } = useT();
  const codes = new Map(warehouses.map((w) => [w.id, w.code]));
  const history: OpportunityHistory | null = useLiveQuery('opportunity.history', { id }, HISTORY_DATA, { id }).data ?? null;
  const fieldLabel = (field: string | null, action: string) => {
    const key = `field.${field}` as MessageKey;
    return field && key in fr ? t(key) : (field ?? action);
  };
  if (!history) return null;
  return (
    <div className="history" data-testid="opportunity-history">
      <Timeline subject={{ opportunityId: id }} customerId={customerId} warehouses={codes} />
      <div className="card">
        <h3>{t('history.audit')}</h3>
        {history.audit.length === 0 && <p className="fresh">{t('history.none')}</p>}
        <ol className="timeline">
          {history.audit.map((a, i) => (
            <li key={i}>
              <span className="fresh">{formatStamp(a.at, locale)}</span> {a.entity === 'opportunity_line' ? `${t('history.line')} · ` : ''}
              {lineRecord(a, t, locale) ?? (
                <>
                  <b>{fieldLabel(a.field, a.action)}</b> {show(a.field, a.oldValue, locale)} → {show(a.field, a.newValue, locale)}
                </>
              )}
              <span className="fresh">
                {' '}
                · {a.by ?? '—'} ({t(`history.source.${a.source}`)})
              </span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
