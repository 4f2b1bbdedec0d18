import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startCore, type Core } from '../../electron/core/core';
import type { EventPayload } from '../../electron/shared/contract';
import { AppError } from '../../electron/shared/errors';
import { addDays } from '../../electron/shared/dates';
import { testClock } from '../clock';
import { tempDir } from './helpers';

/** Activities, reminder rules and reminders on one injected clock, over a real SQLite file with the small demo company. */
const clock = testClock();
const { dir, cleanup } = tempDir();
const dbPath = join(dir, 'comptoir.sqlite');
let core: Core;
const due: EventPayload<'activity.due'>[] = [];
const open = () => {
  core = startCore({ dbPath, demo: 'small', validateOutput: true, now: clock.now, reminderEveryMs: 0 });
  core.bus.source((event, payload) => event === 'activity.due' && due.push(payload as EventPayload<'activity.due'>));
};
beforeAll(open);
afterAll(() => {
  core.close();
  cleanup();
});

const sql = <T>(q: string, ...params: unknown[]) => core.db.$client.prepare(q).all(...params) as T[];
const one = <T>(q: string, ...params: unknown[]) => sql<T>(q, ...params)[0]!;
const userOf = (login: string) => one<{ id: number }>('SELECT id FROM users WHERE login = ?', login).id;
const as = (login: string | null) => core.call('settings.set', { key: 'currentUserId', value: login === null ? null : userOf(login) });
const stage = (code: string) => one<{ id: number }>('SELECT id FROM stages WHERE code = ?', code).id;
const at = (days: number, hour = 9) => `${addDays(clock.today(), days)}T${String(hour).padStart(2, '0')}:00:00.000Z`;
/** An open deal of this person with nothing planned. */
const quietDeal = (login: string, code = 'QUAL') => {
  const deal = one<{ id: number; customerId: number }>(
    `SELECT o.id, o.customer_id AS customerId FROM opportunities o JOIN stages s ON s.id = o.stage_id
     WHERE o.owner_id = ? AND s.code = ? ORDER BY o.id LIMIT 1`,
    userOf(login),
    code,
  );
  core.db.$client.prepare('DELETE FROM activities WHERE opportunity_id = ?').run(deal.id);
  return deal;
};
const refused = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};
const snapshot = () =>
  JSON.stringify(['activities', 'activity_reminders', 'timeline_entries', 'rules'].map((t) => sql(`SELECT * FROM ${t} ORDER BY rowid`)));

