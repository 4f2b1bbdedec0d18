import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const children: (EventEmitter & { pid?: number; postMessage: ReturnType<typeof vi.fn>; kill: ReturnType<typeof vi.fn> })[] = [];
vi.mock('electron', () => ({
  utilityProcess: {
    fork: vi.fn(() => {
      const child = Object.assign(new EventEmitter(), { pid: undefined as number | undefined, postMessage: vi.fn(), kill: vi.fn() });
      children.push(child);
      return child;
    }),
  },
  MessageChannelMain: class {
    port1 = { name: 'port1' };
    port2 = { name: 'port2' };
  },
}));

const { superviseCore } = await import('./core-process');
const { RESTART_EXIT_CODE } = await import('../shared/contract/control');

describe('core supervision', () => {
  beforeEach(() => {
    children.length = 0;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('gives each renderer its own port to core once core has started', () => {
    const sup = superviseCore({ entry: '/out/main/core.js', env: {}, log: () => undefined });
    const contents = { postMessage: vi.fn() };
    sup.connect(contents as never);
    expect(contents.postMessage).not.toHaveBeenCalled();
    children[0]!.pid = 42;
    children[0]!.emit('spawn');
    expect(children[0]!.postMessage).toHaveBeenCalledWith({ type: 'connect' }, [{ name: 'port1' }]);
    expect(contents.postMessage).toHaveBeenCalledWith('comptoir:core-port', null, [{ name: 'port2' }]);
  });

  it('passes core’s reminders to main (and nothing malformed)', () => {
    const onNotice = vi.fn();
    const log = vi.fn();
    superviseCore({ entry: '/out/main/core.js', env: {}, log, onNotice });
    const reminder = { type: 'reminder', title: 'Relancer le devis', body: 'OPP-2026-000004 · Marchand', opportunityId: 4 };
    children[0]!.emit('message', reminder);
    expect(onNotice).toHaveBeenCalledWith(reminder);
    children[0]!.emit('message', { type: 'reminder', title: 'x', body: 'y', opportunityId: -1 });
    expect(onNotice).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('not a control message'));
  });

  it('restarts core after a crash with a growing delay, and not after stop', () => {
    const log = vi.fn();
    const sup = superviseCore({ entry: '/out/main/core.js', env: {}, log });
    children[0]!.emit('exit', 1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('restarting in 500 ms'));
    vi.advanceTimersByTime(500);
    expect(children).toHaveLength(2);
    children[1]!.emit('exit', 1);
    expect(log).toHaveBeenLastCalledWith(expect.stringContaining('restarting in 1000 ms'));
    vi.advanceTimersByTime(1000);
    expect(children).toHaveLength(3);
    sup.stop();
    expect(children[2]!.kill).toHaveBeenCalled();
    children[2]!.emit('exit', 0);
    vi.advanceTimersByTime(60_000);
    expect(children).toHaveLength(3);
  });

  it('hands core the secrets main keeps, stores (or forgets) the ones core sends, ignores anything else, and links the connector only to a running core', () => {
    const storeSecret = vi.fn();
    const log = vi.fn();
    const kept = { erp: 'kept-erp', team: 'kept-session' } as const;
    const sup = superviseCore({ entry: '/out/main/core.js', env: {}, log, secret: (name) => kept[name], storeSecret });
    const early = { close: vi.fn() };
    sup.connectConnector(early as never);
    expect(early.close).toHaveBeenCalled();
    children[0]!.pid = 7;
    children[0]!.emit('spawn');
    expect(children[0]!.postMessage).toHaveBeenCalledWith({ type: 'secret', name: 'erp', secret: 'kept-erp' }, undefined);
    expect(children[0]!.postMessage).toHaveBeenCalledWith({ type: 'secret', name: 'team', secret: 'kept-session' }, undefined);
    children[0]!.emit('message', { type: 'store-secret', name: 'erp', secret: 'typed' });
    expect(storeSecret).toHaveBeenCalledWith('erp', 'typed');
    children[0]!.emit('message', { type: 'store-secret', name: 'team', secret: null });
    expect(storeSecret).toHaveBeenCalledWith('team', null);
    // not a control message: nothing stored, said in the log
    children[0]!.emit('message', { type: 'store-secret', secret: 42 });
    children[0]!.emit('message', { type: 'store-secret', name: 'bank', secret: 'x' });
    expect(storeSecret).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenCalledWith('ignored a message from core that is not a control message');
    const port = { close: vi.fn() };
    sup.connectConnector(port as never);
    expect(children[0]!.postMessage).toHaveBeenCalledWith({ type: 'connector' }, [port]);
    expect(port.close).not.toHaveBeenCalled();
  });

  it('restarts core at once when it asks to (a restore): each window hears core is down and gets a port to the new core', () => {
    const onDown = vi.fn();
    const log = vi.fn();
    const sup = superviseCore({ entry: '/out/main/core.js', env: {}, log, onDown });
    children[0]!.pid = 1;
    children[0]!.emit('spawn');
    children[0]!.emit('exit', RESTART_EXIT_CODE);
    expect(onDown).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledWith('core restarts on its file');
    // the window asks for a port while core is away: it waits for the new one
    const contents = { postMessage: vi.fn() };
    sup.connect(contents as never);
    expect(contents.postMessage).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(children).toHaveLength(2);
    children[1]!.pid = 2;
    children[1]!.emit('spawn');
    expect(children[1]!.postMessage).toHaveBeenCalledWith({ type: 'connect' }, [{ name: 'port1' }]);
    expect(contents.postMessage).toHaveBeenCalledWith('comptoir:core-port', null, [{ name: 'port2' }]);
    // not a crash: the next crash still waits only the first delay
    children[1]!.emit('exit', 1);
    expect(log).toHaveBeenLastCalledWith(expect.stringContaining('restarting in 500 ms'));
  });

  it('hands core’s output to the log file when asked (its output piped)', () => {
    const output = vi.fn();
    superviseCore({ entry: '/out/main/core.js', env: {}, log: () => undefined, output });
    expect(output).toHaveBeenCalledWith(children[0]);
  });
});
