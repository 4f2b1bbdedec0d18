import { useCallback, useRef, useState } from 'react';
import type { Output } from '../../../../../electron/shared/contract';
import { formatMoney } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { ActionError } from '../../../ui/ActionError';
import { DateField } from '../../../ui/DateField';
import { PickerHits } from '../../../ui/PickerHits';
import { usePicker } from '../../../ui/use-picker';
import { errorText } from '../../../ui/errors';

type Hit = Output<'customers.search'>[number];

/** A new deal from the keyboard: find the customer (name, code or city), a title, a close date, Enter. */
export function NewOpportunity({ onCreated, onCancel }: { onCreated: (id: number) => void; onCancel: () => void }) {
  const { client } = useApp();
  const { t, locale } = useT();
  const [customer, setCustomer] = useState<Hit | null>(null);
  const [title, setTitle] = useState('');
  const [close, setClose] = useState<string | null>(null);
  // Enter right after the last key: the submit reads the day typed, not the render before it
  const closeNow = useRef<string | null>(null);
  const changeClose = (d: string | null) => {
    closeNow.current = d;
    setClose(d);
  };
  const [error, setError] = useState<string | null>(null);
  const titleBox = useRef<HTMLInputElement>(null);
  const search = useCallback((query: string) => client.call('customers.search', { query, limit: 8 }), [client]);
  const { query, setQuery, hits, clearHits, active, none, onKeyDown } = usePicker(search, !customer);

  const choose = (hit: Hit | undefined) => {
    if (!hit) return;
    setCustomer(hit);
    setQuery(`${hit.name} (${hit.code}, ${hit.city})`);
    clearHits();
    titleBox.current?.focus();
  };

  const create = (e: React.FormEvent) => {
    e.preventDefault();
    if (!customer) return setError(t('new.pickCustomer'));
    client.call('opportunity.create', { customerId: customer.id, title, expectedClose: closeNow.current }).then(
      (o) => onCreated(o.id),
      (err: unknown) => setError(errorText(err, t)),
    );
  };

  return (
    <>
      <div className="toolbar">
        <button type="button" className="btn" onClick={onCancel}>
          {t('opp.back')}
        </button>
        <h1>{t('new.title')}</h1>
      </div>
      <div className="page">
        <form className="form card add-line" style={{ display: 'grid' }} onSubmit={create} data-testid="new-opportunity">
          <label htmlFor="new-customer">{t('new.customer')}</label>
          <div className="picker">
            <input
              id="new-customer"
              type="search"
              autoFocus
              placeholder={t('new.customerSearch')}
              value={query}
              maxLength={200}
              onChange={(e) => {
                setCustomer(null);
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
                  <b>{h.name}</b>{' '}
                  <span className="fresh">
                    {h.code} · {h.city} · {formatMoney(h.outstanding, locale, 'EUR', 0)}
                  </span>
                  {h.onHold && <span className="badge-hold">{t('customer.onHold')}</span>}
                </>
              )}
            />
          </div>
          <label htmlFor="new-title">{t('new.dealTitle')}</label>
          <input id="new-title" ref={titleBox} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          <label htmlFor="new-close">{t('new.expectedClose')}</label>
          <DateField id="new-close" live label={t('new.expectedClose')} value={close} onChange={changeClose} />
          <span />
          <span>
            <button type="submit" className="btn">
              {t('new.create')}
            </button>
            <ActionError text={error} />
          </span>
        </form>
      </div>
    </>
  );
}
