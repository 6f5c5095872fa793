// The session state and its transitions on their own: a memoryStore, a clock the test moves, and, where a sign-in
// is needed, the real sign-in (login.ts) against the emulator. No DocSpaceAuth, no authorised client.
import { createDocSpaceClient } from '@docspace/auth-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocSpaceAuthEvent } from '../src/events.js';
import type { LoginInput } from '../src/login-types.js';
import { signIn } from '../src/login.js';
import { portalKey, type StoredSession, userKey } from '../src/session.js';
import { createSessionManager, type SessionManagerOptions } from '../src/session-manager.js';
import { memoryStore } from '../src/stores/memory.js';
import type { SessionStore } from '../src/stores/types.js';
import { LeakCheck, LOGIN, PASSWORDS, useEmulator } from './support/harness.js';

const leaks = new LeakCheck();
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

const MINUTE = 60_000;
const PORTAL = 'https://portal.example';
const alice = { userName: 'alice@example.com', password: PASSWORDS.alice };

/** A clock the test moves by hand. */
function movedClock(start = Date.UTC(2026, 0, 1)) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

function stored(token: string, expires: number | null, obtainedAt: number, userName = 'a@example.com'): StoredSession {
  return {
    token,
    expires: expires === null ? null : new Date(expires).toISOString(),
    userName,
    portal: PORTAL,
    obtainedAt: new Date(obtainedAt).toISOString(),
  };
}

/** A manager on `store` whose sign-in must not be reached (the portal does not exist). */
function offline(store: SessionStore, clock: { now: () => number }, options: Partial<SessionManagerOptions> = {}) {
  const events: DocSpaceAuthEvent[] = [];
  const sessions = createSessionManager({
    portal: PORTAL,
    store,
    now: clock.now,
    refreshMarginMs: 5 * MINUTE,
    emit: (event) => {
      events.push(event);
      leaks.record(event);
    },
    signIn: () => Promise.reject(new Error('no sign-in expected')),
    ...options,
  });
  return { sessions, events };
}

/** A manager whose sign-in is the real one, against a fresh emulator, on the emulator's (movable) clock. */
async function online(options: Partial<SessionManagerOptions> = {}) {
  const emulator = await env.start({ tokenLifetimeMs: 60 * MINUTE });
  const client = createDocSpaceClient({ baseUrl: emulator.url });
  const now = () => emulator.clock.now();
  const context = {
    client,
    portal: emulator.url,
    now,
    totpSecret: undefined,
    secondFactor: undefined,
    onChallenge() {},
    maxTokenLength: 4096,
  };
  const events: DocSpaceAuthEvent[] = [];
  const store = memoryStore();
  const sessions = createSessionManager({
    portal: emulator.url,
    store,
    now,
    refreshMarginMs: 5 * MINUTE,
    emit: (event) => {
      events.push(event);
      leaks.record(event);
    },
    signIn: async (input: LoginInput) => {
      const outcome = await signIn(context, input);
      leaks.secret(outcome.session.token);
      return outcome;
    },
    ...options,
  });
  return { emulator, sessions, events, store };
}

describe('restore', () => {
  it('finds nothing in an empty store, without an event', async () => {
    const { sessions, events } = offline(memoryStore(), movedClock());
    expect(await sessions.restore()).toBeNull();
    expect(events).toEqual([]);
  });

  it('restores the portal’s latest session, or the configured user’s, once for concurrent callers', async () => {
    const clock = movedClock();
    const store = memoryStore();
    store.set(portalKey(PORTAL), stored('latest', clock.now() + 60 * MINUTE, clock.now()));
    store.set(userKey(PORTAL, 'b@example.com'), stored('bs', clock.now() + 60 * MINUTE, clock.now(), 'b@example.com'));
    const { sessions, events } = offline(store, clock);
    const [one, two] = await Promise.all([sessions.restore(), sessions.restore()]);
    expect(one?.token).toBe('latest');
    expect(two).toBe(one);
    expect(events.map((e) => e.type)).toEqual(['session-restored']);
    const forB = offline(store, clock, { userName: 'B@example.com ' });
    expect((await forB.sessions.restore())?.token).toBe('bs');
  });

  it('drops a stored session that expired while the clock moved, from the store too', async () => {
    const clock = movedClock();
    const store = memoryStore();
    store.set(userKey(PORTAL, 'a@example.com'), stored('old', clock.now() + MINUTE, clock.now()));
    store.set(portalKey(PORTAL), stored('old', clock.now() + MINUTE, clock.now()));
    clock.advance(MINUTE);
    const { sessions, events } = offline(store, clock);
    expect(await sessions.restore()).toBeNull();
    expect(store.get(portalKey(PORTAL))).toBeNull();
    expect(store.get(userKey(PORTAL, 'a@example.com'))).toBeNull();
    expect(events).toEqual([{ type: 'session-expired', portal: PORTAL, userName: 'a@example.com', reason: 'expired' }]);
  });

  it('ignores a stored session of another portal', async () => {
    const store = memoryStore();
    store.set(portalKey(PORTAL), { ...stored('x', null, 0), portal: 'https://other.example' });
    expect(await offline(store, movedClock()).sessions.restore()).toBeNull();
  });
});

