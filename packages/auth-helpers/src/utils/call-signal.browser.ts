// The browser build's per-call signal (see call-signal.ts): browsers implement `AbortSignal.timeout()` and
// `AbortSignal.any()` natively and cheaply, so each call combines the caller's signal, dispose() and its timeout.
import { DocSpaceAuthError } from '@docspace/auth-client/errors';

/** The timeout signal inside each combined call signal. */
const timeoutOf = new WeakMap<AbortSignal, AbortSignal>();

/** The error for a call whose signal aborted: `timeout` when it was the per-call timeout, else `aborted`. */
export function abortError(signal: AbortSignal, timeoutMs: number): DocSpaceAuthError {
  const timeout = timeoutOf.get(signal);
  if (timeout?.aborted && signal.reason === timeout.reason) {
    return new DocSpaceAuthError('timeout', `the call did not finish within ${timeoutMs} ms`);
  }
  return new DocSpaceAuthError('aborted', 'the call was aborted', { cause: signal.reason });
}

/** The signal of each call: aborted by the caller's signal, by `lifetime` (dispose) or when `timeoutMs` runs out. */
export function callSignals(
  timeoutMs: number,
  lifetime: AbortSignal,
): (callerSignal: AbortSignal | undefined) => AbortSignal {
  return (callerSignal) => {
    const signals = callerSignal ? [callerSignal, lifetime] : [lifetime];
    if (!(timeoutMs > 0)) return AbortSignal.any(signals);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([...signals, timeout]);
    timeoutOf.set(signal, timeout);
    return signal;
  };
}
