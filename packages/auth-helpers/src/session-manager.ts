// The signed-in session of one DocSpaceAuth instance and its transitions: restore from the store, persist, forget,
// expire, renewal, the token for a call, what a 401 means, signing in again, and one sign-in at a time for every
// caller that waits for a token. No HTTP here: the sign-in itself is passed in (login.ts).
import { isApiKey, rejectedApiKey } from './api-key.js';
import type { CoordinationSettings, createCoordinatedSignIn, StoredOne } from './coordinated-sign-in.js';
import { DocSpaceAuthError } from '@docspace/auth-client/errors';
import type { DocSpaceAuthEvent } from './events.js';
import type { LoginInput, LoginOutcome } from './login-types.js';
import { fromStored, portalKey, type Session, toStored, userKey } from './session.js';
import type { SessionStore } from './stores/types.js';
import type { TabSync } from './tab-sync.js';

/** What {@link createSessionManager} needs. */
export interface SessionManagerOptions {
  /** The portal's origin. */
  portal: string;
  store: SessionStore;
  /** Which stored session to restore; default the portal's most recent one. */
  userName?: string | undefined;
  /** The clock, in ms since the epoch. */
  now: () => number;
  /** Sign in again this long before the token expires (at most half of the token's lifetime). */
  refreshMarginMs: number;
  /** Credentials for signing in again; without them, a dead token ends the session. */
  credentials?: (() => LoginInput | undefined | Promise<LoginInput | undefined>) | undefined;
  /**
   * Keeps refused `credentials()` from being sent again (credentials-circuit.ts, loaded at the first sign-in again);
   * none: always sent.
   */
  circuit?: ((input: LoginInput, signIn: () => Promise<Session>) => Promise<Session>) | undefined;
  /** Makes the sign-in requests. */
  signIn: (input: LoginInput) => Promise<LoginOutcome>;
  emit: (event: DocSpaceAuthEvent) => void;
  /** The other tabs sharing the store (tab-sync.ts): told of changes, and one sign-in again at a time among them. */
  tabs?: TabSync | undefined;
  /** Sign-ins shared with other processes (coordinated-sign-in.ts); without it, one sign-in per process. */
  coordination?: CoordinationSettings | undefined;
}

/** The session state of one instance. Every method may be called concurrently. */
export interface SessionManager {
  /** The session (restored from the store at first use), or `null`. Never contacts the portal. */
  restore(): Promise<Session | null>;
  /** Signs in with `input`, stores the session and makes it the one in use. */
  login(input: LoginInput): Promise<Session>;
  /** The token for the next authorised call: at once when the session is live and not due for renewal. */
  tokenForCall(): string | Promise<string>;
  /** A 401 to a call that carried `usedToken`: a fresh token to replay with, or a `session_expired` error. */
  onUnauthorized(usedToken: string): Promise<string>;
  /** The portal says `session` is no longer valid: drop it here and from the store, and report it. */
  expire(session: Session, reason: 'expired' | 'rejected'): Promise<void>;
  /** Signing out: drop `session` here and from the store, without an event (the caller reports the sign-out). */
  discard(session: Session): Promise<void>;
  /** Stops listening to the other tabs and following other processes' changes (dispose). */
  close(): void;
}

/** A session and when it was obtained (ms since the epoch; 0 when unknown), which sizes its renewal margin. */
interface ObtainedSession {
  session: Session;
  obtainedAt: number;
}

