import type { Db } from '../../db/client';
import { insertActivity } from '../../db/queries/activities';
import type { AtRisk } from '../../db/queries/margin-risk';
import type { GuardState } from '../shared/domain/guards';
import { getSettings } from './settings';

const WORDS = {
  fr: {
    below_target: 'sous l’objectif',
    below_minimum: 'sous le minimum',
    below_cost: 'sous le coût',
    title: (ref: string, customer: string, state: string) => `Marge ${state} après une hausse de coût — ${ref} ${customer}`,
  },
  en: {
    below_target: 'below target',
    below_minimum: 'below minimum',
    below_cost: 'below cost',
    title: (ref: string, customer: string, state: string) => `Margin ${state} after a cost rise — ${ref} ${customer}`,
  },
} as const;

/**
 * The owners of deals a pull put at risk get a follow-up, made once per deal, state and day (its
 * occasion, so desks pulling the same ERP make one team row); answers what to tell the desk.
 */
export function followUpMarginRisk(db: Db, atRisk: AtRisk[], at: string): { opportunityId: number; ownerId: number | null; message: string }[] {
  const words = WORDS[getSettings(db).locale];
  const seen = db.$client.prepare('SELECT 1 FROM activities WHERE occasion = ?').pluck();
  return atRisk.map((r) => {
    const state = words[r.after.state as Exclude<GuardState, 'ok'>];
    const title = words.title(r.reference, r.customerName, state);
    const occasion = `margin|${r.uid}|${r.after.state}|${at.slice(0, 10)}`;
    if (!seen.get(occasion))
      insertActivity(db, {
        kind: 'follow_up',
        title,
        notes: '',
        dueAt: at,
        ownerId: r.ownerId,
        role: r.ownerId === null ? 'manager' : null,
        opportunityId: r.id,
        customerId: r.customerId,
        recurrence: null,
        source: 'margin',
        occasion,
        doneAt: null,
        doneBy: null,
        outcome: null,
        createdAt: at,
        createdBy: null,
      });
    return { opportunityId: r.id, ownerId: r.ownerId, message: title };
  });
}
