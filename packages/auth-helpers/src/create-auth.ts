import {
  type Auth,
  type Client,
  createDocSpaceClient,
  getIsAuthentificated,
  logout as logoutCall,
} from '@docspace/auth-client';
import { checkApiKey, isApiKey, rejectedApiKey } from './api-key.js';
import { type AttachableClient, type AttachOptions, attachClient } from './attach.js';
import { createAuthFetch } from './auth-fetch.js';
import type { SecondFactorChallenge } from './challenge.js';
import { type CallResult, errorFromResult } from '@docspace/auth-client/errors';
import type { CredentialsCircuit, CredentialsCircuitOptions } from './credentials-circuit.js';
import { DocSpaceAuthError } from '@docspace/auth-client/errors';
import { type DocSpaceAuthEvent, type DocSpaceAuthEventOf, type DocSpaceAuthEventType, Emitter } from './events.js';
import { type Limits, resolveLimits } from './limits.js';
import type { LoginInput } from './login-types.js';
import { signIn } from './login.js';
import { defaultRetryOptions, type RetryOptions } from './retry-policy.js';
import type { Session } from './session.js';
import { createSessionManager } from './session-manager.js';
import { memoryStore } from './stores/memory.js';
import type { SignInCoordinator } from './stores/coordinator.js';
import type { SessionStore } from './stores/types.js';
import type { TabSync } from './tab-sync.js';
import { createTransport } from './transport.js';
import { portalOrigin } from './url.js';

/** The `Authorization: Bearer` scheme of an operation (not the API-key, OAuth2 or OpenID ones, which look alike). */
const isBearerHeader = (scheme: Auth) =>
  scheme.type === 'http' && scheme.scheme === 'bearer' && (scheme.key ?? 'Bearer') === 'Bearer';

/** Options of {@link createDocSpaceAuth}. Only `baseUrl` is required. */
export interface DocSpaceAuthOptions {
  /** The portal, e.g. `https://yourportal.onlyoffice.com`. */
  baseUrl: string;
  /**
   * An API key (`sk-…`, made in the portal's settings): every call sends it as `Authorization: Bearer sk-…`, and
   * there is no sign-in (`login()` is refused). A key the portal rejects fails with `invalid_api_key`, never retried.
   * The key is never printed, logged or put in an error.
   */
  apiKey?: string | undefined;
  /**
   * `true`: every call of `auth.client` rejects with its error instead of returning `{ error }` (per call, the
   * operation's own `throwOnError` option wins). Default `false`.
   */
  throwOnError?: boolean | undefined;
  /** Which stored session to restore. Default: the portal's most recent one. */
  userName?: string | undefined;
  /** Where sessions persist. Default: {@link memoryStore}. */
  store?: SessionStore | undefined;
  /** Retry policy; `false` for a single attempt. Defaults: 3 attempts, 300 ms base, 20 s cap, 60 s `Retry-After` cap. */
  retry?: Partial<RetryOptions> | false | undefined;
  /** Timeout of one call, waits between retries included; 0 for none. Default 30 000 ms. */
  timeoutMs?: number | undefined;
  /** Sign in again this long before the token expires (at most half of the token's lifetime). Default 300 000 ms. */
  refreshMarginMs?: number | undefined;
  /**
   * The fetch to use, called as `fetch(url, init)` once per attempt (never with a Request object; the body is text
   * or bytes each attempt can send again). Default `globalThis.fetch`.
   */
  fetch?: typeof globalThis.fetch | undefined;
  /** Asks for the second-factor code when the portal wants one (prompt a person, read an SMS inbox, ...). */
  secondFactor?: ((challenge: SecondFactorChallenge) => string | Promise<string>) | undefined;
  /**
   * Credentials for signing in again when the token expires or is rejected. Without it, a dead token ends the
   * session with a `session_expired` error.
   */
  credentials?: () => LoginInput | undefined | Promise<LoginInput | undefined>;
  /** A Base32 authenticator-app secret: codes are computed automatically (for bots and CI). */
  totpSecret?: string | undefined;
  /** Receives every {@link DocSpaceAuthEvent}. */
  onEvent?: ((event: DocSpaceAuthEvent) => void) | undefined;
  /** Allow credentials over plain `http://` to a host that is not loopback. Default `false`. */
  allowInsecureHttp?: boolean | undefined;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
  /**
   * Browser tabs sharing the store agree: pass {@link tabSync}`()` (with `webStorageStore(localStorage)`). A sign-in
   * or sign-out in one tab is seen by the others, and a sign-in again runs in one tab at a time. Default: off.
   */
  tabs?: TabSync | undefined;
  /**
   * What a portal may send: `maxResponseBytes` (default 1 MiB, counted as the body streams in), `maxHeaderBytes`
   * (default 64 KiB), `maxTokenLength` (default 4096 characters). An answer past a limit is a `protocol` error.
   */
  limits?: Partial<Limits>;
  /**
   * After the portal refuses what `credentials()` gives, the same input is not sent again for `coolDownMs`
   * (default 5 minutes) unless it changes; callers get `invalid_credentials` at once. `memory` is where refusals
   * are kept (default: shared by every instance in this process). `false` turns it off.
   */
  credentialsCircuit?: CredentialsCircuitOptions | false;
  /**
   * Shares sign-ins with other processes that use the same store: one signs in, the others wait for its session
   * (or its error), and credentials the portal refused are not sent again by anyone until they change. Default:
   * none (each process signs in on its own). See `@docspace/auth-redis` and `fileCoordinator`.
   */
  coordinator?: SignInCoordinator | undefined;
  /**
   * With a `coordinator`: how long one process may sign in before another takes over (renewed while it works, so
   * this is how soon a crashed process is replaced). Default 10 000 ms.
   */
  leaseMs?: number | undefined;
  /** With a `coordinator`: how long refused credentials are remembered for every process. Default 900 000 ms. */
  credentialFailureTtlMs?: number | undefined;
}

