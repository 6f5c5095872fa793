// One sign-in for every process that shares a store: before signing in, a process looks for a session another one
// stored, for a refusal of the same credentials another one saw, and for the lease; without the lease it waits for
// the holder's outcome. When the coordinator fails, the process signs in on its own (its in-process single flight
// still holds) and says so with a `coordination-error` event. The per-process state is in session-manager.ts.
import { DocSpaceAuthError, isDocSpaceAuthError } from '@docspace/auth-client/errors';
import type { DocSpaceAuthEvent } from './events.js';
import type { LoginInput } from './login-types.js';
import type { Session } from './session.js';
import type { SignInCoordinator, SignInOutcome } from './stores/coordinator.js';
import { credentialFingerprint } from './utils/credential-fingerprint.js';

/** How a DocSpaceAuth instance uses a {@link SignInCoordinator}. */
export interface CoordinationSettings {
  coordinator: SignInCoordinator;
  /** How long a lease lasts without renewal; the holder renews it every third of it while it signs in. */
  leaseMs: number;
  /** How long a refused credential is remembered for everyone. */
  failureTtlMs: number;
  /** The longest a caller waits for other processes, all waits together (the call timeout); 0 for no limit. */
  waitMs: number;
}

export interface CoordinatedSignInContext extends CoordinationSettings {
  emit: (event: DocSpaceAuthEvent) => void;
  /** The subject's stored session, when it is live and is not `rejectedToken`: no sign-in is then needed. */
  usableStored: (subject: string, rejectedToken: string | undefined) => Promise<StoredOne | undefined>;
  /** Makes a session read by {@link usableStored} the one in use. */
  adopt: (stored: StoredOne) => void;
  /** Signs in and stores the session, with the lease's fencing token when there is one. */
  signIn: (input: LoginInput, fence: number | undefined) => Promise<Session>;
}

/** A session read from the store, and when it was obtained. */
export interface StoredOne {
  session: Session;
  obtainedAt: number;
}

type Operation = 'acquire' | 'wait' | 'extend' | 'release' | 'recall' | 'remember' | 'forget' | 'announce';

/** The coordinator failed: sign in without it. */
class CoordinatorUnavailable extends Error {}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The error a waiter gets for another process's failed sign-in. */
function errorOf(outcome: Extract<SignInOutcome, { ok: false }>, fromMemory: boolean): DocSpaceAuthError {
  const prefix = fromMemory
    ? 'the portal refused these credentials to another process; they are not sent again until they change'
    : 'another process signed in for this user and failed';
  return new DocSpaceAuthError(outcome.code, `${prefix}: ${outcome.message}`, {
    retryAfterMs: outcome.retryAfterMs,
    status: outcome.code === 'invalid_credentials' ? 401 : undefined,
  });
}

/** The outcome that tells waiters about `error`. */
function failedOutcome(fence: number, error: unknown): SignInOutcome {
  if (isDocSpaceAuthError(error)) {
    return { ok: false, fence, code: error.code, message: error.message, retryAfterMs: error.retryAfterMs };
  }
  return { ok: false, fence, code: 'protocol', message: 'the sign-in failed unexpectedly' };
}

