import { weightedSql } from '../../electron/shared/money';
import type { Output } from '../../electron/shared/contract';
import { allWordsSql, likeWords } from '../../electron/shared/text';
import type { Db } from '../client';
import { prepareCached } from './statements';
import { DAYS_IN_STAGE_SQL, STAGE_THRESHOLDS_SQL, STAGNANT_DAYS_SQL } from './stagnation';

/** Every word in the deal or its customer, in any order, as the grid's search. */
const searchSql = (words: string[]) =>
  allWordsSql(
    words,
    (p) => `o.search_text LIKE ${p} ESCAPE '\\' OR o.customer_id IN (SELECT id FROM customers WHERE search_text LIKE ${p} ESCAPE '\\')`,
    (i) => `@w${i}`,
  );

/**
 * The pipeline board: one column per open stage with the count and totals of all its deals, and
 * its most urgent cards (expected close first, then the biggest).
 */
export function readBoard(db: Db, input: { search?: string; cardsPerStage: number }, now: string): Output<'pipeline.board'> {
  const raw = db.$client;
  const words = likeWords(input.search ?? '');
  const where = words.length ? `AND ${searchSql(words)}` : '';
  const params = { ...Object.fromEntries(words.map((w, i) => [`w${i}`, w])), now, limit: input.cardsPerStage };
  const stages = prepareCached(
    raw,
    `SELECT s.id, s.name, s.probability, count(o.id) AS n, coalesce(sum(o.amount), 0) AS amount,
       coalesce(sum(${weightedSql('o.amount', 'o.probability')}), 0) AS weighted
     FROM stages s LEFT JOIN opportunities o ON o.stage_id = s.id ${where}
     WHERE s.active = 1 AND s.kind = 'open' GROUP BY s.id ORDER BY s.position`,
  ).all(params) as { id: number; name: string; probability: number; n: number; amount: number; weighted: number }[];
  const cards = prepareCached(
    raw,
    `SELECT o.id, o.reference, c.name AS customer_name, (c.on_hold OR c.credit_hold) AS on_hold, o.title, u.initials, o.amount, o.probability, o.expected_close,
       ${DAYS_IN_STAGE_SQL} AS days, ${STAGNANT_DAYS_SQL} AS stagnant_days
     FROM opportunities o JOIN stages s ON s.id = o.stage_id JOIN ${STAGE_THRESHOLDS_SQL} th ON th.stage_id = o.stage_id
       JOIN customers c ON c.id = o.customer_id LEFT JOIN users u ON u.id = o.owner_id
     WHERE o.stage_id = @stage ${where}
     ORDER BY o.expected_close IS NULL, o.expected_close, o.amount DESC, o.id LIMIT @limit`,
  );
  return {
    columns: stages.map((s) => ({
      stageId: s.id,
      stageName: s.name,
      probability: s.probability,
      count: s.n,
      amount: s.amount,
      weightedAmount: s.weighted,
      cards: (
        cards.all({ ...params, stage: s.id }) as {
          id: number;
          reference: string;
          customer_name: string;
          on_hold: number;
          title: string;
          initials: string | null;
          amount: number;
          probability: number;
          expected_close: string | null;
          days: number;
          stagnant_days: number | null;
        }[]
      ).map((c) => ({
        id: c.id,
        reference: c.reference,
        customerName: c.customer_name,
        customerOnHold: c.on_hold === 1,
        title: c.title,
        ownerInitials: c.initials,
        amount: c.amount,
        probability: c.probability,
        expectedClose: c.expected_close,
        daysInStage: c.days,
        stagnantDays: c.stagnant_days,
      })),
    })),
  };
}
