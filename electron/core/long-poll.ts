type Waiter<C> = { resolve: (c: C) => void; timer: ReturnType<typeof setTimeout> };

/**
 * Commands core queues for a process that long-polls for them (the connector): `next` answers at
 * once when one is waiting, else when one is sent or after `waitMs` with `none`. A newer poll
 * releases the older one; `merge` lets a command replace or skip one already queued.
 */
export function createLongPoll<C>(none: C, merge: (queue: C[], c: C) => C[] = (q, c) => [...q, c]) {
  let queue: C[] = [];
  let waiter: Waiter<C> | null = null;
  const release = (c: C) => {
    if (!waiter) return false;
    clearTimeout(waiter.timer);
    const w = waiter;
    waiter = null;
    w.resolve(c);
    return true;
  };
  return {
    send(c: C) {
      queue = merge(queue, c);
      if (waiter && queue.length > 0) release(queue.shift()!);
    },
    next(waitMs: number): Promise<C> {
      release(none);
      if (queue.length > 0) return Promise.resolve(queue.shift()!);
      return new Promise<C>((resolve) => {
        const timer = setTimeout(() => {
          waiter = null;
          resolve(none);
        }, waitMs);
        waiter = { resolve, timer };
      });
    },
    /** the poller is gone: its pending poll ends with `none` */
    drop() {
      release(none);
    },
    get polling() {
      return waiter !== null;
    },
  };
}
