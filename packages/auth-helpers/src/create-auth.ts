import {
  type Auth,
  type Client,
  createDocSpaceClient,
  getIsAuthentificated,
  logout as logoutCall,
} from '@docspace/auth-client';
import type { SecondFactorChallenge } from './challenge.js';
import { DocSpaceAuthError, errorFromResponse, isDocSpaceAuthError } from './errors.js';
import { type DocSpaceAuthEvent, type DocSpaceAuthEventOf, type DocSpaceAuthEventType, Emitter } from './events.js';
import { type LoginInput, signIn } from './login.js';
import { defaultRetryOptions, type RetryOptions } from './retry-policy.js';
import { fromStored, portalKey, type Session, toStored, userKey } from './session.js';
import { memoryStore } from './stores/memory.js';
import type { SessionStore } from './stores/types.js';
import { createTransport } from './transport.js';
import { portalOrigin } from './url.js';

/** The `Authorization: Bearer` scheme of an operation (not the API-key, OAuth2 or OpenID ones, which look alike). */
const isBearerHeader = (scheme: Auth) =>
  scheme.type === 'http' && scheme.scheme === 'bearer' && (scheme.key ?? 'Bearer') === 'Bearer';
/** The `asc_auth_key` cookie scheme: the form `logout` needs to revoke the session. */
const isSessionCookie = (scheme: Auth) => scheme.in === 'cookie' && scheme.name === 'asc_auth_key';