describe('activities by hand', () => {
  it('a call logged with a follow-up: the deal’s next action is the follow-up; done, the next one takes its place', async () => {
    await as('c.martin');
    const deal = quietDeal('c.martin');
    const row = (id: number) =>
      core
        .call('opportunities.list', { search: one<{ r: string }>('SELECT reference AS r FROM opportunities WHERE id = ?', id).r })
        .then((l) => l.rows[0]!);
    expect((await row(deal.id)).nextActivityAt).toBeNull();
    const call = await core.call('activities.create', {
      kind: 'call',
      title: 'Appel prix ciment',
      opportunityId: deal.id,
      done: { outcome: 'Attend notre meilleur prix' },
      followUp: { kind: 'follow_up', title: 'Relancer', dueAt: at(3) },
    });
    expect(call).toMatchObject({ bucket: 'done', outcome: 'Attend notre meilleur prix', customerId: deal.customerId, mine: true });
    expect(await row(deal.id)).toMatchObject({ nextActivityAt: at(3), nextActivityTitle: 'Relancer' });
    const visit = await core.call('activities.create', { kind: 'visit', title: 'Visite chantier', opportunityId: deal.id, dueAt: at(1, 14) });
    expect(await row(deal.id)).toMatchObject({ nextActivityAt: at(1, 14), nextActivityTitle: 'Visite chantier' });
    await core.call('activities.done', { id: visit.id, outcome: 'Vu le conducteur de travaux' });
    expect(await row(deal.id)).toMatchObject({ nextActivityAt: at(3), nextActivityTitle: 'Relancer' });
    const upcoming = await core.call('activities.list', { bucket: 'upcoming', opportunityId: deal.id });
    expect(upcoming.rows.map((r) => r.title)).toEqual(['Relancer']);
  });

  it('a repeated activity comes back at its next occurrence when done, across a month end', async () => {
    await as('c.martin');
    const deal = quietDeal('c.martin', 'DEVIS');
    const monthEnd = `${clock.today().slice(0, 8)}28T08:00:00.000Z`;
    const a = await core.call('activities.create', {
      kind: 'task',
      title: 'Relevé mensuel',
      opportunityId: deal.id,
      dueAt: monthEnd,
      recurrence: { every: 1, unit: 'month' },
    });
    await core.call('activities.done', { id: a.id });
    const next = sql<{ due_at: string; recurrence: string }>(
      'SELECT due_at, recurrence FROM activities WHERE opportunity_id = ? AND done_at IS NULL',
      deal.id,
    );
    expect(next).toHaveLength(1);
    const expected = new Date(monthEnd);
    expected.setUTCMonth(expected.getUTCMonth() + 1);
    // every later month has a 28th: one month on, whatever today is (unless done late: then the first one after today)
    const after = Math.max(Date.parse(clock.now()), Date.parse(monthEnd));
    while (expected.getTime() <= after) expected.setUTCMonth(expected.getUTCMonth() + 1);
    expect(next[0]!.due_at).toBe(expected.toISOString());
    expect(JSON.parse(next[0]!.recurrence)).toEqual({ every: 1, unit: 'month', anchor: monthEnd });
  });

  it('refuses bad input clearly and changes nothing', async () => {
    await as('c.martin');
    const deal = quietDeal('j.dubois');
    const other = one<{ id: number }>('SELECT id FROM customers WHERE id != ? LIMIT 1', deal.customerId).id;
    const before = snapshot();
    expect((await refused(core.call('activities.create', { kind: 'call', title: 'x', opportunityId: 999_999 }))).details?.issues?.[0]).toMatchObject({
      path: 'opportunityId',
      reason: 'unknown',
    });
    expect((await refused(core.call('activities.create', { kind: 'call', title: 'x', ownerId: 999_999 }))).details?.issues?.[0]?.path).toBe(
      'ownerId',
    );
    expect(
      (await refused(core.call('activities.create', { kind: 'call', title: 'x', opportunityId: deal.id, customerId: other }))).details?.issues?.[0]
        ?.reason,
    ).toBe('activity.otherCustomer');
    expect((await refused(core.call('activities.create', { kind: 'call', title: 'x'.repeat(201) }))).code).toBe('invalid_input');
    expect((await refused(core.call('activities.create', { kind: 'lunch' as 'call', title: 'x' }))).code).toBe('invalid_input');
    expect(
      (await refused(core.call('activities.create', { kind: 'task', title: 'x', recurrence: { every: 1, unit: 'week' } }))).details?.issues?.[0]
        ?.reason,
    ).toBe('activity.recurrenceNeedsDue');
    expect((await refused(core.call('activities.done', { id: 999_999 }))).details?.reason).toBe('notFound.Activity');
    expect(snapshot()).toBe(before);
  });

  it('someone else’s activity is refused to a trader, allowed to a manager; the team’s list is a manager’s', async () => {
    await as('j.dubois');
    const deal = quietDeal('j.dubois');
    const theirs = await core.call('activities.create', { kind: 'call', title: 'Appel Dubois', opportunityId: deal.id, dueAt: at(2) });
    await as('c.martin');
    const before = snapshot();
    expect((await refused(core.call('activities.done', { id: theirs.id }))).details?.reason).toBe('activity.notYours');
    expect((await refused(core.call('activities.snooze', { id: theirs.id, until: at(5) }))).details?.reason).toBe('activity.notYours');
    expect((await refused(core.call('activities.list', { bucket: 'upcoming', scope: 'team' }))).details?.reason).toBe('activity.teamList');
    expect(snapshot()).toBe(before);
    const mine = await core.call('activities.list', { bucket: 'upcoming' });
    expect(mine.rows.some((r) => r.id === theirs.id)).toBe(false);
    await as('p.girard');
    const team = await core.call('activities.list', { bucket: 'upcoming', scope: 'team', ownerId: userOf('j.dubois') });
    expect(team.rows.find((r) => r.id === theirs.id)).toMatchObject({ ownerName: 'Julien Dubois', mine: true });
    expect(team.rows.every((r) => r.ownerId === userOf('j.dubois'))).toBe(true);
    expect(team.counts.upcoming).toBe(team.rows.length);
  });

  it('automation’s task for a role is in the « Mes activités » of whoever holds it', async () => {
    await as('m.fournier');
    const deal = quietDeal('c.martin', 'NEGO');
    core.db.$client
      .prepare(
        "INSERT INTO activities (opportunity_id, customer_id, kind, title, due_at, role, source, created_at) VALUES (?, ?, 'task', 'Couvrir les ruptures', ?, 'purchasing', 'automation', ?)",
      )
      .run(deal.id, deal.customerId, at(0, 17), clock.now());
    const list = await core.call('activities.list', { bucket: at(0, 17) > clock.now() ? 'today' : 'overdue' });
    expect(list.rows.find((r) => r.title === 'Couvrir les ruptures')).toMatchObject({ role: 'purchasing', mine: true, ownerId: null });
    await as('c.martin');
    const trader = await core.call('activities.list', { bucket: at(0, 17) > clock.now() ? 'today' : 'overdue' });
    expect(trader.rows.some((r) => r.title === 'Couvrir les ruptures')).toBe(false);
  });
});

