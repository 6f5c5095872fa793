// The signal of one call: the per-call timeout, the caller's signal and dispose() each end it, with the right error.
// Both builds: the default one (one timer queue) and the browser one (AbortSignal.timeout() and any()).
import { describe, expect, it } from 'vitest';
import * as browserBuild from '../../src/utils/call-signal.browser.js';
import * as defaultBuild from '../../src/utils/call-signal.js';
import { sleep } from '../../src/utils/sleep.js';

/** Waits (on a timer that keeps the process alive; the queue's own is unref'd) until `signal` aborts, at most 5 s. */
async function aborted(signal: AbortSignal): Promise<void> {
  for (let waited = 0; !signal.aborted && waited < 5_000; waited += 10) await sleep(10, new AbortController().signal);
  expect(signal.aborted).toBe(true);
}

describe.each([
  ['default build', defaultBuild],
  ['browser build', browserBuild],
])('call signals, %s', (_build, { abortError, callSignals }) => {
  it('the per-call timeout aborts the call and reads as a timeout', async () => {
    const signalFor = callSignals(20, new AbortController().signal);
    const signal = signalFor(new AbortController().signal);
    await aborted(signal);
    expect(abortError(signal, 20)).toMatchObject({ code: 'timeout', message: 'the call did not finish within 20 ms' });
  });

  it('the caller’s signal aborts the call, before or during it, and reads as aborted', async () => {
    const signalFor = callSignals(60_000, new AbortController().signal);
    const caller = new AbortController();
    const signal = signalFor(caller.signal);
    caller.abort(new Error('user cancelled'));
    await aborted(signal);
    expect(abortError(signal, 60_000)).toMatchObject({ code: 'aborted' });
    expect(signalFor(caller.signal).aborted).toBe(true);
  });

  it('dispose (the lifetime) aborts every pending call and every later one', async () => {
    const lifetime = new AbortController();
    const signalFor = callSignals(60_000, lifetime.signal);
    const pending = [signalFor(new AbortController().signal), signalFor(new AbortController().signal)];
    lifetime.abort('disposed');
    expect(pending.map((s) => s.reason)).toEqual(['disposed', 'disposed']);
    expect(signalFor(new AbortController().signal).reason).toBe('disposed');
  });

  it('with no timeout (0), only the caller and the lifetime end a call', async () => {
    const lifetime = new AbortController();
    const signalFor = callSignals(0, lifetime.signal);
    const caller = new AbortController();
    const signal = signalFor(caller.signal);
    await sleep(30, new AbortController().signal);
    expect(signal.aborted).toBe(false);
    caller.abort('stop');
    expect(signal.reason).toBe('stop');
    const other = signalFor(new AbortController().signal);
    lifetime.abort('disposed');
    expect(other.reason).toBe('disposed');
  });

  it('a caller’s own timeout reads as aborted, not as the per-call timeout', async () => {
    const signalFor = callSignals(60_000, new AbortController().signal);
    // Held here, as a caller holds its own signal: Node's AbortSignal.any() (the browser build, run in Node here) keeps
    // its sources only weakly, so an unreferenced timeout signal could be collected before it fires.
    const callerTimeout = AbortSignal.timeout(10);
    const signal = signalFor(callerTimeout);
    await aborted(signal);
    expect(abortError(signal, 60_000)).toMatchObject({ code: 'aborted' });
    expect(callerTimeout.aborted).toBe(true);
  });
});
