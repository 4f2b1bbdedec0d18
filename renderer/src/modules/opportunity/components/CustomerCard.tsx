import type { OpportunityDetail } from '../../../../../electron/shared/contract';
import { formatMoney, formatStamp } from '../../../../../electron/shared/format';
import { useT } from '../../../i18n';

/** The customer's credit figures as the ERP last gave them, with their freshness. */
export function CustomerCard({ customer }: { customer: OpportunityDetail['customer'] }) {
  const { t, locale } = useT();
  return (
    <div className="card" data-testid="customer-card">
      <h3>{t('opp.customer')}</h3>
      <div style={{ fontWeight: 600 }}>
        {customer.name}
        {customer.onHold && <span className="badge-hold">{t('customer.onHold')}</span>}
      </div>
      <div className="fresh" style={{ marginBottom: 6 }}>
        {customer.code} · {customer.city}
      </div>
      <dl className="kv">
        <dt>{t('opp.creditLimit')}</dt>
        <dd>{formatMoney(customer.creditLimit, locale)}</dd>
        <dt>{t('opp.outstanding')}</dt>
        <dd>{formatMoney(customer.outstanding, locale)}</dd>
        <dt>{t('opp.overdue')}</dt>
        <dd className={customer.overdue > 0 ? 'cell-bad' : ''}>{formatMoney(customer.overdue, locale)}</dd>
      </dl>
      {customer.creditAsOf && (
        <div className="fresh" style={{ marginTop: 6 }}>
          {t('opp.creditAsOf', { stamp: formatStamp(customer.creditAsOf, locale) })}
        </div>
      )}
    </div>
  );
}