export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const { portal, store, now, emit, refreshMarginMs, credentials } = options;
  const restoreKey = options.userName ? userKey(portal, options.userName) : portalKey(portal);
  // undefined: not restored yet; null: no session.
  let active: ObtainedSession | null | undefined;
  let restoring: Promise<Session | null> | undefined;
  /** The sign-in every caller that needs a token waits for, while one runs. */
  let pendingSignIn: Promise<Session> | undefined;

  // Store access never fails a sign-in: problems are reported as events.
  async function storeCall<T>(operation: 'get' | 'set' | 'delete', run: () => T | Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      emit({ type: 'store-error', operation, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }

  async function persist({ session, obtainedAt }: ObtainedSession, fence?: number): Promise<void> {
    const stored = toStored(session, obtainedAt);
    const key = userKey(portal, session.userName);
    await storeCall('set', () => (fence === undefined ? store.set(key, stored) : store.set(key, stored, { fence })));
    await storeCall('set', () => store.set(portalKey(portal), stored));
  }

  async function forget(session: Session): Promise<void> {
    await storeCall('delete', () => store.delete(userKey(portal, session.userName)));
    const latest = fromStored(await storeCall('get', () => store.get(portalKey(portal))));
    if (latest && latest.session.token === session.token) {
      await storeCall('delete', () => store.delete(portalKey(portal)));
    }
  }

  function restore(): Promise<Session | null> {
    if (active !== undefined) return Promise.resolve(active?.session ?? null);
    restoring ??= (async () => {
      const found = fromStored(await storeCall('get', () => store.get(restoreKey)));
      const settled = active as ObtainedSession | null | undefined; // a sign-in may have finished meanwhile
      if (settled !== undefined) return settled?.session ?? null;
      if (!found || found.session.portal !== portal) {
        active = null;
        return null;
      }
      const { session } = found;
      if (session.expires && session.expires.getTime() <= now()) {
        active = null;
        await forget(session);
        emit({ type: 'session-expired', portal, userName: session.userName, reason: 'expired' });
        return null;
      }
      active = found;
      watch(session.userName);
      emit({ type: 'session-restored', portal, userName: session.userName, expires: session.expires });
      return session;
    })().finally(() => {
      restoring = undefined;
    });
    return restoring;
  }

  /** Makes `signIn` the one every caller that needs a token waits for, until it settles. */
  function shareSignIn(signIn: Promise<Session>): Promise<Session> {
    pendingSignIn = signIn;
    const clear = () => {
      if (pendingSignIn === signIn) pendingSignIn = undefined;
    };
    signIn.then(clear, clear);
    return signIn;
  }

  async function runSignIn(input: LoginInput, fence?: number): Promise<Session> {
    const outcome = await options.signIn(input);
    const obtained = { session: outcome.session, obtainedAt: now() };
    active = obtained;
    watch(outcome.session.userName);
    await persist(obtained, fence);
    const { userName, expires } = outcome.session;
    emit({ type: 'signed-in', portal, userName, expires, secondFactor: outcome.secondFactor });
    tabs?.announce({ kind: 'signed-in', userName });
    return outcome.session;
  }

  // The other tabs' view of this state (tab-sync.ts), when asked for: all its logic lives there.
  const tabs = options.tabs?.attach({
    portal,
    stored: storedNow,
    current: () => active,
    use: (held) => {
      active = held;
    },
    signingIn: () => pendingSignIn !== undefined,
    renewalDue,
    emit,
  });

  /** The live session of this portal in the store now, as another tab may have left it. */
  async function storedNow(): Promise<ObtainedSession | null> {
    const found = fromStored(await storeCall('get', () => store.get(restoreKey)));
    if (!found || found.session.portal !== portal) return null;
    const expires = found.session.expires?.getTime();
    return expires !== undefined && expires <= now() ? null : found;
  }

  // Coordination with other processes: a session one of them stored is adopted, announced changes are picked up.
  const coordination = options.coordination;
  const watched = new Set<string>();
  const unwatch: (() => void)[] = [];

  /** The subject's stored session when it can be used: live, outside its renewal margin, not `rejected`. */
  async function usableStored(subject: string, rejected: string | undefined): Promise<StoredOne | undefined> {
    const found = fromStored(await storeCall('get', () => store.get(subject)));
    if (!found || found.session.portal !== portal || found.session.token === rejected) return undefined;
    if (found.session.expires && found.session.expires.getTime() <= now()) return undefined;
    return renewalDue(found) ? undefined : found;
  }

  function adopt(found: StoredOne): void {
    if (active?.session.token === found.session.token) return;
    active = found;
    const { userName, expires } = found.session;
    watch(userName);
    emit({ type: 'session-adopted', portal, userName, expires });
  }

  /** Follows another process's sign-in or sign-out of `userName` (between calls, never on a call's path). */
  function watch(userName: string): void {
    const subject = userKey(portal, userName);
    if (!coordination?.coordinator.watch || watched.has(subject)) return;
    watched.add(subject);
    unwatch.push(
      coordination.coordinator.watch(subject, (notice) => {
        if (pendingSignIn) return; // its outcome is what this process uses
        void (async () => {
          const found = fromStored(await storeCall('get', () => store.get(subject)));
          if (pendingSignIn || !active || active.session.userName !== userName) return;
          if (found && found.session.portal === portal && found.session.token !== active.session.token) {
            if (!(found.session.expires && found.session.expires.getTime() <= now())) adopt(found);
          } else if (!found && notice.kind === 'revoked') {
            active = null;
          }
        })();
      }),
    );
  }

  // The coordinated sign-in is loaded the first time it is needed: a program (or a page) without a coordinator
  // does not load it at all.
  type CoordinatedSignIn = ReturnType<typeof createCoordinatedSignIn>;
  let coordinatedSignIn: Promise<CoordinatedSignIn> | undefined;
  const loadCoordinated = (settings: CoordinationSettings): Promise<CoordinatedSignIn> =>
    (coordinatedSignIn ??= import('./coordinated-sign-in.js').then((module) =>
      module.createCoordinatedSignIn({
        ...settings,
        emit,
        usableStored,
        adopt,
        signIn: (input, fence) => runSignIn(input, fence),
      }),
    ));
  const coordinated = coordination && {
    signIn: async (subject: string, input: LoginInput, rejected: string | undefined) =>
      (await loadCoordinated(coordination)).signIn(subject, input, rejected),
    announce: async (notice: Parameters<CoordinatedSignIn['announce']>[0]) =>
      (await loadCoordinated(coordination)).announce(notice),
  };

  /**
   * Signs in again with `credentials()`, once for any number of callers (and, with `tabs`, once for all the tabs:
   * a tab that waited for the lock takes the session the other one stored; with a coordinator, once for all the
   * processes). `staleToken`: the token given up on.
   */
  function signInAgain(staleToken = active?.session.token): Promise<Session> {
    if (pendingSignIn) return pendingSignIn;
    if (!credentials) {
      return Promise.reject(
        new DocSpaceAuthError('session_expired', 'the session has expired and no credentials() callback is set'),
      );
    }
    const run = async () => {
      const input = await credentials();
      if (!input) throw new DocSpaceAuthError('session_expired', 'the session has expired and credentials() gave none');
      // The circuit (this process's memory of refusals) first, then the fleet's (the coordinator's), if any.
      const signIn = () =>
        coordinated && typeof input.userName === 'string' && input.userName.trim() !== ''
          ? coordinated.signIn(userKey(portal, input.userName), input, staleToken)
          : runSignIn(input);
      return options.circuit ? options.circuit(input, signIn) : signIn();
    };
    return shareSignIn(tabs ? tabs.signInAgain(staleToken, run) : run());
  }

  function renewalDue({ session, obtainedAt }: ObtainedSession): boolean {
    const expires = session.expires?.getTime();
    if (expires === undefined) return false;
    const lifetimeMs = expires - obtainedAt;
    const margin = obtainedAt > 0 ? Math.min(refreshMarginMs, lifetimeMs / 2) : refreshMarginMs;
    return expires - now() <= margin;
  }

  async function expire(session: Session, reason: 'expired' | 'rejected'): Promise<void> {
    if (active?.session.token === session.token) active = null;
    await forget(session);
    emit({ type: 'session-expired', portal, userName: session.userName, reason });
    tabs?.announce({ kind: 'signed-out', userName: session.userName });
  }

  async function tokenAfterWaiting(): Promise<string> {
    if (pendingSignIn) return (await pendingSignIn).token;
    if (active === undefined) await restore();
    const obtained = active;
    if (obtained && !renewalDue(obtained)) return obtained.session.token;
    if (credentials) return (await signInAgain()).token;
    if (!obtained)
      throw new DocSpaceAuthError('not_signed_in', 'not signed in: call login() first or set credentials()');
    if (obtained.session.expires && obtained.session.expires.getTime() <= now()) {
      await expire(obtained.session, 'expired');
      throw new DocSpaceAuthError('session_expired', 'the session has expired; sign in again');
    }
    return obtained.session.token; // inside the renewal margin but still valid, and no way to renew
  }

  return {
    restore,
    login: (input) =>
      shareSignIn(
        runSignIn(input).then((session) => {
          void coordinated?.announce({ kind: 'replaced', subject: userKey(portal, session.userName) });
          return session;
        }),
      ),
    // The client asks once per security scheme of an operation (six for most), so the usual case, a live session
    // outside its renewal margin, answers at once, without a promise.
    tokenForCall() {
      const obtained = active;
      return !pendingSignIn && obtained && !renewalDue(obtained) ? obtained.session.token : tokenAfterWaiting();
    },
    async onUnauthorized(usedToken) {
      if (active && active.session.token !== usedToken) return active.session.token;
      if (pendingSignIn) return (await pendingSignIn).token;
      // With other tabs, the dead token stays in the store until the sign-in under the lock replaces it: forgetting
      // it first would sign the other tabs out meanwhile, or delete what one of them just stored.
      if (coordinated && credentials && !isApiKey(usedToken)) {
        // The store is shared: another process may have stored a new session already, so it is not cleared here;
        // dropping it here sends the next calls to the coordinated sign-in, not to the portal with a dead token.
        if (active) {
          const { userName } = active.session;
          active = null;
          emit({ type: 'session-expired', portal, userName, reason: 'rejected' });
        }
        return (await signInAgain(usedToken)).token;
      }
      if (tabs && credentials) return (await signInAgain(usedToken)).token;
      if (active) await expire(active.session, 'rejected');
      // A stored API key (`docspace-auth login --with-api-key`) is not renewed by signing in: it is simply dead.
      if (isApiKey(usedToken)) throw rejectedApiKey();
      if (!credentials) {
        throw new DocSpaceAuthError('session_expired', 'the portal rejected the token; sign in again', { status: 401 });
      }
      return (await signInAgain()).token;
    },
    expire,
    async discard(session) {
      if (active?.session.token === session.token) active = null;
      await forget(session);
      tabs?.announce({ kind: 'signed-out', userName: session.userName });
      await coordinated?.announce({ kind: 'revoked', subject: userKey(portal, session.userName) });
    },
    close() {
      tabs?.close();
      for (const stop of unwatch.splice(0)) stop();
    },
  };
}
