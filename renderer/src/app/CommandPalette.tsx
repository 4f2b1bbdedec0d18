import { useEffect, useRef, useState } from 'react';
import { foldForSearch } from '../../../electron/shared/text';
import { formatMoney, formatQty } from '../../../electron/shared/format';
import { useT, type T } from '../i18n';
import { useDebounced } from '../ui/use-debounced';
import { useApp } from './client-context';
import type { Route } from './route';
import { handSearch } from './search-handoff';

/** One thing the palette can do: go to a screen, open a deal, show a customer's deals or a product's shortages, run an action. */
export type Command = { key: string; group: 'screen' | 'action' | 'deal' | 'customer' | 'product'; label: string; hint?: string; run: () => void };

const SCREENS: { area: Route['area']; label: Parameters<T>[0] }[] = [
  { area: 'opportunities', label: 'nav.opportunities' },
  { area: 'activities', label: 'nav.activities' },
  { area: 'dashboard', label: 'nav.dashboard' },
  { area: 'board', label: 'nav.board' },
  { area: 'purchasing', label: 'nav.purchasing' },
  { area: 'finance', label: 'nav.finance' },
  { area: 'sync', label: 'nav.sync' },
  { area: 'settings', label: 'nav.settings' },
];

/** Every word of the query in the label, in any order (as the grids search). */
function matches(label: string, query: string): boolean {
  const text = foldForSearch(label);
  return foldForSearch(query)
    .split(' ')
    .every((w) => text.includes(w));
}

/** The commands that always exist: screens and actions, those matching the query. */
function fixedCommands(query: string, t: T, go: (r: Route) => void, runSync: () => void): Command[] {
  const screens: Command[] = SCREENS.map((s) => ({
    key: `screen:${s.area}`,
    group: 'screen',
    label: t(s.label),
    run: () => go({ area: s.area } as Route),
  }));
  const actions: Command[] = [
    { key: 'action:new', group: 'action', label: t('palette.newDeal'), run: () => go({ area: 'new' }) },
    { key: 'action:sync', group: 'action', label: t('palette.syncNow'), run: runSync },
  ];
  return [...screens, ...actions].filter((c) => matches(c.label, query));
}

/** `Ctrl+K` anywhere: a deal by reference or title, a customer, a product, a screen or an action; ↑/↓ and Entrée, Échap closes. */
export function CommandPalette({ onClose, go }: { onClose: () => void; go: (r: Route) => void }) {
  const { client } = useApp();
  const { t, locale } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Command[]>([]);
  const [active, setActive] = useState(0);
  const [searched, setSearched] = useState('');
  const settled = useDebounced(query, 100);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  useEffect(() => {
    const q = settled.trim();
    if (!q) return (setFound([]), setSearched(''));
    let current = true;
    void Promise.all([
      client.call('opportunities.list', { search: q, limit: 6, withTotals: false }),
      client.call('customers.search', { query: q, limit: 4 }),
      client.call('products.search', { query: q, limit: 4 }),
    ]).then(([deals, customers, products]) => {
      if (!current) return;
      setFound([
        ...deals.rows.map((d): Command => ({
          key: `deal:${d.id}`,
          group: 'deal',
          label: `${d.reference} — ${d.title}`,
          hint: `${d.customerName} · ${d.stageName} · ${formatMoney(d.amount, locale)}`,
          run: () => go({ area: 'opportunity', id: d.id }),
        })),
        ...customers.map((c): Command => ({
          key: `customer:${c.id}`,
          group: 'customer',
          label: `${c.name} (${c.code})`,
          hint: `${c.city} · ${t('palette.customerDeals')}`,
          run: () => (handSearch('opportunities', c.code), go({ area: 'opportunities' })),
        })),
        ...products.map((p): Command => ({
          key: `product:${p.id}`,
          group: 'product',
          label: `${p.code} — ${p.name}`,
          hint: `${formatQty(p.available, locale, p.unit)} · ${t('palette.productPurchasing')}`,
          run: () => (handSearch('purchasing', p.code), go({ area: 'purchasing' })),
        })),
      ]);
      setSearched(q);
    });
    return () => {
      current = false;
    };
  }, [client, settled, go, locale, t]);

  const runSync = () =>
    void client.call('sync.runNow', {}).then(
      () => go({ area: 'sync' }),
      () => go({ area: 'sync' }),
    );
  const commands = [...fixedCommands(query.trim(), t, go, runSync), ...(query.trim() === settled.trim() ? found : [])];
  const pick = (c: Command | undefined) => {
    if (!c) return;
    onClose();
    c.run();
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, commands.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter') pick(commands[Math.min(active, commands.length - 1)]);
    else return;
    e.preventDefault();
  };
  const none = query.trim() !== '' && searched === query.trim() && commands.length === 0;

  return (
    <dialog ref={dialog} className="palette" aria-label={t('palette.title')} onClose={onClose} onKeyDown={onKeyDown} data-testid="palette">
      <input
        autoFocus
        type="search"
        aria-label={t('palette.title')}
        placeholder={t('palette.placeholder')}
        value={query}
        maxLength={200}
        onChange={(e) => (setQuery(e.target.value), setActive(0))}
      />
      <ul role="listbox" aria-label={t('palette.title')}>
        {commands.map((c, i) => (
          <li key={c.key} role="option" aria-selected={i === active} onMouseDown={() => pick(c)}>
            <span className="palette-group">{t(`palette.group.${c.group}`)}</span> {c.label}
            {c.hint && <span className="fresh"> · {c.hint}</span>}
          </li>
        ))}
        {none && <li className="fresh">{t('palette.none', { query: query.trim() })}</li>}
      </ul>
    </dialog>
  );
}
