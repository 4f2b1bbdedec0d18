import { ErpError } from '../adapter';
import { addDays } from '../../shared/dates';
import { trytonDate, trytonDatetime, type TrytonTransport } from './transport';

/** The days past due where a line moves to an older bucket (shared/domain/ageing). */
const AGE_LIMITS = [0, 30, 60, 90];

/** `write_date` stays empty until a record's first write: changed = written since, or created since when never written. */
export const stampedSince = (prefix: string, time: string): unknown[] => [
  'OR',
  [`${prefix}write_date`, '>=', trytonDatetime(time)],
  [
    [`${prefix}write_date`, '=', null],
    [`${prefix}create_date`, '>=', trytonDatetime(time)],
  ],
];

const ids = (answer: unknown, field: string): number[] => {
  if (!Array.isArray(answer)) throw new ErpError(`Tryton did not answer a list for ${field}`, 'malformed', false);
  return [...new Set(answer.map((r) => (r as Record<string, unknown>)[field]).filter((v): v is number => Number.isInteger(v)))];
};

/**
 * What counts as a change of each entity in Tryton. Values that live in other records do not move
 * a record's own write time: a price or a cost per warehouse is its own record (MultiValue), a
 * customer's receivable comes from posted move lines and its credit from confirmed sales, a sales
 * line is history once its sale is processed. Those records' stamps count too.
 */
export function trytonChanges(t: TrytonTransport, now: () => string = () => new Date().toISOString()) {
  const searchRead = (model: string, domain: unknown[], fields: string[]) =>
    t.call(`model.${model}.search_read`, [domain, 0, null, null, fields, { active_test: false }]);

  // asked by customers and by the sales history of the same cycle: kept a minute
  let memo: { at: number; ids: Promise<number[]> } | null = null;
  const readNotCustomers = async (): Promise<number[]> => {
    const companies = ids(await searchRead('company.company', [], ['party']), 'party');
    const suppliers = ids(await searchRead('purchase.product_supplier', [], ['party']), 'party');
    const buying = new Set(ids(await searchRead('sale.sale', [['party', 'in', suppliers]], ['party']), 'party'));
    return [...companies, ...suppliers.filter((s) => !buying.has(s))];
  };

  return {
    /** Parties that are not customers: the companies' own, and suppliers that never bought anything. */
    notCustomers(): Promise<number[]> {
      if (!memo || Date.now() - memo.at > 60_000) memo = { at: Date.now(), ids: readNotCustomers() };
      const current = memo;
      // a failed read is not kept
      void current.ids.catch(() => memo === current && (memo = null));
      return current.ids;
    },

    async changedSince(entity: string, time: string): Promise<unknown[]> {
      if (entity === 'products')
        return [
          'OR',
          stampedSince('', time),
          stampedSince('template.', time),
          stampedSince('cost_prices.', time),
          stampedSince('template.list_prices.', time),
        ];
      if (entity === 'salesHistory') return ['OR', stampedSince('', time), stampedSince('sale.', time)];
      if (entity === 'customers') {
        const moved = ids(await searchRead('account.move.line', [stampedSince('', time), ['party', '!=', null]], ['party']), 'party');
        // nothing is written when an open invoice falls due or grows older: parties whose open lines crossed an age since
        const [since, today] = [time.slice(0, 10), now().slice(0, 10)];
        const crossed = AGE_LIMITS.map((k) => [
          ['maturity_date', '>=', trytonDate(addDays(since, -k))],
          ['maturity_date', '<', trytonDate(addDays(today, -k))],
        ]);
        const aged = ids(
          await searchRead(
            'account.move.line',
            [
              ['party', '!=', null],
              ['reconciliation', '=', null],
              ['account.type.receivable', '=', true],
              ['OR', ...crossed],
            ],
            ['party'],
          ),
          'party',
        );
        const sold = ids(await searchRead('sale.sale', [stampedSince('', time)], ['party']), 'party');
        return ['OR', stampedSince('', time), ['id', 'in', [...new Set([...moved, ...sold, ...aged])]]];
      }
      return stampedSince('', time);
    },
  };
}
