import { readTimelineFeed } from '../../db/queries/timeline';
import type { Handlers } from '../shared/rpc';
import type { Activities } from './activities';
import type { Documents } from './documents';
import { quotePdf } from './quote-pdf';
import { getSettings } from './settings';
import type { Actor, CoreContext } from './context';

type Tools = { actor: () => Actor; changed: (entities: string[], ids?: number[]) => void; activities: Activities; documents: Documents };
type ActivityMethods =
  | 'activities.list'
  | 'activities.counts'
  | 'activities.create'
  | 'activities.update'
  | 'activities.done'
  | 'activities.reopen'
  | 'activities.snooze'
  | 'activities.delete'
  | 'activities.reminders'
  | 'reminderRules.list'
  | 'reminderRules.save'
  | 'reminderRules.delete'
  | 'timeline.list'
  | 'timeline.addNote'
  | 'timeline.logEmail'
  | 'documents.attach'
  | 'quote.pdf'
  | 'documents.fetch';

/** What a change to activities touches: the lists, the deals' next action, the timelines. */
const ACTIVITY_DATA = ['activities', 'opportunities', 'timeline'];

/** Activities, reminder rules and the timeline (issue 13): one map for the domain. */
export function activityHandlers(ctx: CoreContext, t: Tools): Pick<Handlers, ActivityMethods> {
  const { activities } = t;
  const touched = <R extends { opportunityId: number | null }>(row: R): R => {
    t.changed(ACTIVITY_DATA, row.opportunityId === null ? undefined : [row.opportunityId]);
    return row;
  };
  return {
    'activities.list': (input) => activities.list(input),
    'activities.counts': () => activities.counts(),
    'activities.create': (input) => touched(activities.create(input, t.actor())),
    'activities.update': (input) => touched(activities.update(input)),
    'activities.done': (input) => touched(activities.done(input, t.actor())),
    'activities.reopen': ({ id }) => touched(activities.reopen(id)),
    'activities.snooze': (input) => touched(activities.snooze(input)),
    'activities.delete': ({ id }) => {
      activities.remove(id);
      t.changed(ACTIVITY_DATA);
      return {};
    },
    'activities.reminders': () => activities.reminders(),
    'reminderRules.list': () => activities.rules(),
    'reminderRules.save': (input) => {
      activities.saveRule(input, activities.person(), t.actor());
      t.changed(['rules']);
      return activities.rules();
    },
    'reminderRules.delete': ({ id }) => {
      activities.removeRule(id, activities.person(), t.actor());
      t.changed(['rules']);
      return activities.rules();
    },
    'timeline.list': (input) => readTimelineFeed(ctx.db, input),
    'timeline.logEmail': async (input) => {
      const logged = await t.documents.logEmail(input, t.actor());
      t.changed(['timeline', 'documents'], input.opportunityId === undefined ? undefined : [input.opportunityId]);
      return logged;
    },
    'documents.attach': (input) => {
      const doc = t.documents.attach(input, t.actor());
      t.changed(['timeline', 'documents'], input.opportunityId === undefined ? undefined : [input.opportunityId]);
      return doc;
    },
    'documents.fetch': async ({ hash }) => {
      const { name, mime } = await t.documents.fetch(hash);
      return { name, mime };
    },
    'quote.pdf': async ({ opportunityId, locale }) => {
      const { name, bytes } = await quotePdf(ctx.db, opportunityId, locale ?? getSettings(ctx.db).locale, ctx.now().slice(0, 10));
      const doc = t.documents.attachMade({ opportunityId }, name, bytes, t.actor());
      t.changed(['timeline', 'documents'], [opportunityId]);
      return doc;
    },
    'timeline.addNote': (input) => {
      activities.addNote(input, t.actor());
      t.changed(['timeline'], input.opportunityId === undefined ? undefined : [input.opportunityId]);
      return {};
    },
  };
}
