import type { z } from 'zod';
import {
  CONNECTOR_METHODS,
  contract,
  events,
  isMethod,
  type EventName,
  type EventPayload,
  type Input,
  type Method,
  type Output,
  type ParsedInput,
} from './contract';
import { AppError, isSerializedError, type Issue, type SerializedError } from './errors';

/**
 * Anything port-like: an Electron MessagePort, a Node child/worker channel or a WebSocket.
 * Messages are structured-cloneable plain objects.
 */
export type Port = {
  send(message: unknown): void;
  onMessage(handler: (message: unknown) => void): () => void;
  onClose?(handler: () => void): () => void;
};

export type RequestMessage = { id: number; method: string; input: unknown };
export type ResponseMessage = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };
export type EventMessage = { event: string; payload: unknown };

export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>> };
export type EventSource = (listener: (event: EventName, payload: unknown) => void) => () => void;

/**
 * A zod issue's reason for the renderer: a custom check's own (`params.reason`), else the kind of
 * problem and what it was about (`too_big.string`, `invalid_type`…), with its limit.
 */
function issueOf(i: z.core.$ZodIssue): Issue {
  const path = i.path.map(String).join('.') || '(input)';
  if (i.code === 'custom') return { path, message: i.message, reason: typeof i.params?.reason === 'string' ? i.params.reason : 'custom' };
  if (i.code === 'too_big') return { path, message: i.message, reason: `too_big.${i.origin}`, maximum: Number(i.maximum) };
  if (i.code === 'too_small') return { path, message: i.message, reason: `too_small.${i.origin}`, minimum: Number(i.minimum) };
  return { path, message: i.message, reason: i.code };
}

/** Turns zod issues into our typed error, naming each field. */
export function invalidInput(method: string, error: z.ZodError): AppError {
  const issues = error.issues.map(issueOf);
  const text = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new AppError('invalid_input', `Invalid input for ${method}: ${text}`, { issues });
}

function toSerialized(err: unknown): SerializedError {
  if (err instanceof AppError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message, details: undefined };
}

function isRequest(m: unknown): m is RequestMessage {
  return typeof m === 'object' && m !== null && typeof (m as RequestMessage).id === 'number' && 'method' in m;
}

export type ServeOptions = {
  /** Validate every output against the contract (tests turn it on). */
  validateOutput?: boolean;
  events?: EventSource;
  /** The connector's port: the only one allowed the connector's methods (ERP pages, outbox, secret). */
  connector?: boolean;
  /** Called once when the port closes. */
  onClose?: () => void;
  onError?: (method: string, err: unknown) => void;
};

/** Runs a contract method: validates input, calls the handler, validates output if asked. */
export async function dispatch(handlers: Handlers, method: unknown, rawInput: unknown, options: ServeOptions = {}): Promise<unknown> {
  if (!isMethod(method)) throw new AppError('unknown_method', `Unknown method: ${String(method)}`, { method });
  if (options.connector === false && CONNECTOR_METHODS.has(method))
    throw new AppError('forbidden', `${method} is reserved to the ERP connector`, { method });
  const spec = contract[method];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) throw invalidInput(method, parsed.error);
  const handler = handlers[method] as (input: unknown) => unknown;
  const value = await handler(parsed.data);
  if (options.validateOutput) {
    const out = spec.output.safeParse(value);
    if (!out.success) throw new AppError('internal', `Output of ${method} breaks the contract: ${out.error.message}`);
  }
  return value;
}

/** Serves the contract on one port. Returns a function that stops serving. */
export function serve(port: Port, handlers: Handlers, serveOptions: ServeOptions = {}): () => void {
  // a port is a renderer's unless said otherwise
  const options = { ...serveOptions, connector: serveOptions.connector ?? false };
  const offMessage = port.onMessage((message) => {
    if (!isRequest(message)) return;
    const { id, method, input } = message;
    dispatch(handlers, method, input, options).then(
      (value) => port.send({ id, ok: true, value } satisfies ResponseMessage),
      (err: unknown) => {
        if (!(err instanceof AppError)) options.onError?.(String(method), err);
        port.send({ id, ok: false, error: toSerialized(err) } satisfies ResponseMessage);
      },
    );
  });
  const offEvents = options.events?.((event, payload) => port.send({ event, payload } satisfies EventMessage));
  const offClose = options.onClose ? port.onClose?.(options.onClose) : undefined;
  return () => {
    offMessage();
    offEvents?.();
    offClose?.();
  };
}