describe('reminders', () => {
  it('fire once when due, across a restart; again after a snooze', async () => {
    await as('s.bernard');
    const deal = quietDeal('s.bernard');
    const a = await core.call('activities.create', { kind: 'call', title: 'Rappeler M. Durand', opportunityId: deal.id, dueAt: at(1, 9) });
    due.length = 0;
    const firstSweep = clock.now();
    core.tick();
    expect(due.filter((d) => d.id === a.id)).toHaveLength(0);
    // a new desk does not ring for the backlog it was born with (the demo's overdue activities)
    expect(
      sql('SELECT 1 FROM activities WHERE owner_id = ? AND done_at IS NULL AND due_at < ?', userOf('s.bernard'), firstSweep).length,
    ).toBeGreaterThan(0);
    expect(due).toEqual([]);
    clock.set(at(1, 9));
    core.tick();
    expect(due.filter((d) => d.id === a.id)).toEqual([
      expect.objectContaining({ title: 'Rappeler M. Durand', opportunityId: deal.id, dueAt: at(0, 9) }),
    ]);
    core.tick();
    expect(due.filter((d) => d.id === a.id)).toHaveLength(1);
    expect((await core.call('activities.reminders', {})).map((r) => r.id)).toContain(a.id);
    // a restart: the reminder is not fired again
    core.close();
    open();
    core.tick();
    expect(due.filter((d) => d.id === a.id)).toHaveLength(1);
    // snoozed to tomorrow: it fires again then, once
    const snoozed = await core.call('activities.snooze', { id: a.id, until: at(1, 9) });
    expect(snoozed).toMatchObject({ dueAt: at(1, 9), bucket: 'upcoming' });
    expect((await core.call('activities.reminders', {})).map((r) => r.id)).not.toContain(a.id);
    const before = snapshot();
    expect((await refused(core.call('activities.snooze', { id: a.id, until: at(-1) }))).details?.issues?.[0]?.reason).toBe('activity.snoozePast');
    expect(snapshot()).toBe(before);
    clock.set(at(1, 10));
    core.tick();
    core.tick();
    expect(due.filter((d) => d.id === a.id)).toHaveLength(2);
    // someone else's activities fire at their desk, not this one
    expect(due.every((d) => d.ownerId === userOf('s.bernard') || d.ownerId === null)).toBe(true);
  });

  it('the navigation’s counts are the person’s overdue and today', async () => {
    await as('s.bernard');
    const counts = await core.call('activities.counts', {});
    const overdue = await core.call('activities.list', { bucket: 'overdue' });
    expect(counts.overdue).toBe(overdue.rows.length);
    expect(overdue.rows.every((r) => r.dueAt! < clock.now() && r.doneAt === null)).toBe(true);
  });
});

