import type { EventName, EventPayload } from '../shared/contract';
import type { EventSource } from '../shared/rpc';

export type EventBus = {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  source: EventSource;
};

/** Core's events, fanned out to every connected client. */
export function createEventBus(): EventBus {
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  return {
    emit: (event, payload) => listeners.forEach((l) => l(event, payload)),
    source: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