export type Client = {
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): void;
};

/** A typed client of the contract over a port. */
export function connect(port: Port): Client {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const offMessage = port.onMessage((message) => {
    if (typeof message !== 'object' || message === null) return;
    if ('event' in message) {
      const { event, payload } = message as EventMessage;
      const schema = (events as Record<string, z.ZodType>)[event];
      if (!schema?.safeParse(payload).success) return;
      listeners.get(event)?.forEach((l) => l(payload));
      return;
    }
    const response = message as ResponseMessage;
    const waiting = pending.get(response.id);
    if (!waiting) return;
    pending.delete(response.id);
    if (response.ok) waiting.resolve(response.value);
    else {
      const e = isSerializedError(response.error) ? response.error : toSerialized(response.error);
      waiting.reject(new AppError(e.code, e.message, e.details));
    }
  });

  const failAll = () => {
    for (const p of pending.values()) p.reject(new AppError('unavailable', 'The connection to core was closed'));
    pending.clear();
  };
  const offClose = port.onClose?.(failAll);

  return {
    call(method, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        try {
          port.send({ id, method, input } satisfies RequestMessage);
        } catch (err) {
          pending.delete(id);
          reject(new AppError('unavailable', `Could not reach core: ${err instanceof Error ? err.message : String(err)}`));
        }
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    close() {
      offMessage();
      offClose?.();
      failAll();
    },
  };
}

/** An Electron MessagePortMain (utility process side), as a Port: messages arrive as `{data}` events. */
export type MainPortLike = {
  postMessage(message: unknown): void;
  on(event: 'message' | 'close', listener: (e: { data: unknown }) => void): void;
  start(): void;
};
export function fromMainPort(port: MainPortLike): Port {
  const handlers = new Set<(m: unknown) => void>();
  const closers = new Set<() => void>();
  port.on('message', (e) => handlers.forEach((h) => h(e.data)));
  port.on('close', () => closers.forEach((h) => h()));
  port.start();
  return {
    send: (m) => port.postMessage(m),
    onMessage: (h) => (handlers.add(h), () => handlers.delete(h)),
    onClose: (h) => (closers.add(h), () => closers.delete(h)),
  };
}

/**
 * A Node IPC channel as a Port: a child process seen from its parent (`closeEvent` 'exit') or the
 * parent seen from the child, `process` itself ('disconnect').
 */
export type ChannelLike = {
  send?(message: unknown): unknown;
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  connected?: boolean;
};
export function fromChannel(channel: ChannelLike, closeEvent: 'exit' | 'disconnect'): Port {
  return {
    send: (m) => {
      if (channel.connected !== false) channel.send?.(m);
    },
    onMessage: (h) => {
      channel.on('message', h);
      return () => channel.off('message', h);
    },
    onClose: (h) => {
      channel.on(closeEvent, h);
      return () => channel.off(closeEvent, h);
    },
  };
}

/** Two connected in-memory ports, for tests and in-process wiring. */
export function portPair(): [Port & { close(): void }, Port & { close(): void }] {
  const handlers: [Set<(m: unknown) => void>, Set<(m: unknown) => void>] = [new Set(), new Set()];
  const closers = new Set<() => void>();
  let open = true;
  const make = (self: 0 | 1) => ({
    send: (m: unknown) => {
      if (!open) return;
      const copy = structuredClone(m);
      queueMicrotask(() => handlers[self === 0 ? 1 : 0].forEach((h) => h(copy)));
    },
    onMessage: (h: (m: unknown) => void) => {
      handlers[self].add(h);
      return () => handlers[self].delete(h);
    },
    onClose: (h: () => void) => {
      closers.add(h);
      return () => closers.delete(h);
    },
    /** Closes both ends, as a process exiting closes its channel. */
    close: () => {
      if (!open) return;
      open = false;
      closers.forEach((h) => h());
    },
  });
  return [make(0), make(1)];
}