/** Creates the coordinated sign-in of one instance. */
export function createCoordinatedSignIn(context: CoordinatedSignInContext) {
  const { coordinator, leaseMs, failureTtlMs, emit } = context;
  let degraded = false;
  /** The fingerprint of the last credentials used (they are in memory anyway: `credentials()` gives them). */
  let lastFingerprint: { subject: string; password: string; value: Promise<string> } | undefined;

  /** Runs one coordinator operation; its failure becomes an event and {@link CoordinatorUnavailable}. */
  async function use<T>(operation: Operation, run: () => T | Promise<T>): Promise<T> {
    let value: T;
    try {
      value = await run();
    } catch (error) {
      degraded = true;
      emit({ type: 'coordination-error', operation, message: errorText(error) });
      throw new CoordinatorUnavailable();
    }
    if (degraded) {
      degraded = false;
      emit({ type: 'coordination-restored' });
    }
    return value;
  }

  /** A release or renewal that fails is reported; the sign-in it belongs to stands. */
  async function quietly(operation: Operation, run: () => Promise<unknown>): Promise<void> {
    try {
      await use(operation, run);
    } catch {
      // use() reported it.
    }
  }

  async function underLease(
    subject: string,
    input: LoginInput,
    fingerprint: () => Promise<string>,
    rejected: string | undefined,
  ) {
    const attempt = await use('acquire', () => coordinator.acquire(subject, leaseMs));
    if (!('lease' in attempt)) return attempt;
    const { lease } = attempt;
    const keepAlive = setInterval(() => void quietly('extend', () => lease.extend()), Math.max(1, leaseMs / 3));
    (keepAlive as { unref?: () => void }).unref?.();
    let outcome: SignInOutcome = { ok: true, fence: lease.fence };
    try {
      // Someone may have finished between the first look and the lease.
      const stored = await context.usableStored(subject, rejected);
      if (stored) {
        context.adopt(stored);
        return { session: stored.session };
      }
      const failure = await use('recall', () => coordinator.recallFailure(subject));
      if (failure && failure.fingerprint === (await fingerprint())) {
        outcome = { ok: false, fence: lease.fence, code: failure.code, message: failure.message };
        throw errorOf(outcome, true);
      }
      const session = await context.signIn(input, lease.fence);
      // Other credentials worked: the refusal of the old ones is of no use to anyone now.
      if (failure) await quietly('forget', () => Promise.resolve(coordinator.forgetFailure(subject)));
      return { session };
    } catch (error) {
      // Without the coordinator this process signs in on its own; the waiters look at the store again.
      if (outcome.ok && !(error instanceof CoordinatorUnavailable)) outcome = failedOutcome(lease.fence, error);
      if (isDocSpaceAuthError(error, 'invalid_credentials')) {
        const failure = { fingerprint: await fingerprint(), code: error.code, message: error.message, at: Date.now() };
        await quietly('remember', () => Promise.resolve(coordinator.rememberFailure(subject, failure, failureTtlMs)));
      }
      throw error;
    } finally {
      clearInterval(keepAlive);
      await quietly('release', () => lease.release(outcome));
    }
  }

  /**
   * Signs in with `input` unless another process has (or does) already: then its session, or its error. Falls back
   * to signing in here when the coordinator fails.
   */
  async function signIn(subject: string, input: LoginInput, rejected: string | undefined): Promise<Session> {
    // Slow on purpose, so only computed when there is a refusal to compare with or to remember, and once per input.
    const fingerprint = () => {
      if (lastFingerprint?.subject !== subject || lastFingerprint.password !== input.password) {
        lastFingerprint = { subject, password: input.password, value: credentialFingerprint(subject, input.password) };
      }
      return lastFingerprint.value;
    };
    const deadline = context.waitMs > 0 ? Date.now() + context.waitMs : Number.POSITIVE_INFINITY;
    try {
      for (;;) {
        const stored = await context.usableStored(subject, rejected);
        if (stored) {
          context.adopt(stored);
          return stored.session;
        }
        const failure = await use('recall', () => coordinator.recallFailure(subject));
        if (failure && failure.fingerprint === (await fingerprint())) {
          throw errorOf({ ok: false, fence: 0, code: failure.code, message: failure.message }, true);
        }
        const attempt = await underLease(subject, input, fingerprint, rejected);
        if ('session' in attempt) return attempt.session;
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
          throw new DocSpaceAuthError(
            'timeout',
            `another process's sign-in did not finish within ${context.waitMs} ms`,
          );
        }
        const outcome = await use('wait', () =>
          coordinator.waitForOutcome(subject, attempt.heldBy, Math.min(remaining, leaseMs)),
        );
        if (outcome && !outcome.ok) throw errorOf(outcome, false);
        // Signed in (the store has it), or the lease ended without an outcome: look again.
      }
    } catch (error) {
      if (!(error instanceof CoordinatorUnavailable)) throw error;
      return context.signIn(input, undefined);
    }
  }

  return {
    signIn,
    /** Tells the other processes; a failure is only reported. */
    announce: (notice: Parameters<NonNullable<SignInCoordinator['announce']>>[0]) =>
      coordinator.announce ? quietly('announce', () => coordinator.announce!(notice)) : Promise.resolve(undefined),
  };
}
