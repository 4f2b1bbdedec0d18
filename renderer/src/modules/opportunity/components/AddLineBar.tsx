import { useCallback, useRef, useState } from 'react';
import type { Output } from '../../../../../electron/shared/contract';
import { formatQty } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { PickerHits } from '../../../ui/PickerHits';
import { usePicker } from '../../../ui/use-picker';
import { useShortcut } from '../../../ui/use-shortcut';

type Hit = Output<'products.search'>[number];
type Props = { onAdd: (productId: number, qtyText: string) => Promise<unknown> };

/** Adds a line from the keyboard: type a code or a name, ↓/↑ to choose, Enter, the quantity, Enter. */
export function AddLineBar({ onAdd }: Props) {
  const { client } = useApp();
  const { t, locale } = useT();
  const [chosen, setChosen] = useState<Hit | null>(null);
  const [qtyText, setQtyText] = useState('');
  const productBox = useRef<HTMLInputElement>(null);
  const qtyBox = useRef<HTMLInputElement>(null);
  const search = useCallback((query: string) => client.call('products.search', { query, limit: 8 }), [client]);
  const { query, setQuery, hits, clearHits, active, none, onKeyDown } = usePicker(search, !chosen);
  const latest = useRef({ label: query });
  latest.current = { label: query };

  const choose = (hit: Hit | undefined) => {
    if (!hit) return;
    setChosen(hit);
    setQuery(`${hit.code} — ${hit.name}`);
    clearHits();
    setTimeout(() => qtyBox.current?.focus(), 0);
  };

  // Alt+A from anywhere in the deal: straight to the article search, past the lines' headers and cells
  const goToSearch = useCallback((e: KeyboardEvent) => {
    e.preventDefault();
    productBox.current?.focus();
    productBox.current?.select();
  }, []);
  useShortcut('Alt+A', goToSearch);

  const submit = () => {
    if (!chosen) return;
    const sent = { label: query, qty: qtyText };
    void onAdd(chosen.id, qtyText).then((ok) => {
      if (!ok) return qtyBox.current?.focus();
      // what the trader typed meanwhile (the next article) stays
      setChosen((c) => (latest.current.label === sent.label ? null : c));
      setQuery((q) => (q === sent.label ? '' : q));
      setQtyText((q) => (q === sent.qty ? '' : q));
      if (latest.current.label === sent.label) productBox.current?.focus();
    });
  };

  return (
    <div className="add-line" data-no-escape>
      <div className="picker">
        <input
          ref={productBox}
          type="search"
          aria-label={t('line.addProduct')}
          placeholder={t('line.addProduct')}
          value={query}
          maxLength={200}
          onChange={(e) => {
            setChosen(null);
            setQuery(e.target.value);
          }}
          onKeyDown={(e) => onKeyDown(e, choose)}
        />
        <PickerHits
          hits={hits}
          active={active}
          none={none}
          onPick={choose}
          render={(h) => (
            <>
              <b>{h.code}</b> {h.name} <span className="fresh">· {formatQty(h.available, locale, h.unit)}</span>
            </>
          )}
        />
      </div>
      <input
        ref={qtyBox}
        aria-label={t('line.addQty')}
        placeholder={chosen ? `${t('line.addQty')} (${chosen.unit})` : t('line.addQty')}
        value={qtyText}
        onChange={(e) => setQtyText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && submit()}
        style={{ width: 130 }}
      />
      <button type="button" className="btn" disabled={!chosen} onClick={submit}>
        {t('line.add')}
      </button>
      <span className="fresh">{t('line.keys')}</span>
    </div>
  );
}
