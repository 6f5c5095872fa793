// The fetch every request of `createDocSpaceAuth` goes through: the retry loop, with one replay with a fresh token
// after a 401. Which answers are retried is the policy (retry-policy.ts); the rest is in utils/.
import { DocSpaceAuthError, serverRetryDelay } from '@docspace/auth-client/errors';
import type { DocSpaceAuthEvent } from './events.js';
import type { Limits } from './limits.js';
import { type RetryOptions, shouldRetryNetworkError, shouldRetryStatus } from './retry-policy.js';
import { abortError, callSignals } from './utils/call-signal.js';
import { limitedResponse } from './utils/limited-response.js';
import { networkErrorCode } from './utils/network-error-code.js';
import { redactedPath } from './utils/redact-path.js';
import { type OutgoingRequest, outgoingRequest } from './utils/outgoing-request.js';
import { backoffDelay } from './utils/retry-delay.js';
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
   * For authorised clients: called when the portal answers 401 to a request that carried `usedToken`. Resolves
   * to the token to replay with, or rejects (e.g. `session_expired`).
   */
  onUnauthorized?: (usedToken: string) => Promise<string>;
}

/**
 * Builds the fetch function. Only failures with no usable answer throw; every HTTP answer is returned. Every attempt
 * is one `fetch(url, init)`: no Request object is built, by this or by the client in front of it.
 */
export function createTransport(options: TransportOptions): typeof globalThis.fetch {
  // Called as a plain function, never as `options.fetch(...)`: a browser's fetch throws "Illegal invocation" when
  // its `this` is anything but the window (or undefined).
  const { retry, timeoutMs, fetch, limits } = options;
  const signalFor = callSignals(timeoutMs, options.lifetime);

  /**
   * One attempt: the request, and the redirects it gets, followed by the rules of redirects.ts (never by fetch
   * itself: `redirect: 'manual'`). The answer comes back with its limits enforced (utils/limited-response.ts).
   * redirects.ts is loaded at the first 3xx answer: a portal that never redirects never costs a page its bytes.
   */
  async function attemptWithRedirects(request: OutgoingRequest, headers: Headers, signal: AbortSignal) {
    let hop = { url: request.url, method: request.method, headers, keepBody: true };
    for (let hops = 0; ; hops++) {
      const response = await fetch(hop.url, {
        ...request.options,
        method: hop.method,
        headers: hop.headers,
        ...(hop.keepBody && request.body !== undefined ? { body: request.body } : {}),
        signal,
        redirect: 'manual',
      });
      const redirected = response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
      const next = redirected && (await import('./redirects.js')).nextHop(hop, response, request.method, hops);
      if (!next) return limitedResponse(response, limits, signal, () => abortError(signal, timeoutMs));
      await response.body?.cancel().catch(Boolean); // Boolean: a cancelled body that rejects is of no interest
      hop = { ...next, keepBody: hop.keepBody && next.keepBody };
    }
  }

  return async function transport(input, init) {
    const request = await outgoingRequest(input, init);
    const { method } = request;
    const signal = signalFor(request.signal);
    const started = performance.now();

    let headers = request.headers;
    let attempt = 0;
    let replayedAfter401 = false;
    for (;;) {
      attempt++;
      let response: Response | undefined;
      let delayMs = 0;
      let reason = '';
      try {
        response = await attemptWithRedirects(request, headers, signal);
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
          const used = tokenOf(headers);
          if (used) {
            await response.body?.cancel();
            const fresh = await options.onUnauthorized(used);
            replayedAfter401 = true;
            attempt--; // the replay is not a retry
            headers = withToken(headers, used, fresh);
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
    }
  };
}
