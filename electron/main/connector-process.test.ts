import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Child = EventEmitter & { pid?: number; postMessage: ReturnType<typeof vi.fn>; kill: ReturnType<typeof vi.fn> };
const children: Child[] = [];
vi.mock('electron', () => ({
  utilityProcess: {
    fork: vi.fn((entry: string, _args: string[], options: { serviceName: string }) => {
      const child = Object.assign(new EventEmitter(), { entry, options, postMessage: vi.fn(), kill: vi.fn() });
      children.push(child);
      return child;
    }),
  },
  MessageChannelMain: class {
    port1 = { name: 'to-connector' };
    port2 = { name: 'to-core' };
  },
}));

const { superviseConnector } = await import('./connector-process');

describe('connector supervision', () => {
  beforeEach(() => {
    children.length = 0;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('forks the connector and links it to core with a fresh port pair once it runs', () => {
    const link = vi.fn();
    superviseConnector({ entry: '/out/main/connector.js', link, log: () => undefined });
    expect(children).toHaveLength(1);
    expect(link).not.toHaveBeenCalled();
    children[0]!.emit('spawn');
    expect(link).toHaveBeenCalledWith({ name: 'to-connector' });
    expect(children[0]!.postMessage).toHaveBeenCalledWith({ type: 'core' }, [{ name: 'to-core' }]);
  });

  it('restarts it with a growing delay after a crash, with a new link each time, and not after stop', () => {
    const link = vi.fn();
    const log = vi.fn();
    const sup = superviseConnector({ entry: '/out/main/connector.js', link, log });
    children[0]!.emit('spawn');
    children[0]!.emit('exit', 1);
    expect(log).toHaveBeenLastCalledWith(expect.stringContaining('restarting in 500 ms'));
    vi.advanceTimersByTime(499);
    expect(children).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(children).toHaveLength(2);
    children[1]!.emit('spawn');
    expect(link).toHaveBeenCalledTimes(2);
    children[1]!.emit('exit', 1);
    expect(log).toHaveBeenLastCalledWith(expect.stringContaining('restarting in 1000 ms'));
    vi.advanceTimersByTime(1000);
    sup.stop();
    expect(children[2]!.kill).toHaveBeenCalled();
    children[2]!.emit('exit', 0);
    vi.advanceTimersByTime(60_000);
    expect(children).toHaveLength(3);
  });
});
