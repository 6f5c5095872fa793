// Tabs that agree, in Node: two DocSpaceAuth instances sharing one store stand for two tabs sharing localStorage.
// Node's BroadcastChannel is real; Node 20 has no Web Locks, so the lock is a process-wide one passed as `locks`
// (the real Web Locks run in Chromium: packages/browser-tests/test/tabs.test.ts).
import { getSelfProfile } from '@docspace/auth-client';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryStore, type SessionStore, type StoredSession, tabSync } from '../src/index.js';
import type { LockManagerLike } from '../src/tab-sync.js';
import { LeakCheck, PASSWORDS, SIGN_IN, useEmulator } from './support/harness.js';

const leaks = new LeakCheck();
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

const alice = { userName: 'alice@example.com', password: PASSWORDS.alice };
let channels = 0;

/** A lock manager for the instances of one process: one holder per name at a time, in request order. */
function processLocks(): LockManagerLike {
  const tails = new Map<string, Promise<unknown>>();
  const held = new Set<string>();
  async function request<T>(name: string, ...args: unknown[]): Promise<T> {
    const callback = args.at(-1) as (lock: object | null) => Promise<T>;
    const ifAvailable = args.length === 2 && (args[0] as { ifAvailable?: boolean }).ifAvailable === true;
    if (ifAvailable && held.has(name)) return callback(null);
    const previous = tails.get(name) ?? Promise.resolve();
    const turn = previous.then(async () => {
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    });
    tails.set(
      name,
      turn.catch(() => {}),
    );
    return turn;
  }
  return { request } as LockManagerLike;
}

/**
 * Two views of one store in which a write reaches the other view `lagMs` later: what localStorage is between two
 * browser tabs in different renderer processes (each reads its own cached copy).
 */
function laggingStores(lagMs: number): [SessionStore, SessionStore] {
  const views = [new Map<string, StoredSession>(), new Map<string, StoredSession>()] as const;
  const view = (own: 0 | 1): SessionStore => {
    const other = views[own === 0 ? 1 : 0];
    return {
      get: (key) => views[own].get(key) ?? null,
      set(key, session) {
        views[own].set(key, session);
        setTimeout(() => other.set(key, session), lagMs);
      },
      delete(key) {
        views[own].delete(key);
        setTimeout(() => other.delete(key), lagMs);
      },
    };
  };
  return [view(0), view(1)];
}

