import { ErpError } from '../adapter';
import { addDays } from '../../shared/dates';
import { trytonDate, trytonDatetime, type TrytonTransport } from './transport';

/** The parties that are not customers are read whole again after this long, whatever the stamps say. */
const REREAD_MS = 6 * 3_600_000;

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

  const searchAny = async (model: string, domain: unknown[]) =>
    ((await t.call(`model.${model}.search`, [domain, 0, 1, null, { active_test: false }])) as unknown[]).length > 0;

  /** asked by customers and by the sales history of each cycle: read again when what it comes from was written, and every few hours */
  type Memo = { at: number; checkedAt: number; readAt: string | null; suppliers: number[]; ids: number[] };
  let memo: Memo | null = null;
  let reading: Promise<number[]> | null = null;
  const readNotCustomers = async (): Promise<number[]> => {
    const readAt = t.serverNow();
    const companies = ids(await searchRead('company.company', [], ['party']), 'party');
    const suppliers = ids(await searchRead('purchase.product_supplier', [], ['party']), 'party');
    const buying = new Set(ids(await searchRead('sale.sale', [['party', 'in', suppliers]], ['party']), 'party'));
    const notCustomers = [...companies, ...suppliers.filter((s) => !buying.has(s))];
    memo = { at: Date.now(), checkedAt: Date.now(), readAt, suppliers, ids: notCustomers };
    return notCustomers;
  };
  /** the parties are the same while no supplier was added or changed and no supplier bought anything */
  const stillValid = async (m: Memo): Promise<boolean> => {
    if (!m.readAt || Date.now() - m.at > REREAD_MS) return false;
    if (Date.now() - m.checkedAt < 60_000) return true;
    const readAt = t.serverNow();
    const changed =
      (await searchAny('purchase.product_supplier', [stampedSince('', m.readAt)])) ||
      (await searchAny('sale.sale', [stampedSince('', m.readAt), ['party', 'in', m.suppliers]]));
    if (changed) return false;
    Object.assign(m, { checkedAt: Date.now(), readAt: readAt ?? m.readAt });
    return true;
  };

  return {
    /** Parties that are not customers: the companies' own, and suppliers that never bought anything. */
    async notCustomers(): Promise<number[]> {
      if (memo && (await stillValid(memo))) return memo.ids;
      // one read at a time; a failed one is not kept
      reading ??= readNotCustomers().finally(() => (reading = null));
      return reading;
    },

    /**
     * The storable products whose stock at today's date may have moved since `time`: those of a move
     * written since (created, done, cancelled, re-dated), and of a done move dated after the day of
     * `time` that today now counts. A done move cannot be deleted in Tryton.
     */
    async stockMovedSince(time: string): Promise<number[]> {
      const [since, today] = [time.slice(0, 10), now().slice(0, 10)];
      const moved = await searchRead(
        'stock.move',
        [
          ['product.type', '=', 'goods'],
          [
            'OR',
            stampedSince('', time),
            [
              ['state', '=', 'done'],
              ['effective_date', '>', trytonDate(since)],
              ['effective_date', '<=', trytonDate(today)],
            ],
          ],
        ],
        ['product'],
      );
      return ids(moved, 'product').sort((a, b) => a - b);
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
