import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { smallCore } from './helpers';

let opened: { core: Core; cleanup: () => void } | null = null;
afterEach(() => opened?.cleanup());
const open = () => (opened = smallCore());

describe('what each person may do, from every role they hold', () => {
  it('a desk without a person is a team of one: it holds every role, and four eyes is the company’s setting', async () => {
    const { core } = open();
    await core.call('settings.set', { key: 'currentUserId', value: null });
    const settings = await core.call('settings.get', {});
    expect(settings.roles).toEqual(['trader', 'purchasing', 'finance', 'manager']);
    // the role setting only says where it opens
    await core.call('settings.set', { key: 'role', value: 'trader' });
    const customer = core.db.$client.prepare('SELECT id FROM customers WHERE credit_hold = 0 ORDER BY id LIMIT 1').pluck().get() as number;
    expect(await core.call('customers.hold', { customerId: customer, hold: true, reason: 'impayés' })).toMatchObject({ creditHold: true });
    expect(await core.call('customers.hold', { customerId: customer, hold: false })).toMatchObject({ creditHold: false });
  });

  it('a person of several roles may do what any of them allows, and nothing more', async () => {
    const { core } = open();
    const raw = core.db.$client;
    const trader = raw.prepare("SELECT id FROM users WHERE role = 'trader' ORDER BY id LIMIT 1").pluck().get() as number;
    await core.call('settings.set', { key: 'currentUserId', value: trader });
    expect((await core.call('settings.get', {})).roles).toEqual(['trader']);
    const customer = raw.prepare('SELECT id FROM customers WHERE credit_hold = 0 ORDER BY id LIMIT 1').pluck().get() as number;
    await expect(core.call('customers.hold', { customerId: customer, hold: true, reason: 'x' })).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'hold.deciders', role: 'trader' },
    });
    // the hub gives the same person credit control too
    raw.prepare('UPDATE users SET roles = ? WHERE id = ?').run(JSON.stringify(['trader', 'finance']), trader);
    const settings = await core.call('settings.get', {});
    expect(settings).toMatchObject({ role: 'trader', roles: ['trader', 'finance'] });
    expect(await core.call('customers.hold', { customerId: customer, hold: true, reason: 'impayés' })).toMatchObject({ creditHold: true });
    // the demo's requests, asked by others: a credit one this person decides, a margin one they may not
    const pending = (kind: string) =>
      raw
        .prepare("SELECT id FROM approvals WHERE kind = ? AND status = 'pending' AND requested_by IS NOT ? ORDER BY id LIMIT 1")
        .pluck()
        .get(kind, trader) as number;
    await expect(core.call('approval.decide', { id: pending('margin'), decision: 'approve' })).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'approval.deciders.margin' },
    });
    const credit = pending('credit');
    await core.call('approval.decide', { id: credit, decision: 'approve' });
    expect(raw.prepare('SELECT status FROM approvals WHERE id = ?').pluck().get(credit)).toBe('approved');
    // a purchase goes with the purchasing role, which this person does not hold
    await expect(core.call('purchasing.sendDraft', { draftId: 1 })).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'draft.senders' },
    });
  });
});
