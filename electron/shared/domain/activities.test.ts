import { describe, expect, it } from 'vitest';
import { bucketOf, deskPerson, mayChangeActivity, nextOccurrence, occurrence, snoozeChoices, snoozeUntil, type Recurrence } from './activities';

describe('recurrence', () => {
  it('steps days and weeks from the anchor', () => {
    const daily: Recurrence = { every: 3, unit: 'day', anchor: '2026-11-30T09:00:00.000Z' };
    expect(occurrence(daily, 1)).toBe('2026-12-03T09:00:00.000Z');
    const weekly: Recurrence = { every: 2, unit: 'week', anchor: '2026-12-28T14:30:00.000Z' };
    expect(occurrence(weekly, 1)).toBe('2027-01-11T14:30:00.000Z');
  });

  it('keeps the day of month across month ends, or the month’s last day', () => {
    const monthly: Recurrence = { every: 1, unit: 'month', anchor: '2027-01-31T08:00:00.000Z' };
    expect(occurrence(monthly, 1)).toBe('2027-02-28T08:00:00.000Z');
    expect(occurrence(monthly, 2)).toBe('2027-03-31T08:00:00.000Z');
    expect(occurrence({ ...monthly, anchor: '2028-01-31T08:00:00.000Z' }, 1)).toBe('2028-02-29T08:00:00.000Z');
    expect(occurrence({ every: 3, unit: 'month', anchor: '2026-11-30T08:00:00.000Z' }, 1)).toBe('2027-02-28T08:00:00.000Z');
    expect(occurrence({ every: 1, unit: 'month', anchor: '2026-12-15T08:00:00.000Z' }, 1)).toBe('2027-01-15T08:00:00.000Z');
  });

  it('the next occurrence once done is after the one done and after now (missed ones are not owed)', () => {
    const weekly: Recurrence = { every: 1, unit: 'week', anchor: '2026-11-02T09:00:00.000Z' };
    // done on time
    expect(nextOccurrence(weekly, '2026-11-09T09:00:00.000Z', '2026-11-09T10:00:00.000Z')).toBe('2026-11-16T09:00:00.000Z');
    // done early: the next one is still the following week
    expect(nextOccurrence(weekly, '2026-11-09T09:00:00.000Z', '2026-11-05T10:00:00.000Z')).toBe('2026-11-16T09:00:00.000Z');
    // done three weeks late: the next one after today
    expect(nextOccurrence(weekly, '2026-11-09T09:00:00.000Z', '2026-11-30T10:00:00.000Z')).toBe('2026-12-07T09:00:00.000Z');
    const monthly: Recurrence = { every: 1, unit: 'month', anchor: '2026-10-31T09:00:00.000Z' };
    expect(nextOccurrence(monthly, '2026-11-30T09:00:00.000Z', '2026-11-30T12:00:00.000Z')).toBe('2026-12-31T09:00:00.000Z');
    expect(nextOccurrence(monthly, '2026-12-31T09:00:00.000Z', '2026-12-31T12:00:00.000Z')).toBe('2027-01-31T09:00:00.000Z');
    expect(nextOccurrence(monthly, '2027-01-31T09:00:00.000Z', '2027-02-01T12:00:00.000Z')).toBe('2027-02-28T09:00:00.000Z');
  });
});

describe('buckets', () => {
  const now = '2026-12-31T10:00:00.000Z';
  it('overdue once the time has passed, today until midnight (UTC), then upcoming; done', () => {
    expect(bucketOf({ dueAt: '2026-12-31T09:59:00.000Z', doneAt: null }, now)).toBe('overdue');
    expect(bucketOf({ dueAt: '2026-12-31T10:00:00.000Z', doneAt: null }, now)).toBe('today');
    expect(bucketOf({ dueAt: '2026-12-31T23:59:00.000Z', doneAt: null }, now)).toBe('today');
    expect(bucketOf({ dueAt: '2027-01-01T00:00:00.000Z', doneAt: null }, now)).toBe('upcoming');
    expect(bucketOf({ dueAt: null, doneAt: null }, now)).toBe('upcoming');
    expect(bucketOf({ dueAt: '2026-12-01T09:00:00.000Z', doneAt: '2026-12-02T09:00:00.000Z' }, now)).toBe('done');
  });
});

describe('snooze choices', () => {
  it('in an hour, tomorrow 09:00, next Monday 09:00 (a Monday goes to the following one)', () => {
    expect(snoozeChoices('2026-12-31T10:00:00.000Z')).toEqual([
      { key: 'hour', until: '2026-12-31T11:00:00.000Z' },
      { key: 'tomorrow', until: '2027-01-01T09:00:00.000Z' },
      { key: 'monday', until: '2027-01-04T09:00:00.000Z' },
    ]);
    expect(snoozeChoices('2026-11-30T10:00:00.000Z')[2]!.until).toBe('2026-12-07T09:00:00.000Z');
    expect(snoozeChoices('2026-12-06T10:00:00.000Z')[2]!.until).toBe('2026-12-07T09:00:00.000Z');
    expect(snoozeUntil('2026-12-31T10:00:00.000Z', 'tomorrow')).toBe('2027-01-01T09:00:00.000Z');
  });
});

describe('who may change an activity', () => {
  const trader = deskPerson(3, ['trader']);
  it('its person, its author, the holders of its role, a manager; a team of one all', () => {
    expect(mayChangeActivity({ ownerId: 3, role: null, createdBy: 9 }, trader)).toBe(true);
    expect(mayChangeActivity({ ownerId: 4, role: null, createdBy: 3 }, trader)).toBe(true);
    expect(mayChangeActivity({ ownerId: 4, role: null, createdBy: 4 }, trader)).toBe(false);
    expect(mayChangeActivity({ ownerId: null, role: 'purchasing', createdBy: null }, trader)).toBe(false);
    expect(mayChangeActivity({ ownerId: null, role: 'trader', createdBy: null }, trader)).toBe(true);
    expect(mayChangeActivity({ ownerId: 4, role: null, createdBy: 4 }, deskPerson(5, ['manager']))).toBe(true);
    expect(mayChangeActivity({ ownerId: 4, role: null, createdBy: 4 }, deskPerson(null, []))).toBe(true);
  });
  it('the hub names people by uid or login', () => {
    const me = ['0190-uid', 'login:c.martin'];
    const hub = { isMe: (p: string) => me.includes(p), roles: ['trader'] };
    expect(mayChangeActivity({ ownerId: 'login:c.martin', role: null, createdBy: null }, hub)).toBe(true);
    expect(mayChangeActivity({ ownerId: 'login:j.dubois', role: null, createdBy: 'login:j.dubois' }, hub)).toBe(false);
  });
});