/** Two instances ("tabs") on one shared store, on a channel of their own. */
async function twoTabs(options: { credentials?: boolean; locks?: LockManagerLike | false; lagMs?: number } = {}) {
  await env.start();
  const shared = memoryStore();
  const [storeA, storeB] = options.lagMs === undefined ? [shared, shared] : laggingStores(options.lagMs);
  const sync = tabSync({
    name: `tab-sync-test-${++channels}`,
    ...(options.locks === false ? {} : { locks: options.locks ?? processLocks() }),
  });
  const make = (store: SessionStore) =>
    env.auth({ store, tabs: sync, ...(options.credentials ? { credentials: () => alice } : {}) });
  return { a: make(storeA), b: make(storeB), sync };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe('tabSync', () => {
  it('a sign-in in one instance is taken by the other without a request', async () => {
    const { a, b } = await twoTabs();
    await a.login(alice);
    await until(() => b.events.some((e) => e.type === 'session-synced'));
    expect(b.events).toEqual([
      { type: 'session-synced', portal: b.portal, userName: alice.userName, change: 'signed-in' },
    ]);
    expect((await b.session())?.token).toBe((await a.session())?.token);
    expect(env.count('POST', SIGN_IN)).toBe(1);
  });

  it('a sign-out in one instance signs the other out', async () => {
    const { a, b } = await twoTabs();
    await a.login(alice);
    await until(() => b.events.some((e) => e.type === 'session-synced'));
    await a.logout();
    await until(() => b.events.some((e) => e.type === 'session-synced' && e.change === 'signed-out'));
    expect(await b.session()).toBeNull();
  });

  it('a token both find rejected is replaced by one sign-in under the lock; the other takes it', async () => {
    const { a, b } = await twoTabs({ credentials: true });
    await a.login(alice);
    await until(() => b.events.some((e) => e.type === 'session-synced'));
    env.emulator.revokeTokens();
    env.emulator.faults.add({
      method: 'POST',
      path: '/api/2.0/authentication',
      sequence: [{ kind: 'delay', ms: 200 }],
    });
    const before = env.count('POST', SIGN_IN);

    const results = await Promise.all([getSelfProfile({ client: a.client }), getSelfProfile({ client: b.client })]);
    for (const result of results) expect(result.data?.response?.email).toBe(alice.userName);
    expect(env.count('POST', SIGN_IN) - before).toBe(1);
    const shared = [...a.events, ...b.events].filter((e) => e.type === 'sign-in-shared');
    expect(shared).toHaveLength(1);
    expect((await a.session())?.token).toBe((await b.session())?.token);
  });

  it('a store that reaches the other instance late (localStorage across processes): still one sign-in', async () => {
    const { a, b } = await twoTabs({ credentials: true, lagMs: 150 });
    await a.login(alice);
    // The announcement arrives before the write: the other instance reads again until the session shows.
    await until(() => b.events.some((e) => e.type === 'session-synced'));
    env.emulator.revokeTokens();
    env.emulator.faults.add({
      method: 'POST',
      path: '/api/2.0/authentication',
      sequence: [{ kind: 'delay', ms: 100 }],
    });
    const before = env.count('POST', SIGN_IN);

    const results = await Promise.all([getSelfProfile({ client: a.client }), getSelfProfile({ client: b.client })]);
    for (const result of results) expect(result.data?.response?.email).toBe(alice.userName);
    expect(env.count('POST', SIGN_IN) - before).toBe(1);
    expect([...a.events, ...b.events].filter((e) => e.type === 'sign-in-shared')).toHaveLength(1);
  });

  it('without a lock manager (Node 20 has no Web Locks), each instance signs in again on its own', async () => {
    const { a, b, sync } = await twoTabs({ credentials: true, locks: false });
    expect(sync.connect('https://portal.example').locking).toBe(false);
    await a.login(alice);
    await until(() => b.events.some((e) => e.type === 'session-synced'));
    env.emulator.revokeTokens();
    const before = env.count('POST', SIGN_IN);
    const results = await Promise.all([getSelfProfile({ client: a.client }), getSelfProfile({ client: b.client })]);
    for (const result of results) expect(result.data?.response?.email).toBe(alice.userName);
    expect(env.count('POST', SIGN_IN) - before).toBe(2);
  });

  it('announces only a change and a user name, never a token; ignores anything else on the channel', async () => {
    const sync = tabSync({ name: `tab-sync-test-${++channels}` });
    const portal = 'https://portal.example';
    const listener = new BroadcastChannel(`${sync.name}:${portal}`);
    const heard: unknown[] = [];
    listener.onmessage = (event) => heard.push(event.data);
    const link = sync.connect(portal);
    const seen: unknown[] = [];
    link.onChange((change) => seen.push(change));
    const ignored: unknown[] = [];
    link.onChange((change) => ignored.push(change))(); // unsubscribed at once
    link.announce({ kind: 'signed-in', userName: 'alice@example.com' });
    listener.postMessage({ kind: 'token', token: 'x' });
    listener.postMessage('garbage');
    listener.postMessage({ kind: 'signed-out', userName: 'alice@example.com', token: 'not-passed-on' });
    await until(() => heard.length === 1 && seen.length === 1);
    expect(heard).toEqual([{ kind: 'signed-in', userName: 'alice@example.com' }]);
    expect(seen).toEqual([{ kind: 'signed-out', userName: 'alice@example.com' }]);
    expect(ignored).toEqual([]);
    expect(link.signInsHeard()).toBe(0);
    // No announcement within the grace: false; an earlier one: true at once.
    expect(await link.heardSignInSince(0, 30)).toBe(false);
    listener.postMessage({ kind: 'signed-in', userName: 'alice@example.com' });
    expect(await link.heardSignInSince(0, 5_000)).toBe(true);
    expect(await link.heardSignInSince(0, 0)).toBe(true);
    link.close();
    listener.close();
  });
});
