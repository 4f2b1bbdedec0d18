import type { TrytonTransport } from './transport';

/**
 * Runs a Tryton button that may stop on a user warning (UserWarning: <name>), answering each
 * warning as a user clicking "Yes" does: a res.user.warning record for that name, then again.
 */
export async function confirmingWarnings<T>(t: TrytonTransport, action: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await action();
    } catch (err) {
      const name = /UserWarning: (\S+)/.exec(err instanceof Error ? err.message : '')?.[1];
      if (!name || i >= 10) throw err;
      await t.call('model.res.user.warning.create', [[{ user: 1, name, always: false }], {}]);
    }
  }
}