/**
 * The credentials circuit of an instance (credentials-circuit.ts), loaded at the first sign-in again: an instance that
 * never signs in again with `credentials()` (a browser page, a script with one login) does not carry it.
 */
function circuitFor(portal: string, options: CredentialsCircuitOptions | false | undefined, now: () => number) {
  if (options === false) return undefined;
  let circuit: Promise<CredentialsCircuit> | undefined;
  return async <T>(input: LoginInput, signIn: () => Promise<T>): Promise<T> => {
    circuit ??= import('./credentials-circuit.js').then((module) =>
      module.credentialsCircuit(portal, options ?? {}, now),
    );
    return (await circuit).run(input, signIn);
  };
}

/** What {@link createDocSpaceAuth} returns. */
export interface DocSpaceAuth {
  /**
   * An `@docspace/auth-client` client that sends the current token on every call, signs in again (once) when the
   * portal rejects it, and retries as configured. Pass it to any generated operation:
   * `getSelfProfile({ client: auth.client })`.
   */
  readonly client: Client;
  /**
   * A `fetch` that sends the current token (or API key) to the portal, with the same renewal, shared re-login,
   * replay after a 401 and retries as `auth.client`: give it to openapi-fetch, ky, or call it directly. A relative
   * URL is resolved against the portal address (`auth.fetch('/api/2.0/people/@self')`); a URL outside the portal is
   * refused (`invalid_input`), so the token never leaves for another host. HTTP answers resolve as with `fetch`;
   * failures with no usable answer (`not_signed_in`, `session_expired`, `invalid_api_key`, `network`, `timeout`,
   * ...) reject with a {@link DocSpaceAuthError}.
   */
  readonly fetch: typeof globalThis.fetch;
  /**
   * Makes a hey-api fetch client (e.g. one generated from your own OpenAPI document) call the portal with this
   * session: sets its `baseUrl` (default: the portal) and its `fetch` ({@link DocSpaceAuth.fetch}). Returns the
   * client. `auth.client` is made this way.
   */
  attach<C extends AttachableClient>(client: C, options?: AttachOptions): C;
  /** The portal address: origin plus any path prefix, without a trailing slash. */
  readonly portal: string;
  /** Signs in: one request, or two when the portal asks for a second factor. Stores and returns the session. */
  login(input: LoginInput): Promise<Session>;
  /** The current session (restored from the store at first use), or `null`. Does not contact the portal. */
  session(): Promise<Session | null>;
  /** Asks the portal whether the current token is valid; a rejected token is removed from the store. */
  isAuthenticated(options?: { signal?: AbortSignal | undefined }): Promise<boolean>;
  /** Ends the session at the portal (revoking the token) and removes it from the store. */
  logout(options?: { signal?: AbortSignal | undefined }): Promise<void>;
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
  const limits = resolveLimits(options.limits);
  const retry: RetryOptions =
    options.retry === false ? { ...defaultRetryOptions, maxAttempts: 1 } : { ...defaultRetryOptions, ...options.retry };
  const emitter = new Emitter();
  if (options.onEvent) emitter.on(options.onEvent);
  const emit = (event: DocSpaceAuthEvent) => emitter.emit(event);
  const lifetime = new AbortController();
  const timeoutMs = options.timeoutMs ?? 30_000;

