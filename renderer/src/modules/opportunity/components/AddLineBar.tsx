import { useCallback, useRef, useState } from 'react';
import type { Output } from '../../../../../electron/shared/contract';
import { formatQty } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { PickerHits } from '../../../ui/PickerHits';
import { usePicker } from '../../../ui/use-picker';

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
  const { query, setQuery, hits, clearHits, active, onKeyDown } = usePicker(search, !chosen);

  const choose = (hit: Hit | undefined) => {
    if (!hit) return;
    setChosen(hit);
    setQuery(`${hit.code} — ${hit.name}`);
    clearHits();
    setTimeout(() => qtyBox.current?.focus(), 0);
  };

  const submit = () => {
    if (!chosen) return;
    void onAdd(chosen.id, qtyText).then((ok) => {
      if (!ok) return qtyBox.current?.focus();
      setChosen(null);
      setQuery('');
      setQtyText('');
      productBox.current?.focus();
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
