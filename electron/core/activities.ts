import type { Db } from '../../db/client';
import * as q from '../../db/queries/activities';
import { insertTimelineEntry } from '../../db/queries/timeline';
import { writeAudit } from '../../db/queries/audit';
import {
  deleteReminderRule,
  insertReminderRule,
  reminderCandidates,
  reminderRules,
  reminderRulesKey,
  ruleSource,
  updateReminderRule,
} from '../../db/queries/reminder-rules';
import { readSetting, writeSetting } from '../../db/queries/settings';
import type { ActivityDue, ActivityRow, ParsedInput } from '../shared/contract';
import { deskPerson, mayChangeActivity, nextOccurrence, type Recurrence } from '../shared/domain/activities';
import { may } from '../shared/domain/authority';
import { AppError, notFound } from '../shared/errors';
import type { Actor, Holder } from './context';
import { activeStage, requireRef } from './editing';
import { subjectOf } from './subject';
import { getSettings } from './settings';

/** The desk's person: whose activities are « mine », and what they may change. */
export type Person = Holder & { userId: number | null };

const iso = (stamp: string) => new Date(stamp).toISOString();

type Planned = Pick<q.NewActivity, 'kind' | 'title' | 'notes' | 'dueAt' | 'ownerId' | 'role' | 'opportunityId' | 'customerId' | 'recurrence'>;
/** A new activity, open, made now by the actor (a rule's or a logged one says what differs). */
const fresh = (p: Planned, a: Actor, differs: Partial<q.NewActivity> = {}): q.NewActivity => ({
  ...p,
  source: null,
  occasion: null,
  doneAt: null,
  doneBy: null,
  outcome: null,
  createdAt: a.at,
  createdBy: a.userId,
  ...differs,
});
/** The desk's own setting: when it first swept its reminders. */
const REMINDERS_SINCE = 'reminders.since';
/**
 * How often the reminder rules look at every open deal: their occasions are days (N days idle, a
 * stage's threshold, a close date), and on the large company one look costs about 0.2 s of core.
 */
export const RULES_EVERY_MS = 15 * 60_000;

/**
 * Activities (issue 13): made by hand, logged done, done with their outcome (a recurring one comes
 * back at its next occurrence), snoozed; reminder rules the company sets; the reminders that fall
 * due. Every change runs in one transaction; who may change what is shared/domain/activities'.
 */
