// The fetch every request of `createDocSpaceAuth` goes through: retries with backoff, the per-call timeout,
// abort during waits, and one replay with a fresh token after a 401.
import { DocSpaceAuthError } from './errors.js';
import type { DocSpaceAuthEvent } from './events.js';
import {
  backoffDelay,
  networkErrorCode,
  type RetryOptions,
  serverRetryDelay,
  shouldRetryNetworkError,
  shouldRetryStatus,
} from './retry.js';

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
   * For authorised clients: called when the portal answers 401 to a request that carried `usedToken`. Resolves
   * to the token to replay with, or rejects (e.g. `session_expired`).
   */
  onUnauthorized?: (usedToken: string) => Promise<string>;
}

const COOKIE_TOKEN = /(?:^|;\s*)asc_auth_key=([^;]*)/;

/** The session token a request carries, in the `Authorization` header or the `asc_auth_key` cookie. */
export function tokenOf(request: Request): string | undefined {
  const authorization = request.headers.get('authorization');
  if (authorization) return authorization.startsWith('Bearer ') ? authorization.slice(7) : authorization;
  const match = COOKIE_TOKEN.exec(request.headers.get('cookie') ?? '');
  return match ? decodeURIComponent(match[1] ?? '') : undefined;
}

/** A copy of `request` with every place that held `oldToken` holding `newToken` instead. */
function withToken(request: Request, oldToken: string, newToken: string): Request {
  const headers = new Headers(request.headers);
  const authorization = headers.get('authorization');
  if (authorization === `Bearer ${oldToken}`) headers.set('authorization', `Bearer ${newToken}`);
  else if (authorization === oldToken) headers.set('authorization', newToken);
  const cookie = headers.get('cookie');
  if (cookie) headers.set('cookie', cookie.replace(COOKIE_TOKEN, (all, value: string) => all.replace(value, newToken)));
  return new Request(request, { headers });
}

/** The path of a URL as events show it: a second-factor code in the path is replaced by `{code}`. */
export function redactedPath(url: string): string {
  const { pathname } = new URL(url);
  return pathname.replace(/(\/api\/2\.0\/authentication\/)(?!logout$|confirm$|setphone$|sendsms$)[^/]+$/i, '$1{code}');
}

function abortError(signal: AbortSignal, timeoutSignal: AbortSignal | undefined, timeoutMs: number): DocSpaceAuthError {
  if (timeoutSignal?.aborted) {
    return new DocSpaceAuthError('timeout', `the call did not finish within ${timeoutMs} ms`);
  }
  return new DocSpaceAuthError('aborted', 'the call was aborted', { cause: signal.reason });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Builds the fetch function. Only failures with no usable answer throw; every HTTP answer is returned. */
export function createTransport(options: TransportOptions): typeof globalThis.fetch {
  const { retry } = options;

  return async function transport(input, init) {
    const first = input instanceof Request && init === undefined ? input : new Request(input, init);
    const method = first.method;
    // A body can be read once; keep a pristine copy to make every further attempt from.
    const template = first.body === null ? undefined : first.clone();
    const nextCopy = (from: Request) => (template ? template.clone() : from);

    const timeoutSignal = options.timeoutMs > 0 ? AbortSignal.timeout(options.timeoutMs) : undefined;
    const signal = AbortSignal.any(
      timeoutSignal ? [first.signal, options.lifetime, timeoutSignal] : [first.signal, options.lifetime],
    );

    let request = first;
    let attempt = 0;
    let replayedAfter401 = false;
    for (;;) {
      attempt++;
      let response: Response;
      try {
        response = await options.fetch(request, { signal });
      } catch (error) {
        if (signal.aborted) throw abortError(signal, timeoutSignal, options.timeoutMs);
        if (attempt < retry.maxAttempts && shouldRetryNetworkError(method, error)) {
          const delayMs = backoffDelay(attempt, retry, options.random);
          const reason = networkErrorCode(error) ?? 'network error';
          options.emit({ type: 'retry', method, path: redactedPath(request.url), attempt, delayMs, reason });
          await sleep(delayMs, signal).catch(() => {
            throw abortError(signal, timeoutSignal, options.timeoutMs);
          });
          request = nextCopy(request);
          continue;
        }
        const code = networkErrorCode(error);
        throw new DocSpaceAuthError(
          'network',
          `no answer from ${new URL(request.url).origin}${code ? ` (${code})` : ''} after ${attempt} attempt(s)`,
          { cause: error },
        );
      }

      if (response.status === 401 && options.onUnauthorized && !replayedAfter401) {
        const used = tokenOf(request);
        if (used) {
          await response.body?.cancel();
          const fresh = await options.onUnauthorized(used);
          replayedAfter401 = true;
          attempt--; // the replay is not a retry
          request = withToken(nextCopy(request), used, fresh);
          continue;
        }
      }

      if (attempt < retry.maxAttempts && shouldRetryStatus(method, response.status)) {
        const asked = serverRetryDelay(response.headers, options.now());
        const delayMs =
          asked === undefined ? backoffDelay(attempt, retry, options.random) : Math.min(asked, retry.maxRetryAfterMs);
        await response.body?.cancel();
        options.emit({
          type: 'retry',
          method,
          path: redactedPath(request.url),
          attempt,
          delayMs,
          reason: `HTTP ${response.status}`,
        });
        await sleep(delayMs, signal).catch(() => {
          throw abortError(signal, timeoutSignal, options.timeoutMs);
        });
        request = nextCopy(request);
        continue;
      }
      return response;
    }
  };
}
