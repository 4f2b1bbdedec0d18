import { useCallback, useRef, type KeyboardEvent } from 'react';
import type { Output } from '../../../../../electron/shared/contract';
import { formatDate, formatQty, formatRate, formatUnitPrice } from '../../../../../electron/shared/format';
import { useT } from '../../../i18n';
import { useLiveQuery } from '../../../ui/use-live-query';
import { useShortcut } from '../../../ui/use-shortcut';

type Suggestion = Output<'opportunity.suggestions'>[number];
const DATA = ['opportunities', 'stock', 'products', 'supplierPrices', 'salesHistory', 'settings', 'rules'];

/**
 * Cross-sell and up-sell (issue 14): the customer's usual products not bought lately, and what
 * others buy with this deal's products — only those in stock at the deal's warehouse by its date
 * and at or above their margin target, with why. `Alt+S` goes to the list, ↑↓ choose, `Entrée` adds.
 */
export function SuggestionsPanel({
  opportunityId,
  warehouses,
  onAdd,
}: {
  opportunityId: number;
  warehouses: { id: number; code: string }[];
  onAdd: (s: Suggestion) => void;
}) {
  const { t, locale } = useT();
  const list = useLiveQuery('opportunity.suggestions', { id: opportunityId }, DATA, { id: opportunityId });
  const box = useRef<HTMLUListElement>(null);
  const focusFirst = useCallback((e: KeyboardEvent | globalThis.KeyboardEvent) => {
    e.preventDefault();
    box.current?.querySelector<HTMLElement>('li[tabindex]')?.focus();
  }, []);
  useShortcut('Alt+S', focusFirst);
  const rows = list.data ?? [];
  if (rows.length === 0) return null;
  const onKey = (e: KeyboardEvent<HTMLLIElement>, s: Suggestion) => {
    const li = e.currentTarget;
    if (e.key === 'Enter') onAdd(s);
    else if (e.key === 'ArrowDown') (li.nextElementSibling as HTMLElement | null)?.focus();
    else if (e.key === 'ArrowUp') (li.previousElementSibling as HTMLElement | null)?.focus();
    else return;
    e.preventDefault();
  };
  const why = (s: Suggestion) =>
    s.kind === 'usual' ? t('sugg.usual', { n: s.orders, date: formatDate(s.lastDate, locale) }) : t('sugg.together', { n: s.orders });
  const where = (id: number | null) => warehouses.find((w) => w.id === id)?.code ?? '—';
  return (
    <section className="card suggestions" aria-label={t('sugg.title')} data-testid="suggestions">
      <h3>
        {t('sugg.title')} <span className="fresh">{t('sugg.keys')}</span>
      </h3>
      <ul ref={box}>
        {rows.map((s) => (
          <li key={s.productId} tabIndex={0} onKeyDown={(e) => onKey(e, s)} data-testid={`sugg-${s.code}`}>
            <span className="what">
              <b>{s.code}</b> {s.name}
            </span>
            <span className="why" title={why(s)}>
              {why(s)}
            </span>
            <span className="num">
              {formatQty(s.qty, locale, s.unit)} × {formatUnitPrice(s.unitPrice, locale)} ({t(`sugg.price.${s.priceFrom}`)})
            </span>
            <span className="num" title={t('sugg.margin.help', { target: formatRate(s.targetRate, locale) })}>
              {t('sugg.margin', { rate: formatRate(s.marginRate, locale) })}
            </span>
            <span className="num">{t('sugg.available', { qty: formatQty(s.available, locale, s.unit), wh: where(s.warehouseId) })}</span>
            <button type="button" className="btn" onClick={() => onAdd(s)}>
              {t('sugg.add')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