describe('reminder rules', () => {
  it('look at the deals when a rule changes and every quarter of an hour of core’s clock, not at every turn', async () => {
    await as('p.girard');
    const deal = quietDeal('s.bernard', 'QUAL');
    core.db.$client.prepare('UPDATE opportunities SET expected_close = ? WHERE id = ?').run(addDays(clock.today(), -2), deal.id);
    const tasks = () => sql("SELECT 1 FROM activities WHERE opportunity_id = ? AND title LIKE 'Échéance passée%'", deal.id).length;
    core.tick();
    const rules = await core.call('reminderRules.save', { trigger: 'close_overdue', title: 'Échéance passée', active: false });
    core.tick();
    expect(tasks()).toBe(0);
    // made active: the next turn looks at once
    const { stageName: _stage, ...saved } = rules.find((r) => r.title === 'Échéance passée')!;
    await core.call('reminderRules.save', { ...saved, active: true });
    core.tick();
    expect(tasks()).toBe(1);
    // a deal that falls due a minute later waits for the rules' next look
    const other = quietDeal('s.bernard', 'NEGO');
    core.db.$client.prepare('UPDATE opportunities SET expected_close = ? WHERE id = ?').run(addDays(clock.today(), -1), other.id);
    const otherTasks = () => sql("SELECT 1 FROM activities WHERE opportunity_id = ? AND title LIKE 'Échéance passée%'", other.id).length;
    clock.set(new Date(Date.parse(clock.now()) + 60_000).toISOString());
    core.tick();
    expect(otherTasks()).toBe(0);
    clock.set(new Date(Date.parse(clock.now()) + 15 * 60_000).toISOString());
    core.tick();
    expect(otherTasks()).toBe(1);
    const id = (await core.call('reminderRules.list', {})).find((r) => r.title === 'Échéance passée')!.id;
    await core.call('reminderRules.delete', { id });
    // each change of the rule is in the audit trail, with who made it
    expect(sql("SELECT action, by FROM audit_log WHERE entity = 'rule' AND entity_id = ? ORDER BY id", id)).toEqual([
      { action: 'create', by: userOf('p.girard') },
      { action: 'update', by: userOf('p.girard') },
      { action: 'delete', by: userOf('p.girard') },
    ]);
  });

  it('are a manager’s to set', async () => {
    await as('c.martin');
    expect((await refused(core.call('reminderRules.save', { trigger: 'close_overdue', title: 'x' }))).details?.reason).toBe('reminder.rules');
    expect((await refused(core.call('reminderRules.save', { trigger: 'idle', title: 'x', days: null }))).details?.issues?.[0]?.reason).toBe(
      'reminder.idleDays',
    );
  });

  it('a quote sent without activity for 7 days gets a follow-up for its trader, once; again 7 days after it was done', async () => {
    await as('p.girard');
    const rules = await core.call('reminderRules.save', { trigger: 'idle', stageId: stage('DEVIS'), days: 7, title: 'Relancer le devis' });
    const rule = rules.find((r) => r.trigger === 'idle')!;
    const deal = quietDeal('a.leroy', 'DEVIS');
    core.db.$client.prepare('UPDATE opportunities SET stage_entered_at = ? WHERE id = ?').run(`${addDays(clock.today(), -3)}T08:00:00.000Z`, deal.id);
    const followUps = () =>
      sql<{ id: number; owner_id: number; done_at: string | null; title: string }>(
        "SELECT id, owner_id, done_at, title FROM activities WHERE opportunity_id = ? AND source LIKE 'rule:%'",
        deal.id,
      );
    core.tick();
    expect(followUps()).toHaveLength(0);
    clock.set(at(5));
    core.tick();
    expect(followUps()).toEqual([
      expect.objectContaining({ owner_id: userOf('a.leroy'), done_at: null, title: expect.stringMatching(/^Relancer le devis — /) }),
    ]);
    // the rules look again a while later (not at every turn): still one follow-up
    clock.set(at(0, 11));
    core.tick();
    clock.set(at(10));
    core.tick();
    expect(followUps()).toHaveLength(1);
    await as('a.leroy');
    await core.call('activities.done', { id: followUps()[0]!.id, outcome: 'Rappelé' });
    clock.set(at(6));
    core.tick();
    expect(followUps()).toHaveLength(1);
    clock.set(at(2));
    core.tick();
    expect(followUps()).toHaveLength(2);
    await as('p.girard');
    await core.call('reminderRules.save', {
      id: rule.id,
      trigger: 'idle',
      stageId: stage('DEVIS'),
      days: 7,
      title: 'Relancer le devis',
      active: false,
    });
  });

  it('a deal stagnant past its stage’s threshold with nothing planned gets a task once per stay in the stage', async () => {
    await as('p.girard');
    await core.call('reminderRules.save', { trigger: 'stagnant', kind: 'task', title: 'Affaire stagnante', assignTo: 'manager' });
    const deal = quietDeal('n.roux', 'NEGO');
    const threshold = one<{ d: number }>("SELECT stagnation_days AS d FROM stages WHERE code = 'NEGO'").d;
    core.db.$client
      .prepare('UPDATE opportunities SET stage_entered_at = ? WHERE id = ?')
      .run(`${addDays(clock.today(), -threshold + 1)}T08:00:00.000Z`, deal.id);
    const tasks = () =>
      sql<{ role: string | null; owner_id: number | null }>(
        "SELECT role, owner_id FROM activities WHERE opportunity_id = ? AND title LIKE 'Affaire stagnante%'",
        deal.id,
      );
    core.tick();
    expect(tasks()).toHaveLength(0);
    clock.set(at(2));
    core.tick();
    clock.set(at(0, 11));
    core.tick();
    expect(tasks()).toEqual([{ role: 'manager', owner_id: null }]);
    // a deal with something planned is not stagnant
    const planned = quietDeal('t.petit', 'NEGO');
    core.db.$client
      .prepare('UPDATE opportunities SET stage_entered_at = ? WHERE id = ?')
      .run(`${addDays(clock.today(), -threshold - 5)}T08:00:00.000Z`, planned.id);
    await as('t.petit');
    await core.call('activities.create', { kind: 'call', title: 'Prévu', opportunityId: planned.id, dueAt: at(4) });
    clock.set(at(0, 13));
    core.tick();
    expect(sql("SELECT 1 FROM activities WHERE opportunity_id = ? AND title LIKE 'Affaire stagnante%'", planned.id)).toHaveLength(0);
  });

  it('an expected close date passed gets a task, across a month end, once per close date', async () => {
    await as('p.girard');
    await core.call('reminderRules.save', { trigger: 'close_overdue', kind: 'task', title: 'Clôture dépassée' });
    const deal = quietDeal('c.martin', 'QUAL');
    // the last day of this month: overdue from the 1st of the next
    const d = new Date(`${clock.today()}T00:00:00.000Z`);
    const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    core.db.$client.prepare('UPDATE opportunities SET expected_close = ? WHERE id = ?').run(lastDay, deal.id);
    const tasks = () => sql<{ id: number }>("SELECT id FROM activities WHERE opportunity_id = ? AND title LIKE 'Clôture dépassée%'", deal.id);
    clock.set(`${lastDay}T18:00:00.000Z`);
    core.tick();
    expect(tasks()).toHaveLength(0);
    clock.set(`${addDays(lastDay, 1)}T08:00:00.000Z`);
    core.tick();
    clock.set(`${addDays(lastDay, 1)}T10:00:00.000Z`);
    core.tick();
    expect(tasks()).toHaveLength(1);
    await as('c.martin');
    await core.call('activities.done', { id: tasks()[0]!.id });
    clock.nextDay();
    core.tick();
    expect(tasks()).toHaveLength(1);
  });
});