describe('the token for a call, as the clock moves (no credentials)', () => {
  it('answers at once outside the renewal margin, keeps the token inside it, and ends in session_expired', async () => {
    const clock = movedClock();
    const store = memoryStore();
    store.set(portalKey(PORTAL), stored('tok', clock.now() + 60 * MINUTE, clock.now()));
    const { sessions, events } = offline(store, clock);
    await sessions.restore();
    expect(sessions.tokenForCall()).toBe('tok'); // a string, not a promise
    clock.advance(56 * MINUTE); // inside the 5-minute margin: no way to renew, the token still works
    expect(await sessions.tokenForCall()).toBe('tok');
    clock.advance(4 * MINUTE);
    await expect(sessions.tokenForCall()).rejects.toMatchObject({ code: 'session_expired' });
    expect(store.get(portalKey(PORTAL))).toBeNull();
    expect(events.at(-1)).toMatchObject({ type: 'session-expired', reason: 'expired' });
  });

  it('sizes the margin to at most half of the token’s lifetime', async () => {
    const clock = movedClock();
    const store = memoryStore();
    store.set(portalKey(PORTAL), stored('short', clock.now() + 4 * MINUTE, clock.now()));
    const { sessions } = offline(store, clock);
    await sessions.restore();
    clock.advance(MINUTE + 59_000); // 2 min 1 s left: the margin is 2 min, not 5
    expect(sessions.tokenForCall()).toBe('short');
    clock.advance(1_000);
    expect(sessions.tokenForCall()).toBeInstanceOf(Promise);
  });

  it('without a session: not_signed_in', async () => {
    const { sessions } = offline(memoryStore(), movedClock());
    await expect(sessions.tokenForCall()).rejects.toMatchObject({ code: 'not_signed_in' });
  });
});

describe('a 401 (no credentials)', () => {
  it('a token older than the session in use is replayed with the current one, without a sign-in', async () => {
    const clock = movedClock();
    const store = memoryStore();
    store.set(portalKey(PORTAL), stored('new', null, clock.now()));
    const { sessions } = offline(store, clock);
    await sessions.restore();
    expect(await sessions.onUnauthorized('old')).toBe('new');
  });

  it('the token in use rejected: session_expired, forgotten in the store, reported as rejected', async () => {
    const clock = movedClock();
    const store = memoryStore();
    store.set(portalKey(PORTAL), stored('tok', null, clock.now()));
    const { sessions, events } = offline(store, clock);
    await sessions.restore();
    await expect(sessions.onUnauthorized('tok')).rejects.toMatchObject({ code: 'session_expired', status: 401 });
    expect(await sessions.restore()).toBeNull();
    expect(store.get(portalKey(PORTAL))).toBeNull();
    expect(events.at(-1)).toMatchObject({ type: 'session-expired', reason: 'rejected' });
  });
});

describe('discard and the store', () => {
  it('discard forgets the session without an event, and keeps the portal key of another user’s newer session', async () => {
    const clock = movedClock();
    const store = memoryStore();
    store.set(userKey(PORTAL, 'a@example.com'), stored('a', null, clock.now()));
    store.set(portalKey(PORTAL), stored('b', null, clock.now(), 'b@example.com'));
    const { sessions, events } = offline(store, clock, { userName: 'a@example.com' });
    const session = await sessions.restore();
    await sessions.discard(session!);
    expect(store.get(userKey(PORTAL, 'a@example.com'))).toBeNull();
    expect((await store.get(portalKey(PORTAL)))?.token).toBe('b');
    expect(await sessions.restore()).toBeNull();
    expect(events.map((e) => e.type)).toEqual(['session-restored']);
  });

  it('a store that fails is reported as store-error events and never fails a sign-in', async () => {
    const broken: SessionStore = {
      get: () => Promise.reject(new Error('disk on fire')),
      set: () => {
        throw new Error('read-only');
      },
      delete: () => undefined,
    };
    const { sessions, events } = await online({ store: broken });
    const session = await sessions.login(alice);
    expect(sessions.tokenForCall()).toBe(session.token);
    expect(events.filter((e) => e.type === 'store-error')).toEqual([
      { type: 'store-error', operation: 'set', message: 'read-only' },
      { type: 'store-error', operation: 'set', message: 'read-only' },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'signed-in', userName: 'alice@example.com', secondFactor: 'none' });
  });
});

describe('signing in again with credentials (the real sign-in against the emulator)', () => {
  it('inside the margin, concurrent callers share one sign-in and get its token; the store holds it', async () => {
    const { emulator, sessions, store } = await online({ credentials: () => alice });
    const first = await sessions.login(alice);
    emulator.clock.advance(56 * MINUTE);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => sessions.tokenForCall()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(first.token);
    expect(emulator.requests.filter((r) => r.method === 'POST' && LOGIN.test(r.path))).toHaveLength(2);
    expect((await store.get(portalKey(emulator.url)))?.token).toBe(tokens[0]);
  });

  it('a 401 to the token in use: one sign-in for every caller that got one', async () => {
    const { emulator, sessions, events } = await online({ credentials: () => alice });
    const first = await sessions.login(alice);
    const fresh = await Promise.all(Array.from({ length: 5 }, () => sessions.onUnauthorized(first.token)));
    expect(new Set(fresh).size).toBe(1);
    expect(emulator.requests.filter((r) => r.method === 'POST' && LOGIN.test(r.path))).toHaveLength(2);
    expect(events.map((e) => e.type)).toEqual(['signed-in', 'session-expired', 'signed-in']);
  });

  it('credentials() that gives none: session_expired', async () => {
    const { sessions } = await online({ credentials: () => undefined });
    await expect(sessions.tokenForCall()).rejects.toMatchObject({ code: 'session_expired' });
  });
});
