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

const COOKIE_TOKEN = /(?:^|;\s*)asc_auth_key=([^;]*)/;

/** The session token a request carries, in the `Authorization` header or the `asc_auth_key` cookie. */
export function tokenOf(request: Request): string | undefined {
  const authorization = request.headers.get('authorization');
  if (authorization) return authorization.startsWith('Bearer ') ? authorization.slice(7) : authorization;
  const match = COOKIE_TOKEN.exec(request.headers.get('cookie') ?? '');
  return match ? decodeURIComponent(match[1] ?? '') : undefined;
}

/** A copy of `request` (its body `body`, when given) with every place that held `oldToken` holding `newToken`. */
function withToken(request: Request, oldToken: string, newToken: string, body: ArrayBuffer | undefined): Request {
  const headers = new Headers(request.headers);
  const authorization = headers.get('authorization');
  if (authorization === `Bearer ${oldToken}`) headers.set('authorization', `Bearer ${newToken}`);
  else if (authorization === oldToken) headers.set('authorization', newToken);
  const cookie = headers.get('cookie');
  if (cookie) headers.set('cookie', cookie.replace(COOKIE_TOKEN, (all, value: string) => all.replace(value, newToken)));
  return new Request(request, body === undefined ? { headers } : { headers, body });
}

/** The path of a URL as events show it: a second-factor code in the path is replaced by `{code}`. */
export function redactedPath(url: string): string {
  const { pathname } = new URL(url);
  return pathname.replace(/(\/api\/2\.0\/authentication\/)(?!logout$|confirm$|setphone$|sendsms$)[^/]+$/i, '$1{code}');
}

/** Reasons of the aborts that were our own per-call timeout (anything else is the caller's or dispose()). */
const timeouts = new WeakSet<object>();

function abortError(signal: AbortSignal, timeoutMs: number): DocSpaceAuthError {
  if (timeouts.has(signal.reason)) {
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

/**
 * The signal of each call: aborted by the caller's signal, by `lifetime` (dispose) or when `timeoutMs` runs out.
 *
 * `AbortSignal.timeout()` + `AbortSignal.any()` cost about 20 µs of CPU per call on Node 20, about as much as the
 * rest of the helpers' per-call work. Here a call gets one plain AbortController, and no timer of its own: every
 * call of a transport has the same timeout, so calls come due in the order they started, and one unref'd timer
 * serves them from a queue. The queue holds each call's signal weakly, and nothing but the signal keeps its
 * controller alive (`controllers`): while the fetch or the reading of the body still uses the signal, the timeout
 * and dispose() can abort it; once nothing does, the call is collected, as with `AbortSignal.timeout()`.
 */
function callSignals(timeoutMs: number, lifetime: AbortSignal): (callerSignal: AbortSignal) => AbortSignal {
  if (!(timeoutMs > 0)) return (callerSignal) => AbortSignal.any([callerSignal, lifetime]);
  const controllers = new WeakMap<AbortSignal, AbortController>();
  // [deadline, signal] in the order the calls started. Deadlines are on `performance.now()`, a monotonic clock
  // (unlike the `now` option, which tests move).
  let queue: [number, WeakRef<AbortSignal>][] = [];
  let head = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const abort = (ref: WeakRef<AbortSignal>, reason: unknown) => {
    const signal = ref.deref();
    if (signal) controllers.get(signal)?.abort(reason);
  };
  const arm = () => {
    const next = queue[head];
    if (timer !== undefined || !next) return;
    timer = setTimeout(expire, next[0] - performance.now());
    (timer as { unref?: () => void }).unref?.(); // never keeps a Node process alive
  };
  const expire = () => {
    timer = undefined;
    const now = performance.now();
    for (let next = queue[head]; next && next[0] <= now; next = queue[++head]) {
      const reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      timeouts.add(reason);
      abort(next[1], reason);
    }
    // Drop what came due, in amortised constant time per call.
    if (head * 2 >= queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    arm();
  };
  lifetime.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      for (const [, ref] of queue.slice(head)) abort(ref, lifetime.reason);
      queue = [];
      head = 0;
    },
    { once: true },
  );
  return (callerSignal) => {
    const controller = new AbortController();
    const { signal } = controller;
    if (lifetime.aborted || callerSignal.aborted) {
      controller.abort(lifetime.aborted ? lifetime.reason : callerSignal.reason);
      return signal;
    }
    controllers.set(signal, controller);
    const ref = new WeakRef(signal);
    callerSignal.addEventListener('abort', () => abort(ref, callerSignal.reason), { once: true });
    queue.push([performance.now() + timeoutMs, ref]);
    arm();
    return signal;
  };
}

/** Builds the fetch function. Only failures with no usable answer throw; every HTTP answer is returned. */
export function createTransport(options: TransportOptions): typeof globalThis.fetch {
  const { retry, timeoutMs } = options;
  const signalFor = callSignals(timeoutMs, options.lifetime);

  return async function transport(input, init) {
    const first = input instanceof Request && init === undefined ? input : new Request(input, init);
    const method = first.method;
    // A body can be read once: the platform fetch gets it as bytes (every attempt reuses them); any other fetch
    // gets a fresh copy of a pristine clone for each further attempt.
    const bytes = first.body !== null && options.platformFetch ? await first.arrayBuffer() : undefined;
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
        response = await options.fetch(request, attemptInit);
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
