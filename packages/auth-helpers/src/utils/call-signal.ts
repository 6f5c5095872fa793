// The per-call timeout and cancellation: one signal per call, aborted by the caller, by dispose() or by the timeout.
import { DocSpaceAuthError } from '@docspace/auth-client/errors';
import { timerQueue } from './timer-queue.js';

/** Reasons of the aborts that were our own per-call timeout (anything else is the caller's or dispose()). */
const timeouts = new WeakSet<object>();

/** The error for a call whose signal aborted: `timeout` when it was the per-call timeout, else `aborted`. */
export function abortError(signal: AbortSignal, timeoutMs: number): DocSpaceAuthError {
  if (timeouts.has(signal.reason)) {
    return new DocSpaceAuthError('timeout', `the call did not finish within ${timeoutMs} ms`);
  }
  return new DocSpaceAuthError('aborted', 'the call was aborted', { cause: signal.reason });
}

/**
 * The signal of each call: aborted by the caller's signal, by `lifetime` (dispose) or when `timeoutMs` runs out.
 *
 * `AbortSignal.timeout()` + `AbortSignal.any()` cost about 20 µs of CPU per call on Node 20, about as much as the
 * rest of the helpers' per-call work. Here a call gets one plain AbortController, and no timer of its own: every
 * call of a transport has the same timeout, so one {@link timerQueue} serves them all. The queue holds each call's
 * signal weakly, and nothing but the signal keeps its controller alive (`controllers`): while the fetch or the
 * reading of the body still uses the signal, the timeout and dispose() can abort it; once nothing does, the call is
 * collected, as with `AbortSignal.timeout()`.
 */
export function callSignals(
  timeoutMs: number,
  lifetime: AbortSignal,
): (callerSignal: AbortSignal | undefined) => AbortSignal {
  if (!(timeoutMs > 0)) return (callerSignal) => (callerSignal ? AbortSignal.any([callerSignal, lifetime]) : lifetime);
  const controllers = new WeakMap<AbortSignal, AbortController>();
  const abort = (signal: AbortSignal | undefined, reason: unknown) => {
    if (signal) controllers.get(signal)?.abort(reason);
  };
  const deadlines = timerQueue<AbortSignal>(timeoutMs, (signal) => {
    const reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    timeouts.add(reason);
    abort(signal, reason);
  });
  lifetime.addEventListener('abort', () => deadlines.drain((signal) => abort(signal, lifetime.reason)), { once: true });
  return (callerSignal) => {
    const controller = new AbortController();
    const { signal } = controller;
    if (lifetime.aborted || callerSignal?.aborted) {
      controller.abort(lifetime.aborted ? lifetime.reason : callerSignal?.reason);
      return signal;
    }
    controllers.set(signal, controller);
    if (callerSignal) {
      const ref = new WeakRef(signal);
      callerSignal.addEventListener('abort', () => abort(ref.deref(), callerSignal.reason), { once: true });
    }
    deadlines.add(signal);
    return signal;
  };
}
