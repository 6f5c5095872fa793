// The page the browser tests drive: a browser app's use of auth-helpers, bundled by esbuild from the published
// ESM build. Node calls `window.harness.*` through page.evaluate(); results and errors come back as plain data.
import { getSelfProfile } from '@docspace/auth-client';
import {
  createDocSpaceAuth,
  type DocSpaceAuth,
  type DocSpaceAuthEvent,
  isDocSpaceAuthError,
  memoryStore,
  type SecondFactorChallenge,
  type SessionStore,
  tabSync,
  webStorageStore,
} from '@docspace/auth-helpers';

export type StoreKind = 'local' | 'session' | 'memory';

export interface CreateOptions {
  store: StoreKind;
  timeoutMs?: number;
  /** Sign in again with these when the token dies. */
  credentials?: { userName: string; password: string };
  retry?: false;
  /** Pass `window.fetch` explicitly (a user's `fetch: window.fetch`), instead of relying on the default. */
  explicitFetch?: boolean;
  /** Agree with the other tabs (`tabs: tabSync()`). */
  tabs?: boolean;
  /** The portal, when it is not this page's origin (a cross-origin set-up). Default `location.origin`. */
  baseUrl?: string;
}

/** What the Node side's second-factor handler sees. */
export interface ChallengeInfo {
  kind: SecondFactorChallenge['kind'];
  userName: string;
  phoneNoise: string | null;
  tfaKey: string | null;
  otpauthUri: string | null;
  expires: string | null;
}

/** What the Node side answers: a code, or "send the SMS again and ask me again". */
export type ChallengeAnswer = { code: string } | { resend: true };

export interface PlainError {
  name: string;
  code: string | null;
  message: string;
  status: number | null;
  /** The message of the error's `cause`, if any (e.g. the browser's own TypeError behind a `network` error). */
  cause: string | null;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: PlainError };

export interface SessionInfo {
  userName: string;
  portal: string;
  expires: string | null;
  token: string;
}

declare global {
  interface Window {
    harness: typeof harness;
    /** Exposed by the test with page.exposeFunction(). */
    answerChallenge?: (challenge: ChallengeInfo) => Promise<ChallengeAnswer>;
  }
}

const plainError = (error: unknown): PlainError => ({
  name: error instanceof Error ? error.name : typeof error,
  code: isDocSpaceAuthError(error) ? error.code : null,
  message: error instanceof Error ? error.message : String(error),
  status: isDocSpaceAuthError(error) ? (error.status ?? null) : null,
  cause: error instanceof Error && error.cause !== undefined ? String(error.cause) : null,
});

async function outcome<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: plainError(error) };
  }
}

const info = (challenge: SecondFactorChallenge): ChallengeInfo => ({
  kind: challenge.kind,
  userName: challenge.userName,
  phoneNoise: challenge.kind === 'sms' ? challenge.phoneNoise : null,
  tfaKey: challenge.kind === 'totp-setup' ? challenge.tfaKey : null,
  otpauthUri: challenge.kind === 'totp-setup' ? challenge.otpauthUri : null,
  expires: challenge.kind === 'sms' ? (challenge.expires?.toISOString() ?? null) : null,
});

async function secondFactor(challenge: SecondFactorChallenge): Promise<string> {
  if (!window.answerChallenge) throw new Error('the test exposed no answerChallenge()');
  for (;;) {
    const answer = await window.answerChallenge(info(challenge));
    if ('code' in answer) return answer.code;
    if (challenge.kind !== 'sms') throw new Error(`only an SMS code can be sent again, not a ${challenge.kind} one`);
    await challenge.resend();
  }
}

const storeOf = (kind: StoreKind): SessionStore =>
  kind === 'local'
    ? webStorageStore(localStorage)
    : kind === 'session'
      ? webStorageStore(sessionStorage)
      : memoryStore();

let auth: DocSpaceAuth | undefined;
const events: DocSpaceAuthEvent[] = [];
const current = (): DocSpaceAuth => {
  if (!auth) throw new Error('call harness.create() first');
  return auth;
};
const sessionInfo = (session: {
  userName: string;
  portal: string;
  expires: Date | null;
  token: string;
}): SessionInfo => ({
  userName: session.userName,
  portal: session.portal,
  expires: session.expires?.toISOString() ?? null,
  token: session.token,
});

const harness = {
  /** A DocSpaceAuth for this page's origin (the proxy forwards /api to the portal). */
  create(options: CreateOptions): void {
    auth?.dispose();
    events.length = 0;
    const { credentials } = options;
    auth = createDocSpaceAuth({
      baseUrl: options.baseUrl ?? location.origin,
      store: storeOf(options.store),
      secondFactor,
      onEvent: (event) => events.push(event),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retry === false ? { retry: false as const } : {}),
      ...(credentials ? { credentials: () => credentials } : {}),
      ...(options.explicitFetch ? { fetch: window.fetch } : {}),
      ...(options.tabs ? { tabs: tabSync() } : {}),
    });
  },
  login: (userName: string, password: string, extra: { session?: boolean } = {}) =>
    outcome(async () => sessionInfo(await current().login({ userName, password, ...extra }))),
  /** Starts a sign-in and aborts it after `afterMs`. */
  loginAborted: (userName: string, password: string, afterMs: number) =>
    outcome(async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('the user left the page')), afterMs);
      return sessionInfo(await current().login({ userName, password, signal: controller.signal }));
    }),
  session: () =>
    outcome(async () => {
      const session = await current().session();
      return session ? sessionInfo(session) : null;
    }),
  /** GET /api/2.0/people/@self through auth.client; an error answer becomes a failed outcome. */
  self: (abortAfterMs?: number) =>
    outcome(async () => {
      const signal = abortAfterMs === undefined ? undefined : AbortSignal.timeout(abortAfterMs);
      const result = await getSelfProfile({ client: current().client, ...(signal ? { signal } : {}) });
      if (result.error !== undefined) throw result.error;
      return { displayName: result.data?.response?.displayName ?? null, email: result.data?.response?.email ?? null };
    }),
  isAuthenticated: () => outcome(() => current().isAuthenticated()),
  logout: () => outcome(() => current().logout()),
  /** The events so far, as plain data. */
  events: () => events.map((event) => JSON.parse(JSON.stringify(event)) as Record<string, unknown>),
  /** Every key of web storage, to see what a store wrote. */
  storageKeys: (kind: 'local' | 'session') => {
    const storage = kind === 'local' ? localStorage : sessionStorage;
    return Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '');
  },
};

window.harness = harness;
document.title = 'harness ready';
