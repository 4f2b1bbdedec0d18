import { hubContract, type HubInput, type HubMethod, type HubOutput } from '../shared/contract/hub';
import { AppError, isSerializedError } from '../shared/errors';

export type HubClient = {
  url: string;
  call<M extends HubMethod>(method: M, input: HubInput<M>): Promise<HubOutput<M>>;
  withToken(token: string | null): HubClient;
};

/**
 * The hub's API as the desk's connector calls it (POST /rpc/<method>, the session as a bearer
 * token). Every answer is checked against the contract: a malformed answer is an error, never data.
 * A hub that cannot be reached, or answers 5xx, is `unavailable` (retried with backoff); its
 * refusals come back as the typed errors it sent.
 */
export function hubClient(url: string, token: string | null = null, timeoutMs = 30_000): HubClient {
  const base = url.replace(/\/+$/, '');
  return {
    url: base,
    withToken: (t) => hubClient(base, t, timeoutMs),
    async call(method, input) {
      let res: Response;
      try {
        res = await fetch(`${base}/rpc/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(input),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new AppError('unavailable', `The hub at ${base} cannot be reached: ${(err as Error).message}`, { reason: 'hub.unreachable' });
      }
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new AppError(
          'unavailable',
          `The hub answered ${res.status} with ${res.headers.get('content-type') ?? 'no type'} (${text.length} bytes), not JSON`,
          {
            reason: 'hub.badAnswer',
          },
        );
      }
      const b = body as { ok?: unknown; value?: unknown; error?: unknown };
      if (b.ok === false && isSerializedError(b.error)) {
        if (res.status >= 500)
          throw new AppError('unavailable', b.error.message, { ...b.error.details, reason: b.error.details?.reason ?? 'hub.failed' });
        throw new AppError(b.error.code, b.error.message, b.error.details);
      }
      const parsed = b.ok === true ? hubContract[method].output.safeParse(b.value) : null;
      if (!parsed?.success)
        throw new AppError('unavailable', `The hub's answer to ${method} is not what this desk expects (${res.status})`, { reason: 'hub.badAnswer' });
      return parsed.data as HubOutput<typeof method>;
    },
  };
}
