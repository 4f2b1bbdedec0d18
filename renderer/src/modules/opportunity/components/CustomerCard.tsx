import type { OpportunityDetail } from '../../../../../electron/shared/contract';
import { formatDate, formatQty, formatMoney, formatStamp } from '../../../../../electron/shared/format';
import { useState } from 'react';
import { useT } from '../../../i18n';
import { ActivityForm } from '../../activities/components/ActivityForm';
import { AGE_BUCKETS, knownAgeing } from '../../../../../electron/shared/domain/ageing';

const CREDIT_CLASS = { ok: '', warn: 'cell-warn', approval: 'cell-bad', blocked: 'cell-bad' } as const;

/** The customer's credit as the ERP last gave it, the headroom this deal leaves, and what they bought lately. */
export function CustomerCard({ opp }: { opp: OpportunityDetail }) {
  const { t, locale } = useT();
  const { customer, customerPanel: panel } = opp;
  const money = (m: number) => formatMoney(m, locale);
  const [planning, setPlanning] = useState(false);
  return (
    <div className="card customer-card" data-testid="customer-card">
      <div>
        <h3>{t('opp.customer')}</h3>
        <div style={{ fontWeight: 600 }}>
          {customer.name}
          {customer.onHold && <span className="badge-hold">{t('customer.onHold')}</span>}
        </div>
        <div className="fresh" style={{ marginBottom: 6 }}>
          {customer.code} · {customer.city}{' '}
          <button type="button" className="btn" onClick={() => setPlanning(true)} data-testid="customer-activity">
            {t('act.forCustomer')}
          </button>
        </div>
        {planning && (
          <ActivityForm
            on={{ customerId: customer.id, label: customer.name }}
            onSaved={() => setPlanning(false)}
            onClose={() => setPlanning(false)}
          />
        )}
        <div className={CREDIT_CLASS[panel.creditState]} data-testid="credit-state">
          {t(`credit.${panel.creditState}`)}
        </div>
        <dl className="kv">
          <dt>{t('opp.creditLimit')}</dt>
          <dd>{money(customer.creditLimit)}</dd>
          <dt>{t('opp.outstanding')}</dt>
          <dd>{money(customer.outstanding)}</dd>
          <dt>{t('opp.overdue')}</dt>
          <dd className={customer.overdue > 0 ? 'cell-bad' : ''}>{money(customer.overdue)}</dd>
          {customer.overdue > 0 && knownAgeing(customer.overdue, customer.ageing) && (
            <>
              <dt className="sub">{t('opp.ageing')}</dt>
              <dd className="sub" data-testid="overdue-ageing">
                {AGE_BUCKETS.map((b, i) => (customer.ageing[i] ? t('opp.ageBucket', { days: b, amount: money(customer.ageing[i]) }) : null))
                  .filter(Boolean)
                  .join(' · ')}
              </dd>
            </>
          )}
          <dt>{t('panel.openOrders')}</dt>
          <dd>{money(panel.openOrders)}</dd>
          <dt>{t('panel.otherCommitted')}</dt>
          <dd>{money(panel.otherCommitted)}</dd>
          <dt>{t('panel.headroom')}</dt>
          <dd className={panel.headroom < 0 ? 'cell-bad' : ''}>{money(panel.headroom)}</dd>
          <dt>{t('panel.pipeline')}</dt>
          <dd>{money(panel.otherPipelineWeighted)}</dd>
          <dt>{t('panel.headroomPipeline')}</dt>
          <dd className={panel.headroomWithPipeline < 0 ? 'cell-bad' : ''}>{money(panel.headroomWithPipeline)}</dd>
          <dt>{t('panel.avgDaysLate')}</dt>
          <dd>{t('panel.days', { days: panel.avgDaysLate })}</dd>
        </dl>
        {customer.creditAsOf && (
          <div className="fresh" style={{ marginTop: 6 }}>
            {t('opp.creditAsOf', { stamp: formatStamp(customer.creditAsOf, locale) })}
          </div>
        )}
      </div>
      <div>
        <h3>{t('panel.lastOrders')}</h3>
        <dl className="kv">
          {panel.lastOrders.slice(0, 4).map((o) => (
            <div key={o.orderRef} style={{ display: 'contents' }}>
              <dt>
                {formatDate(o.date, locale)} · {o.orderRef}
              </dt>
              <dd>{money(o.amount)}</dd>
            </div>
          ))}
        </dl>
        {panel.topProducts.length > 0 && (
          <>
            <h3 style={{ marginTop: 10 }}>{t('panel.topProducts')}</h3>
            <dl className="kv" data-testid="top-products">
              {panel.topProducts.map((p) => (
                <div key={p.productId} style={{ display: 'contents' }}>
                  <dt title={p.name}>
                    {p.code} · {formatQty(p.qty, locale, p.unit)}
                  </dt>
                  <dd>{money(p.amount)}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </div>
    </div>
  );
}