  const transportBase = {
    fetch: options.fetch ?? globalThis.fetch,
    retry,
    limits,
    timeoutMs,
    now,
    random: Math.random,
    emit,
    lifetime: lifetime.signal,
  };
  // The client of sign-in requests (and isAuthenticated, logout, which pass their token themselves): no token of its
  // own, no replay. Made at first use: an instance that only makes authorised calls with a
  // restored session never needs it (a client is about 3 kB of heap, a third of an instance).
  let signInClient: Client | undefined;
  const clientForSignIn = () =>
    (signInClient ??= createDocSpaceClient({ baseUrl: portal, fetch: createTransport(transportBase) }));

  const sessions = createSessionManager({
    portal,
    tabs: options.tabs,
    store: options.store ?? memoryStore(),
    userName: options.userName,
    now,
    refreshMarginMs: options.refreshMarginMs ?? 300_000,
    credentials: options.credentials,
    circuit: circuitFor(portal, options.credentialsCircuit, now),
    emit,
    coordination: options.coordinator && {
      coordinator: options.coordinator,
      leaseMs: options.leaseMs ?? 10_000,
      failureTtlMs: options.credentialFailureTtlMs ?? 900_000,
      waitMs: timeoutMs,
    },
    signIn: (input) =>
      signIn(
        {
          client: clientForSignIn(),
          portal,
          now,
          totpSecret: options.totpSecret,
          secondFactor: options.secondFactor,
          maxTokenLength: limits.maxTokenLength,
          onChallenge: (kind) =>
            emit({ type: 'second-factor-required', portal, userName: input.userName.trim(), kind }),
        },
        input,
      ),
  });

  // With an API key there is nothing to renew or sign in again with: the key is the token, and a 401 is final.
  const apiKey = options.apiKey === undefined ? undefined : checkApiKey(options.apiKey);
  const tokens =
    apiKey === undefined
      ? sessions
      : { tokenForCall: () => apiKey, onUnauthorized: (): Promise<string> => Promise.reject(rejectedApiKey()) };

  const authFetch = createAuthFetch({
    portal,
    token: tokens.tokenForCall,
    transport: createTransport({ ...transportBase, onUnauthorized: tokens.onUnauthorized }),
  });
  const attach = <C extends AttachableClient>(target: C, attachOptions?: AttachOptions): C =>
    attachClient(target, authFetch, portal, attachOptions);
  const client = attach(createDocSpaceClient({ baseUrl: portal }), { throwOnError: options.throwOnError ?? false });

  /** Refuses what an instance made with an API key cannot do. */
  const noApiKey = (what: string) => {
    if (apiKey !== undefined) {
      throw new DocSpaceAuthError('invalid_input', `${what} is not available: this instance uses an API key`);
    }
  };

  /** The error of an unsuccessful authorised call made here (isAuthenticated, logout). */
  const callFailure = (result: CallResult): DocSpaceAuthError => errorFromResult(result, now());

  return {
    client,
    fetch: authFetch,
    attach,
    portal,
    async login(input) {
      noApiKey('login()');
      return sessions.login(input);
    },
    session: () => (apiKey === undefined ? sessions.restore() : Promise.resolve(null)),
    async isAuthenticated(callOptions = {}) {
      const session = apiKey === undefined ? await sessions.restore() : undefined;
      const token = apiKey ?? session?.token;
      if (token === undefined) return false;
      const result = await getIsAuthentificated({
        client: clientForSignIn(),
        auth: (scheme) => (isBearerHeader(scheme) ? token : undefined),
        signal: callOptions.signal,
      });
      if (result.error !== undefined || !result.data) throw callFailure(result);
      if (result.data.response === true) return true;
      if (session) await sessions.expire(session, 'rejected');
      return false;
    },
    async logout(callOptions = {}) {
      const session = apiKey === undefined ? await sessions.restore() : undefined;
      if (!session) return;
      // Forget it here first: whatever the portal answers, this process no longer uses the token.
      await sessions.discard(session);
      // An API key is revoked in the portal's settings, not by signing out: forgetting it here is all there is.
      if (isApiKey(session.token)) {
        emit({ type: 'signed-out', portal, userName: session.userName });
        return;
      }
      // The cookie form: the portal revokes only the login event of the asc_auth_key cookie.
      const result = await logoutCall({
        client: clientForSignIn(),
        auth: () => session.token,
        signal: callOptions.signal,
      });
      emit({ type: 'signed-out', portal, userName: session.userName });
      if (result.error !== undefined) {
        const error = callFailure(result);
        throw new DocSpaceAuthError(
          error.code,
          `signed out here, but the portal did not confirm it: ${error.message}`,
          error,
        );
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
      sessions.close();
    },
  };
}
