// The fetch every request of `createDocSpaceAuth` goes through: the retry loop, with one replay with a fresh token
// after a 401. Which answers are retried is the policy (retry-policy.ts); the rest is in utils/.
import { DocSpaceAuthError } from '@docspace/auth-client/errors';
import type { DocSpaceAuthEvent } from './events.js';
import type { Limits } from './limits.js';
import { nextHop } from './redirects.js';
import { type RetryOptions, shouldRetryNetworkError, shouldRetryStatus } from './retry-policy.js';
import { abortError, callSignals } from './utils/call-signal.js';
import { limitedResponse } from './utils/limited-response.js';
import { networkErrorCode } from './utils/network-error-code.js';
import { redactedPath } from './utils/redact-path.js';
import { bodyBytes } from './utils/request-body.js';
import { redactInspection } from './utils/redacted-inspect.js';
import { backoffDelay } from './utils/retry-delay.js';
import { serverRetryDelay } from '@docspace/auth-client/errors';
import { sleep } from './utils/sleep.js';
import { tokenOf, withToken } from './utils/token-replay.js';

export interface TransportOptions {
  fetch: typeof globalThis.fetch;
  retry: RetryOptions;
  /** Size limits of an answer (limits.ts). */
  limits: Limits;
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
  const { retry, timeoutMs, fetch, limits } = options;
  const signalFor = callSignals(timeoutMs, options.lifetime);

  /**
   * One attempt: the request, and the redirects it gets, followed by the rules of redirects.ts (never by fetch
   * itself: `redirect: 'manual'`). The answer comes back with its limits enforced (utils/limited-response.ts).
   */
  async function attemptWithRedirects(
    request: Request,
    init: RequestInit,
    signal: AbortSignal,
    body: () => Promise<ArrayBuffer | undefined>,
  ) {
    let current = request;
    let currentInit = init;
    for (let hops = 0; ; hops++) {
      const response = await fetch(current, currentInit);
      const hop = nextHop(current, response, request.method, hops);
      if (!hop) return limitedResponse(response, limits, signal, () => abortError(signal, timeoutMs));
      await response.body?.cancel().catch(Boolean); // Boolean: a cancelled body that rejects is of no interest
      const bytes = hop.keepBody ? await body() : undefined;
      current = new Request(hop.url, { method: hop.method, headers: hop.headers, ...(bytes ? { body: bytes } : {}) });
      currentInit = { signal, redirect: 'manual' };
    }
  }

  return async function transport(input, init) {
    // The client hands this request back to its caller in results and errors: it inspects without credentials.
    const first = redactInspection(input instanceof Request && init === undefined ? input : new Request(input, init));
    const method = first.method;
    // A body can be read once: the platform fetch gets it as bytes (every attempt reuses them); any other fetch
    // gets a fresh copy of a pristine clone for each further attempt.
    const bytes = await bodyBytes(first, options.platformFetch);
    const template = first.body === null || bytes ? undefined : first.clone();
    const nextCopy = (from: Request) => (template ? template.clone() : from);
    const signal = signalFor(first.signal);
    const attemptInit: RequestInit = bytes
      ? { signal, redirect: 'manual', body: bytes }
      : { signal, redirect: 'manual' };
    const bodyForRedirect = async () => bytes ?? (template ? await template.clone().arrayBuffer() : undefined);
    const started = performance.now();

    let request = first;
    let attempt = 0;
    let replayedAfter401 = false;
    for (;;) {
      attempt++;
      let response: Response | undefined;
      let delayMs = 0;
      let reason = '';
      try {
        response = await attemptWithRedirects(request, attemptInit, signal, bodyForRedirect);
      } catch (error) {
        if (signal.aborted) throw abortError(signal, timeoutMs);
        if (error instanceof DocSpaceAuthError) throw error; // a refused redirect or an answer past its limits
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
        delayMs =
          asked === undefined ? backoffDelay(attempt, retry, options.random) : Math.min(asked, retry.maxRetryAfterMs);
        // A wait the call's timeout would cut short is not taken: the answer (429: rate_limited, with the wait the
        // portal asked for) is the result now, rather than a timeout later.
        if (asked !== undefined && timeoutMs > 0 && delayMs >= timeoutMs - (performance.now() - started))
          return response;
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
