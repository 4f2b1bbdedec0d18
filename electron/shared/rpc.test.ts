import { describe, expect, it } from 'vitest';
import type { Output } from './contract';
import { AppError } from './errors';
import { connect, portPair, serve, type Handlers } from './rpc';

function fakeHandlers(calls: unknown[]): Handlers {
  const handlers: Partial<Handlers> = {
    'customers.search': (input) => {
      calls.push(input);
      return [{ id: 1, code: 'C1', name: 'Garnier', city: 'Blois', onHold: false, creditLimit: 0, outstanding: 0 }];
    },
    'opportunity.get': ({ id }) => {
      throw new AppError('not_found', `Opportunity ${id} does not exist`);
    },
    'stages.list': () => [{ id: 0 }] as unknown as Output<'stages.list'>,
    'app.health': () => {
      throw new Error('disk on fire');
    },
  };
  return handlers as Handlers;
}

function setup(validateOutput = false) {
  const calls: unknown[] = [];
  const [a, b] = portPair();
  const listeners = new Set<(e: 'data.changed', p: unknown) => void>();
  serve(a, fakeHandlers(calls), { validateOutput, events: (l) => (listeners.add(l), () => listeners.delete(l)) });
  const emit = (payload: unknown) => listeners.forEach((l) => l('data.changed', payload));
  return { client: connect(b), calls, emit };
}

describe('rpc over a port', () => {
  it('calls a method with validated input and defaults applied', async () => {
    const { client, calls } = setup();
    const out = await client.call('customers.search', { query: 'garn' });
    expect(out[0]?.name).toBe('Garnier');
    expect(calls).toEqual([{ query: 'garn', limit: 20 }]);
  });

  it('rejects invalid input with a typed error naming the field, before the handler runs', async () => {
    const { client, calls } = setup();
    const err = await client.call('customers.search', { query: 'x'.repeat(201), limit: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_input');
    expect((err as AppError).message).toMatch(/query: search text is limited to 200 characters/);
    expect((err as AppError).details?.issues?.map((i) => i.path)).toEqual(['query', 'limit']);
    expect(calls).toEqual([]);
  });

  it('refuses unknown methods and extra keys on strict inputs', async () => {
    const { client } = setup();
    await expect(client.call('no.such' as 'app.health', {})).rejects.toMatchObject({ code: 'unknown_method' });
    await expect(client.call('app.health', { sneaky: 1 } as never)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('carries typed errors from handlers and hides nothing but the stack of unexpected ones', async () => {
    const { client } = setup();
    await expect(client.call('opportunity.get', { id: 7 })).rejects.toMatchObject({ code: 'not_found', message: 'Opportunity 7 does not exist' });
    await expect(client.call('app.health', {})).rejects.toMatchObject({ code: 'internal', message: 'disk on fire' });
  });

  it('checks outputs against the contract when asked', async () => {
    const { client } = setup(true);
    await expect(client.call('stages.list', {})).rejects.toMatchObject({ code: 'internal', message: /breaks the contract/ });
  });

  it('delivers events that match their schema and drops the others', async () => {
    const { client, emit } = setup();
    const got: unknown[] = [];
    client.on('data.changed', (p) => got.push(p));
    emit({ entities: ['opportunities'] });
    emit({ entities: 'not-a-list' });
    await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual([{ entities: ['opportunities'] }]);
  });

  it('fails pending calls when the client closes', async () => {
    const [, b] = portPair();
    const client = connect(b);
    const pending = client.call('app.health', {});
    client.close();
    await expect(pending).rejects.toMatchObject({ code: 'unavailable' });
  });
});