/** Options of {@link createDocSpaceAuth}. Only `baseUrl` is required. */
export interface DocSpaceAuthOptions {
  /** The portal, e.g. `https://yourportal.onlyoffice.com`. */
  baseUrl: string;
  /** Which stored session to restore. Default: the portal's most recent one. */
  userName?: string;
  /** Where sessions persist. Default: {@link memoryStore}. */
  store?: SessionStore;
  /** Retry policy; `false` for a single attempt. Defaults: 3 attempts, 300 ms base, 20 s cap, 60 s `Retry-After` cap. */
  retry?: Partial<RetryOptions> | false;
  /** Timeout of one call, waits between retries included; 0 for none. Default 30 000 ms. */
  timeoutMs?: number;
  /** Sign in again this long before the token expires (at most half of the token's lifetime). Default 300 000 ms. */
  refreshMarginMs?: number;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Asks for the second-factor code when the portal wants one (prompt a person, read an SMS inbox, ...). */
  secondFactor?: (challenge: SecondFactorChallenge) => string | Promise<string>;
  /**
   * Credentials for signing in again when the token expires or is rejected. Without it, a dead token ends the
   * session with a `session_expired` error.
   */
  credentials?: () => LoginInput | undefined | Promise<LoginInput | undefined>;
  /** A Base32 authenticator-app secret: codes are computed automatically (for bots and CI). */
  totpSecret?: string;
  /** Receives every {@link DocSpaceAuthEvent}. */
  onEvent?: (event: DocSpaceAuthEvent) => void;
  /** Allow credentials over plain `http://` to a host that is not loopback. Default `false`. */
  allowInsecureHttp?: boolean;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** What {@link createDocSpaceAuth} returns. */
export interface DocSpaceAuth {
  /**
   * An `@docspace/auth-client` client that sends the current token on every call, signs in again (once) when the
   * portal rejects it, and retries as configured. Pass it to any generated operation:
   * `getSelfProfile({ client: auth.client })`.
   */
  readonly client: Client;
  /** The portal's origin. */
  readonly portal: string;
  /** Signs in: one request, or two when the portal asks for a second factor. Stores and returns the session. */
  login(input: LoginInput): Promise<Session>;
  /** The current session (restored from the store at first use), or `null`. Does not contact the portal. */
  session(): Promise<Session | null>;
  /** Asks the portal whether the current token is valid; a rejected token is removed from the store. */
  isAuthenticated(options?: { signal?: AbortSignal }): Promise<boolean>;
  /** Ends the session at the portal (revoking the token) and removes it from the store. */
  logout(options?: { signal?: AbortSignal }): Promise<void>;
  /** Subscribes to one event type, or to all with `'*'`. Returns the unsubscribe function. */
  on<T extends DocSpaceAuthEventType>(type: T, listener: (event: DocSpaceAuthEventOf<T>) => void): () => void;
  on(type: '*', listener: (event: DocSpaceAuthEvent) => void): () => void;
  /** Stops everything in flight (pending waits reject with `aborted`) and drops all listeners. */
  dispose(): void;
}

/**
 * Creates a sign-in helper for one portal.
 *
 * @example
 * ```ts
 * const auth = createDocSpaceAuth({ baseUrl: 'https://yourportal.onlyoffice.com', totpSecret: process.env.TOTP });
 * await auth.login({ userName: 'bot@example.com', password: process.env.PASSWORD! });
 * const { data } = await getSelfProfile({ client: auth.client });
 * ```
 */
export function createDocSpaceAuth(options: DocSpaceAuthOptions): DocSpaceAuth {
  const portal = portalOrigin(options?.baseUrl, options?.allowInsecureHttp === true);
  const now = options.now ?? Date.now;
  const store = options.store ?? memoryStore();
  const retry: RetryOptions =
    options.retry === false ? { ...defaultRetryOptions, maxAttempts: 1 } : { ...defaultRetryOptions, ...options.retry };
  const refreshMarginMs = options.refreshMarginMs ?? 300_000;
  const emitter = new Emitter();
  if (options.onEvent) emitter.on(options.onEvent);
  const emit = (event: DocSpaceAuthEvent) => emitter.emit(event);
  const lifetime = new AbortController();

  // undefined: not restored yet; null: no session.
  type Entry = { session: Session; obtainedAt: number };
  let current: Entry | null | undefined;
  let restoring: Promise<Session | null> | undefined;
  let flight: Promise<Session> | undefined;

  // Store access never fails a sign-in: problems are reported as events.
  async function storeCall<T>(operation: 'get' | 'set' | 'delete', run: () => T | Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      emit({ type: 'store-error', operation, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }

  async function persist(session: Session, obtainedAt: number): Promise<void> {
    const stored = toStored(session, obtainedAt);
    await storeCall('set', () => store.set(userKey(portal, session.userName), stored));
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
    if (current !== undefined) return Promise.resolve(current?.session ?? null);
    restoring ??= (async () => {
      const key = options.userName ? userKey(portal, options.userName) : portalKey(portal);
      const found = fromStored(await storeCall('get', () => store.get(key)));
      const settled = current as Entry | null | undefined; // a sign-in may have finished while the store was read
      if (settled !== undefined) return settled?.session ?? null;
      if (!found || found.session.portal !== portal) {
        current = null;
        return null;
      }
      const { session } = found;
      if (session.expires && session.expires.getTime() <= now()) {
        current = null;
        await forget(session);
        emit({ type: 'session-expired', portal, userName: session.userName, reason: 'expired' });
        return null;
      }
      current = found;
      emit({ type: 'session-restored', portal, userName: session.userName, expires: session.expires });
      return session;
    })().finally(() => {
      restoring = undefined;
    });
    return restoring;
  }

  const transportBase = {
    fetch: options.fetch ?? globalThis.fetch,
    platformFetch: options.fetch === undefined,
    retry,
    timeoutMs: options.timeoutMs ?? 30_000,
    now,
    random: Math.random,
    emit,
    lifetime: lifetime.signal,
  };
  // Sign-in calls: no token, no replay. Made at first use: an instance that only makes authorised calls with a
  // restored session never needs it (a client is about 3 kB of heap, a third of an instance).
  let plain: Client | undefined;
  const plainClient = () => (plain ??= createDocSpaceClient({ baseUrl: portal, fetch: createTransport(transportBase) }));

  /** Makes `run` the sign-in every caller that needs a token waits for, until it settles. */
  function track(run: Promise<Session>): Promise<Session> {
    flight = run;
    const clear = () => {
      if (flight === run) flight = undefined;
    };
    run.then(clear, clear);
    return run;
  }

  async function runSignIn(input: LoginInput): Promise<Session> {
    const outcome = await signIn(
      {
        client: plainClient(),
        portal,
        now,
        totpSecret: options.totpSecret,
        secondFactor: options.secondFactor,
        onChallenge: (kind) => emit({ type: 'second-factor-required', portal, userName: input.userName.trim(), kind }),
      },
      input,
    );
    const obtainedAt = now();
    current = { session: outcome.session, obtainedAt };
    await persist(outcome.session, obtainedAt);
    const { userName, expires } = outcome.session;
    emit({ type: 'signed-in', portal, userName, expires, secondFactor: outcome.secondFactor });
    return outcome.session;
  }

  const login = (input: LoginInput): Promise<Session> => track(runSignIn(input));

  /** Signs in again with `credentials()`, once for any number of callers. */
  function signInAgain(): Promise<Session> {
    if (flight) return flight;
    const { credentials } = options;
    if (!credentials) {
      return Promise.reject(
        new DocSpaceAuthError('session_expired', 'the session has expired and no credentials() callback is set'),
      );
    }
    return track(
      (async () => {
        const input = await credentials();
        if (!input) throw new DocSpaceAuthError('session_expired', 'the session has expired and credentials() gave none');
        return runSignIn(input);
      })(),
    );
  }

  function renewalDue(entry: Entry): boolean {
    const expires = entry.session.expires?.getTime();
    if (expires === undefined) return false;
    const lifetimeMs = expires - entry.obtainedAt;
    const margin = entry.obtainedAt > 0 ? Math.min(refreshMarginMs, lifetimeMs / 2) : refreshMarginMs;
    return expires - now() <= margin;
  }

  /** The token for the next authorised call. */
  async function tokenForCall(): Promise<string> {
    if (flight) return (await flight).token;
    if (current === undefined) await restore();
    const entry = current;
    if (entry && !renewalDue(entry)) return entry.session.token;
    if (options.credentials) return (await signInAgain()).token;
    if (!entry) throw new DocSpaceAuthError('not_signed_in', 'not signed in: call login() first or set credentials()');
    if (entry.session.expires && entry.session.expires.getTime() <= now()) {
      await expire(entry.session, 'expired');
      throw new DocSpaceAuthError('session_expired', 'the session has expired; sign in again');
    }
    return entry.session.token; // inside the renewal margin but still valid, and no way to renew
  }

  async function expire(session: Session, reason: 'expired' | 'rejected'): Promise<void> {
    if (current?.session.token === session.token) current = null;
    await forget(session);
    emit({ type: 'session-expired', portal, userName: session.userName, reason });
  }

  /** A 401 to a call that carried `usedToken`: a fresh token to replay with, or a `session_expired` error. */
  async function onUnauthorized(usedToken: string): Promise<string> {
    if (current && current.session.token !== usedToken) return current.session.token;
    if (flight) return (await flight).token;
    if (current) await expire(current.session, 'rejected');
    if (!options.credentials) {
      throw new DocSpaceAuthError('session_expired', 'the portal rejected the token; sign in again', { status: 401 });
    }
    return (await signInAgain()).token;
  }

  // Token for the header form (`Authorization: Bearer`) and the cookie form (`asc_auth_key`); no other scheme.
  // The client asks once per security scheme of the operation (six for most), so the usual case, a live session
  // outside its renewal margin, answers at once, without a promise.
  const authFor = (scheme: Auth): string | Promise<string> | undefined => {
    if (!isBearerHeader(scheme) && !isSessionCookie(scheme)) return undefined;
    const entry = current;
    return !flight && entry && !renewalDue(entry) ? entry.session.token : tokenForCall();
  };

  const client = createDocSpaceClient({
    baseUrl: portal,
    auth: authFor,
    fetch: createTransport({ ...transportBase, onUnauthorized }),
  });

  /** The error of an unsuccessful authorised call made here (isAuthenticated, logout). */
  const callFailure = (result: { error?: unknown; response?: Response | undefined }): DocSpaceAuthError => {
    if (isDocSpaceAuthError(result.error)) return result.error;
    if (!result.response) return new DocSpaceAuthError('network', 'the portal could not be reached', { cause: result.error });
    return errorFromResponse(result.response, result.error, 'call', now());
  };

  return {
    client,
    portal,
    login,
    session: restore,
    async isAuthenticated(callOptions = {}) {
      const session = await restore();
      if (!session) return false;
      const result = await getIsAuthentificated({
        client: plainClient(),
        auth: (scheme) => (isBearerHeader(scheme) ? session.token : undefined),
        signal: callOptions.signal,
      });
      if (result.error !== undefined || !result.data) throw callFailure(result);
      if (result.data.response === true) return true;
      await expire(session, 'rejected');
      return false;
    },
    async logout(callOptions = {}) {
      const session = await restore();
      if (!session) return;
      // Forget it here first: whatever the portal answers, this process no longer uses the token.
      if (current?.session.token === session.token) current = null;
      await forget(session);
      // The cookie form: the portal revokes only the login event of the asc_auth_key cookie.
      const result = await logoutCall({ client: plainClient(), auth: () => session.token, signal: callOptions.signal });
      emit({ type: 'signed-out', portal, userName: session.userName });
      if (result.error !== undefined) {
        const error = callFailure(result);
        throw new DocSpaceAuthError(error.code, `signed out here, but the portal did not confirm it: ${error.message}`, error);
      }
    },
    on(type: DocSpaceAuthEventType | '*', listener: (event: never) => void) {
      return emitter.on((event) => {
        if (type === '*' || event.type === type) (listener as (event: DocSpaceAuthEvent) => void)(event);
      });
    },
    dispose() {
      lifetime.abort(new DocSpaceAuthError('aborted', 'the DocSpaceAuth instance was disposed'));
      emitter.clear();
    },
  };
}
