import { useCallback, useEffect, useState } from 'react';
import type { Input, Output } from '../../../../../electron/shared/contract';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { PickerHits } from '../../../ui/PickerHits';
import { usePicker } from '../../../ui/use-picker';
import { RateInput } from './RateInput';

type Customer = Output<'customers.search'>[number];
type Props = { onSave: (input: Input<'marginRules.save'>) => void; onInvalid: (field: string) => void };

/** Adds a category or customer rule: choose the scope, the category (list) or the customer (search), then the figures. */
export function NewMarginRule({ onSave, onInvalid }: Props) {
  const { client } = useApp();
  const { t } = useT();
  const [scope, setScope] = useState<'category' | 'customer'>('category');
  const [categories, setCategories] = useState<Output<'categories.list'>>([]);
  const [scopeId, setScopeId] = useState<number | null>(null);
  const [figures, setFigures] = useState<{ targetRate: number | null; minimumRate: number | null }>({ targetRate: null, minimumRate: null });
  const search = useCallback((query: string) => client.call('customers.search', { query, limit: 8 }), [client]);
  const picker = usePicker<Customer>(search, scope === 'customer' && scopeId === null);

  useEffect(() => void client.call('categories.list', {}).then(setCategories), [client]);

  const pickCustomer = (c: Customer | undefined) => {
    if (!c) return;
    setScopeId(c.id);
    picker.setQuery(`${c.code} — ${c.name}`);
    picker.clearHits();
  };
  const ready = scopeId !== null && figures.targetRate !== null && figures.minimumRate !== null;

  return (
    <div className="add-line" data-testid="new-margin-rule">
      <select
        aria-label={t('rules.scope')}
        value={scope}
        onChange={(e) => {
          setScope(e.target.value as typeof scope);
          setScopeId(null);
          picker.setQuery('');
        }}
      >
        <option value="category">{t('rules.scope.category')}</option>
        <option value="customer">{t('rules.scope.customer')}</option>
      </select>
      {scope === 'category' ? (
        <select
          aria-label={t('rules.scope.category')}
          value={scopeId ?? ''}
          onChange={(e) => setScopeId(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">{t('rules.pickCategory')}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.parentId === null ? '' : '\u00a0\u00a0'}
              {c.code} — {c.name}
            </option>
          ))}
        </select>
      ) : (
        <div className="picker">
          <input
            type="search"
            aria-label={t('rules.scope.customer')}
            placeholder={t('rules.searchCustomer')}
            value={picker.query}
            maxLength={200}
            onChange={(e) => {
              setScopeId(null);
              picker.setQuery(e.target.value);
            }}
            onKeyDown={(e) => picker.onKeyDown(e, pickCustomer)}
          />
          <PickerHits hits={picker.hits} active={picker.active} onPick={pickCustomer} render={(c) => `${c.code} — ${c.name} (${c.city})`} />
        </div>
      )}
      <RateInput
        label={t('rules.target')}
        value={figures.targetRate}
        onCommit={(targetRate) => setFigures((f) => ({ ...f, targetRate }))}
        onInvalid={() => onInvalid(t('rules.target'))}
      />
      <RateInput
        label={t('rules.minimum')}
        value={figures.minimumRate}
        onCommit={(minimumRate) => setFigures((f) => ({ ...f, minimumRate }))}
        onInvalid={() => onInvalid(t('rules.minimum'))}
      />
      <button
        type="button"
        className="btn"
        disabled={!ready}
        onClick={() => {
          if (!ready) return;
          onSave({ scope, scopeId, targetRate: figures.targetRate!, minimumRate: figures.minimumRate! });
          setScopeId(null);
          picker.setQuery('');
          setFigures({ targetRate: null, minimumRate: null });
        }}
      >
        {t('rules.add')}
      </button>
    </div>
  );
}
