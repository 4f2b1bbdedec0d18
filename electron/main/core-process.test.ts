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

  it('hands core the secret main keeps, stores the one core sends, and links the connector only to a running core', () => {
    const storeSecret = vi.fn();
    const sup = superviseCore({ entry: '/out/main/core.js', env: {}, log: () => undefined, secret: () => 'kept', storeSecret });
    const early = { close: vi.fn() };
    sup.connectConnector(early as never);
    expect(early.close).toHaveBeenCalled();
    children[0]!.pid = 7;
    children[0]!.emit('spawn');
    expect(children[0]!.postMessage).toHaveBeenCalledWith({ type: 'secret', secret: 'kept' });
    children[0]!.emit('message', { type: 'store-secret', secret: 'typed' });
    expect(storeSecret).toHaveBeenCalledWith('typed');
    children[0]!.emit('message', { type: 'store-secret', secret: 42 });
    expect(storeSecret).toHaveBeenCalledTimes(1);
    const port = { close: vi.fn() };
    sup.connectConnector(port as never);
    expect(children[0]!.postMessage).toHaveBeenCalledWith({ type: 'connector' }, [port]);
    expect(port.close).not.toHaveBeenCalled();
  });
});
