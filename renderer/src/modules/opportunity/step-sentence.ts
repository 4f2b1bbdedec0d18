import type { OpportunityHistory } from '../../../../electron/shared/contract';
import { formatDate, formatMoney, formatRate, type Locale } from '../../../../electron/shared/format';
import type { MessageKey, T } from '../../i18n';

type Entry = OpportunityHistory['timeline'][number];
type Warehouses = Map<number, string>;

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

/** The warehouses a list of allocations goes to, by code: « ORL, LYO ». */
function warehouseCodes(items: Record<string, unknown>[], warehouses: Warehouses): string[] {
  return [...new Set(items.map((i) => warehouses.get(num(i.warehouseId)) ?? '?'))];
}

function creditSentence(d: Record<string, unknown>, t: T, locale: Locale): string {
  if (d.state === 'approved') return t('log.credit.approved');
  if (d.state === 'approval') return t('log.credit.approval', { over: formatMoney(-num(d.headroom), locale) });
  return t('log.credit.ok', { headroom: formatMoney(num(d.headroom), locale) });
}

function marginSentence(d: Record<string, unknown>, t: T, locale: Locale): string {
  const rate = formatRate(typeof d.marginRate === 'number' ? d.marginRate : null, locale);
  if (d.state === 'approved') return t('log.margin.approved', { rate });
  if (d.state === 'ok') return t('log.margin.ok', { rate });
  if (d.state === 'below_target') return t('log.margin.belowTarget', { rate });
  return t('log.margin.approval', { rate });
}

function saleOrderSentence(e: Entry, t: T): string {
  if (e.data.already) return t('log.saleOrder.already');
  if (e.saleOrder?.status === 'done') return t('log.saleOrder.done', { ref: e.saleOrder.erpRef ?? '—' });
  if (e.saleOrder?.status === 'failed') return t('log.saleOrder.failed');
  if (e.saleOrder?.status === 'cancelled') return t('log.saleOrder.cancelled');
  return t('log.saleOrder.queued', { n: num(e.data.lines) });
}

/**
 * One automation step as a sentence for the people on the deal, with units and references
 * (« Stock réservé : 6 lignes dans 2 dépôts (ORL, LYO) », « Commande client envoyée à l’ERP :
 * SO-0042 »), never the figures' internal names.
 */
export function stepSentence(e: Entry, t: T, locale: Locale, warehouses: Warehouses): string {
  const d = e.data;
  const role = (r: unknown) => t(`role.${text(r) || 'trader'}` as MessageKey);
  const again = d.recheck ? ` ${t('log.recheck')}` : '';
  switch (e.step) {
    case 'check_credit':
      return creditSentence(d, t, locale) + again;
    case 'check_margin':
      return marginSentence(d, t, locale) + again;
    case 'reserve_stock': {
      const made = list(d.reservations);
      if (made.length === 0) return t('log.reserve.none');
      const codes = warehouseCodes(made, warehouses);
      return t('log.reserve.made', { lines: new Set(made.map((m) => num(m.line))).size, n: codes.length, codes: codes.join(', ') });
    }
    case 'raise_shortages': {
      const raised = list(d.shortages);
      if (raised.length === 0) return t('log.shortages.none');
      const soonest = raised.map((s) => text(s.neededBy)).sort()[0] ?? '';
      return t('log.shortages.raised', { n: raised.length, date: formatDate(soonest, locale) });
    }
    case 'queue_sale_order':
      return saleOrderSentence(e, t);
    case 'create_task':
      return t(d.created === false ? 'log.task.open' : 'log.task.created', { role: role(d.role), title: text(d.title) });
    case 'notify':
      return t('log.notify', { role: role(d.role), title: text(d.title) });
    case 'release':
      return t('log.release', { reservations: num(d.reservations), shortages: num(d.shortages) });
    case 'resume_blocked':
      return t('log.resumeBlocked');
    case 'approval_refused':
      return t('log.approvalRefused');
    default:
      return '';
  }
}
