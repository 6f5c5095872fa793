// The fetch every request of `createDocSpaceAuth` goes through: the retry loop, with one replay with a fresh token
// after a 401. Which answers are retried is the policy (retry-policy.ts); the rest is in utils/.
import { DocSpaceAuthError } from './errors.js';
import type { DocSpaceAuthEvent } from './events.js';
import { type RetryOptions, shouldRetryNetworkError, shouldRetryStatus } from './retry-policy.js';
import { abortError, callSignals } from './utils/call-signal.js';
import { networkErrorCode } from './utils/network-error-code.js';
import { redactedPath } from './utils/redact-path.js';
import { bodyBytes } from './utils/request-body.js';
import { backoffDelay, serverRetryDelay } from './utils/retry-delay.js';
import { sleep } from './utils/sleep.js';
import { tokenOf, withToken } from './utils/token-replay.js';

export interface TransportOptions {
  fetch: typeof globalThis.fetch;
  retry: RetryOptions;
  /** Per call (all attempts and waits together); 0 for none. */
  timeoutMs: number;
  now: () => number;
  random: () => number;
  emit: (event: DocSpaceAuthEvent) => void;
  /** Aborts every call and wait when the owner is disposed. */
  lifetime: AbortSignal;
  /**
   * `fetch` is the platform's own (the caller passed none). It is then given a request's body as bytes in `init`:
   * Node's fetch pipes the body of a Request object through a TransformStream (about 0.2 ms per request), and
   * bytes in `init` spare that, and the copy kept for retries. A fetch passed in always gets a usable Request.
   */
  platformFetch?: boolean;
  /**
   * For authorised clients: called when the portal answers 401 to a request that carried `usedToken`. Resolves
   * to the token to replay with, or rejects (e.g. `session_expired`).
   */
  onUnauthorized?: (usedToken: string) => Promise<string>;
}

/** Builds the fetch function. Only failures with no usable answer throw; every HTTP answer is returned. */
export function createTransport(options: TransportOptions): typeof globalThis.fetch {
  // Called as a plain function, never as `options.fetch(...)`: a browser's fetch throws "Illegal invocation" when
  // its `this` is anything but the window (or undefined).
  const { retry, timeoutMs, fetch } = options;
  const signalFor = callSignals(timeoutMs, options.lifetime);

  return async function transport(input, init) {
    const first = input instanceof Request && init === undefined ? input : new Request(input, init);
    const method = first.method;
    // A body can be read once: the platform fetch gets it as bytes (every attempt reuses them); any other fetch
    // gets a fresh copy of a pristine clone for each further attempt.
    const bytes = await bodyBytes(first, options.platformFetch);
    const template = first.body === null || bytes ? undefined : first.clone();
    const nextCopy = (from: Request) => (template ? template.clone() : from);
    const signal = signalFor(first.signal);
    const attemptInit: RequestInit = bytes ? { signal, body: bytes } : { signal };

    let request = first;
    let attempt = 0;
    let replayedAfter401 = false;
    for (;;) {
      attempt++;
      let response: Response | undefined;
      let delayMs = 0;
      let reason = '';
      try {
        response = await fetch(request, attemptInit);
      } catch (error) {
        if (signal.aborted) throw abortError(signal, timeoutMs);
        const code = networkErrorCode(error);
        if (!(attempt < retry.maxAttempts && shouldRetryNetworkError(method, error))) {
          throw new DocSpaceAuthError(
            'network',
            `no answer from ${new URL(request.url).origin}${code ? ` (${code})` : ''} after ${attempt} attempt(s)`,
            { cause: error },
          );
        }
        delayMs = backoffDelay(attempt, retry, options.random);
        reason = code ?? 'network error';
      }

      if (response) {
        if (response.status === 401 && options.onUnauthorized && !replayedAfter401) {
          const used = tokenOf(request);
          if (used) {
            await response.body?.cancel();
            const fresh = await options.onUnauthorized(used);
            replayedAfter401 = true;
            attempt--; // the replay is not a retry
            request = withToken(nextCopy(request), used, fresh, bytes);
            continue;
          }
        }
        if (!(attempt < retry.maxAttempts && shouldRetryStatus(method, response.status))) return response;
        const asked = serverRetryDelay(response.headers, options.now());
        delayMs = asked === undefined ? backoffDelay(attempt, retry, options.random) : Math.min(asked, retry.maxRetryAfterMs);
        reason = `HTTP ${response.status}`;
        await response.body?.cancel();
      }

      // Another attempt, after the wait.
      options.emit({ type: 'retry', method, path: redactedPath(request.url), attempt, delayMs, reason });
      await sleep(delayMs, signal).catch(() => {
        throw abortError(signal, timeoutMs);
      });
      request = nextCopy(request);
    }
  };
}