describe('timeline', () => {
  it('one feed of notes, activities, stage changes and approvals; by kind and searched; the customer’s holds its deals’', async () => {
    await as('c.martin');
    const deal = quietDeal('c.martin', 'QUAL');
    await core.call('timeline.addNote', { opportunityId: deal.id, body: 'Le client compare avec Lafarge.' });
    await core.call('activities.create', { kind: 'call', title: 'Appel du matin', opportunityId: deal.id, done: { outcome: 'Rappeler jeudi' } });
    await core.call('pipeline.moveStage', { opportunityId: deal.id, toStageId: stage('DEVIS') });
    const feed = await core.call('timeline.list', { opportunityId: deal.id });
    const kinds = feed.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['note', 'activity', 'stage']));
    expect(feed.map((f) => f.at)).toEqual([...feed.map((f) => f.at)].sort().reverse());
    expect(feed.find((f) => f.kind === 'activity')).toMatchObject({ title: 'call', body: 'Appel du matin — Rappeler jeudi', by: 'Claire Martin' });
    expect(feed.find((f) => f.kind === 'stage' && f.title === 'Devis envoyé')).toMatchObject({ body: 'Qualification → Devis envoyé' });
    expect((await core.call('timeline.list', { opportunityId: deal.id, kinds: ['note'] })).map((f) => f.title)).toEqual([
      'Le client compare avec Lafarge.',
    ]);
    expect((await core.call('timeline.list', { opportunityId: deal.id, search: 'jeudi' })).map((f) => f.kind)).toEqual(['activity']);
    expect(await core.call('timeline.list', { opportunityId: deal.id, search: '100%_' })).toEqual([]);
    const customer = await core.call('timeline.list', { customerId: deal.customerId });
    expect(customer.filter((f) => f.opportunityId === deal.id).length).toBe(feed.length);
    expect((await refused(core.call('timeline.addNote', { opportunityId: deal.id, body: '   ' }))).code).toBe('invalid_input');
    expect((await refused(core.call('timeline.list', {}))).details?.issues?.[0]?.reason).toBe('timeline.subject');
  });
});