export function createActivities(db: Db, now: () => string) {
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn)();
  const person = (): Person => {
    const s = getSettings(db);
    return { userId: s.currentUserId, role: s.role, roles: s.roles };
  };
  const mineOf = (p: Person): q.Whose => ({ userId: p.userId, roles: p.roles });
  const read = (id: number): ActivityRow => {
    const row = q.readActivity(db, id, now(), person());
    if (!row) throw notFound('Activity', id);
    return row;
  };
  /** The activity, if the person may change it. */
  const changeable = (id: number): q.ActivityFacts => {
    const facts = q.activityFacts(db, id);
    if (!facts) throw notFound('Activity', id);
    const p = person();
    if (!mayChangeActivity(facts, deskPerson(p.userId, p.roles)))
      throw new AppError('forbidden', `Activity ${id} is someone else's: its person, its role's holders, its author or a manager change it`, {
        reason: 'activity.notYours',
      });
    return facts;
  };
  /** Reminder rules are the company's: a manager sets them (the hub checks it too). */
  const mayRule = (holder: Person) => {
    if (!may(holder.roles, 'reminders.rules'))
      throw new AppError('forbidden', `Reminder rules are set by a manager, not by the ${holder.role} role`, { reason: 'reminder.rules' });
  };
  const ruleOf = (id: number) => {
    const rule = reminderRules(db).find((r) => r.id === id);
    if (!rule) throw notFound('Reminder rule', id);
    const { uid: _uid, stageName: _name, id: _id, ...figures } = rule;
    return figures;
  };
  const audit = (id: number, a: Actor, action: 'create' | 'update' | 'delete', oldValue: unknown, newValue: unknown) =>
    writeAudit(db, { entity: 'rule', entityId: id, action, oldValue, newValue, by: a.userId, at: a.at, source: 'user' });
  // the rules run at most every RULES_EVERY_MS of core's clock, or when they changed; reminders fire at every turn
  const rulesRun = { at: Number.NaN, key: '' };
  const followUp = (
    from: { opportunityId: number | null; customerId: number | null; ownerId: number | null; role: string | null },
    f: NonNullable<ParsedInput<'activities.done'>['followUp']>,
    a: Actor,
  ) =>
    q.insertActivity(
      db,
      fresh(
        {
          kind: f.kind,
          title: f.title,
          notes: '',
          dueAt: iso(f.dueAt),
          ownerId: from.ownerId ?? a.userId,
          role: from.ownerId === null && a.userId === null ? from.role : null,
          opportunityId: from.opportunityId,
          customerId: from.customerId,
          recurrence: null,
        },
        a,
      ),
    );
  const recurrenceOf = (r: { every: number; unit: Recurrence['unit'] } | null, dueAt: string | null): Recurrence | null => {
    if (!r) return null;
    if (!dueAt)
      throw new AppError('invalid_input', 'A repeated activity needs a due time', {
        issues: [{ path: 'recurrence', message: 'a repeated activity needs a due time', reason: 'activity.recurrenceNeedsDue' }],
      });
    return { ...r, anchor: dueAt };
  };

  return {
    person,
    list(input: ParsedInput<'activities.list'>) {
      const p = person();
      const about = { opportunityId: input.opportunityId, customerId: input.customerId };
      const ofSubject = input.opportunityId !== undefined || input.customerId !== undefined;
      if (input.scope === 'team' && !ofSubject && !may(p.roles, 'activities.team'))
        throw new AppError('forbidden', `The team's activities are seen by a manager, not by the ${p.role} role`, { reason: 'activity.teamList' });
      const whose: q.Whose = ofSubject
        ? 'everyone'
        : input.scope === 'mine'
          ? mineOf(p)
          : input.ownerId !== undefined
            ? { ownerId: input.ownerId }
            : 'everyone';
      return {
        rows: q.listActivities(db, { bucket: input.bucket, whose, limit: input.limit, ...about }, now(), p),
        counts: q.countActivities(db, whose, now(), about),
      };
    },
    counts: () => q.countActivities(db, mineOf(person()), now()),
    create(input: ParsedInput<'activities.create'>, a: Actor): ActivityRow {
      const id = tx(() => {
        requireRef(db, 'users', input.ownerId, 'ownerId');
        const on = subjectOf(db, input.opportunityId, input.customerId);
        const dueAt = input.dueAt ? iso(input.dueAt) : input.done ? a.at : null;
        const ownerId = input.ownerId === undefined ? a.userId : input.ownerId;
        const planned = { kind: input.kind, title: input.title, notes: input.notes, dueAt, ownerId, role: null, ...on };
        const logged = input.done ? { doneAt: a.at, doneBy: a.userId, outcome: input.done.outcome } : {};
        const id = q.insertActivity(db, fresh({ ...planned, recurrence: recurrenceOf(input.recurrence, dueAt) }, a, logged));
        if (input.followUp) followUp({ ...on, ownerId, role: null }, input.followUp, a);
        return id;
      });
      return read(id);
    },
    update({ id, ...change }: ParsedInput<'activities.update'>): ActivityRow {
      tx(() => {
        const facts = changeable(id);
        requireRef(db, 'users', change.ownerId, 'ownerId');
        const dueAt = change.dueAt === undefined ? facts.dueAt : change.dueAt && iso(change.dueAt);
        const recurrence =
          change.recurrence === undefined
            ? facts.recurrence && dueAt !== facts.dueAt
              ? recurrenceOf(facts.recurrence, dueAt)
              : undefined
            : recurrenceOf(change.recurrence, dueAt);
        q.updateActivity(db, id, { ...change, dueAt: change.dueAt === undefined ? undefined : dueAt, recurrence });
      });
      return read(id);
    },
    /** Done with its outcome: a repeated one comes back at its next occurrence; a follow-up may be planned at once. */
    done({ id, outcome, followUp: next }: ParsedInput<'activities.done'>, a: Actor): ActivityRow {
      tx(() => {
        const facts = changeable(id);
        if (facts.doneAt)
          throw new AppError('conflict', `Activity ${id} was already done on ${facts.doneAt}`, {
            reason: 'activity.alreadyDone',
            doneAt: facts.doneAt,
          });
        q.updateActivity(db, id, { doneAt: a.at, doneBy: a.userId, outcome });
        if (facts.recurrence && facts.dueAt) {
          const { kind, title, notes, ownerId, role, opportunityId, customerId, recurrence } = facts;
          const dueAt = nextOccurrence(facts.recurrence, facts.dueAt, a.at);
          q.insertActivity(db, fresh({ kind, title, notes, ownerId, role, opportunityId, customerId, recurrence, dueAt }, a));
        }
        if (next) followUp(facts, next, a);
      });
      return read(id);
    },
    reopen(id: number): ActivityRow {
      tx(() => {
        changeable(id);
        q.updateActivity(db, id, { doneAt: null, doneBy: null, outcome: null });
      });
      return read(id);
    },
    snooze({ id, until }: ParsedInput<'activities.snooze'>): ActivityRow {
      tx(() => {
        const facts = changeable(id);
        if (facts.doneAt)
          throw new AppError('conflict', `Activity ${id} is done: it cannot be snoozed`, { reason: 'activity.alreadyDone', doneAt: facts.doneAt });
        const to = iso(until);
        if (to <= now())
          throw new AppError('invalid_input', `A snooze goes to a later time than now (${now()}), not ${to}`, {
            issues: [{ path: 'until', message: 'a later time than now', reason: 'activity.snoozePast' }],
          });
        // the schedule of a repeated activity stays; only this occurrence moves
        q.updateActivity(db, id, { dueAt: to });
      });
      return read(id);
    },
    remove(id: number): void {
      tx(() => {
        changeable(id);
        q.deleteActivity(db, id);
      });
    },
    /** The notification centre: reminders fired for the person's activities still open. */
    reminders: (): ActivityDue[] => q.firedReminders(db, mineOf(person()), now()),
    /**
     * What a tick of core's clock does: each active reminder rule creates the follow-ups it is due
     * for; then the person's activities that fell due fire their reminder (once each).
     */
    sweep(a: Actor): { created: number[]; due: ActivityDue[] } {
      const key = reminderRulesKey(db);
      const at = Date.parse(a.at);
      const rulesDue = key !== rulesRun.key || !(Math.abs(at - rulesRun.at) < RULES_EVERY_MS);
      const created = !rulesDue
        ? []
        : tx(() => {
            const made: number[] = [];
            for (const rule of reminderRules(db)) {
              if (!rule.active) continue;
              for (const c of reminderCandidates(db, rule, a.at)) {
                const forOwner = rule.assignTo === 'owner' && c.ownerId !== null;
                made.push(
                  q.insertActivity(
                    db,
                    fresh(
                      {
                        kind: rule.kind,
                        title: `${rule.title} — ${c.reference} ${c.customerName}`,
                        notes: '',
                        dueAt: a.at,
                        ownerId: forOwner ? c.ownerId : null,
                        role: forOwner ? null : rule.assignTo === 'owner' ? 'trader' : rule.assignTo,
                        opportunityId: c.opportunityId,
                        customerId: c.customerId,
                        recurrence: null,
                      },
                      a,
                      { source: ruleSource(rule), occasion: c.occasion, createdBy: null },
                    ),
                  ),
                );
              }
            }
            return made;
          });
      if (rulesDue) Object.assign(rulesRun, { at, key });
      // reminders fire from the desk's first sweep on (a new desk does not ring for the backlog it was born with; one closed for days rings for what fell due meanwhile)
      const since = readSetting<string | null>(db, REMINDERS_SINCE, null) ?? (writeSetting(db, REMINDERS_SINCE, a.at, a.at), a.at);
      return { created, due: q.fireDueReminders(db, mineOf(person()), a.at, since) };
    },
    rules: () => reminderRules(db).map(({ uid: _uid, ...r }) => r),
    /** A rule made, changed or removed by a manager, audited with its old and new figures (as the other rules are). */
    saveRule({ id, stageId, active, ...params }: ParsedInput<'reminderRules.save'>, holder: Person, a: Actor): void {
      mayRule(holder);
      tx(() => {
        if (stageId !== null) activeStage(db, stageId);
        const after = { stageId, active, ...params };
        if (id === undefined) return audit(insertReminderRule(db, stageId, params, active, a.at), a, 'create', null, after);
        const before = ruleOf(id);
        updateReminderRule(db, id, stageId, params, active, a.at);
        audit(id, a, 'update', before, after);
      });
    },
    removeRule(id: number, holder: Person, a: Actor): void {
      mayRule(holder);
      tx(() => {
        const before = ruleOf(id);
        deleteReminderRule(db, id);
        audit(id, a, 'delete', before, null);
      });
    },
    addNote(input: ParsedInput<'timeline.addNote'>, a: Actor): void {
      tx(() => {
        const on = subjectOf(db, input.opportunityId, input.customerId);
        insertTimelineEntry(db, { ...on, kind: 'note', body: input.body, data: {}, at: a.at, by: a.userId });
      });
    },
  };
}
export type Activities = ReturnType<typeof createActivities>;
