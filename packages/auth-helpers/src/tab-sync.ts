// Tabs that agree: the DocSpaceAuth instances of one origin that share a store (browser tabs and windows on
// `webStorageStore(localStorage)`) hear of each other's sign-ins and sign-outs through a BroadcastChannel, and sign
// in again one at a time through a Web Lock. Opt-in (`tabs: tabSync()`), so nothing of it reaches a program that
// does not ask for it: the session manager only hands this file a view of its state (TabSessionAccess).
import type { DocSpaceAuthEvent } from './events.js';
import type { Session } from './session.js';

/** With tabs: how long a tab that waited for another's sign-in listens for its announcement before signing in. */
const STORE_GRACE_MS = 200;
/** With tabs: how often, and how many times, an unchanged store is read again after another tab's announcement. */
const SYNC_READ_INTERVAL_MS = 40;
const SYNC_READS = 25;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one instance tells the others: only that the stored session changed, and whose. Never a token. */
export interface TabChange {
  kind: 'signed-in' | 'signed-out';
  userName: string;
}

/** One instance's connection to the others of its portal (made by {@link TabSync.connect}). */
export interface TabLink {
  /** Web Locks are available: {@link TabLink.exclusive} excludes the other tabs, not only this instance. */
  readonly locking: boolean;
  /**
   * Runs `run` while holding the portal's lock: at most one instance of the origin runs it at a time. `waited`: the
   * lock was held by another instance when asked for.
   */
  exclusive<T>(run: (waited: boolean) => Promise<T>): Promise<T>;
  /** How many `signed-in` announcements this instance has heard so far. */
  signInsHeard(): number;
  /**
   * Resolves `true` once more than `count` `signed-in` announcements have been heard (at once if they have), or
   * `false` after `graceMs` without one.
   */
  heardSignInSince(count: number, graceMs: number): Promise<boolean>;
  /** Tells the other instances that the stored session changed. */
  announce(change: TabChange): void;
  /** Calls `listener` with every other instance's announcement. Returns the unsubscribe function. */
  onChange(listener: (change: TabChange) => void): () => void;
  /** Leaves the channel. */
  close(): void;
}

/** A session as the session manager holds it: with when it was obtained (ms since the epoch; 0 when unknown). */
export interface HeldSession {
  session: Session;
  obtainedAt: number;
}

/** What one instance's session manager lets the tab coordination see and do. */
export interface TabSessionAccess {
  portal: string;
  /** The live session of the portal in the store now (as another tab may have left it), or `null`. */
  stored(): Promise<HeldSession | null>;
  /** The session in use: `undefined` before it was restored, `null` for none. */
  current(): HeldSession | null | undefined;
  /** Makes `held` the session in use. */
  use(held: HeldSession | null): void;
  /** This instance is signing in right now. */
  signingIn(): boolean;
  /** `held` is close enough to its expiry to be renewed. */
  renewalDue(held: HeldSession): boolean;
  emit(event: DocSpaceAuthEvent): void;
}

/** The tab coordination of one instance (made by {@link TabSync.attach}). */
export interface TabCoordinator {
  /** Tells the other instances that the stored session changed. */
  announce(change: TabChange): void;
  /**
   * Runs `signIn` under the portal's lock, unless another instance stored a usable session meanwhile (one that is not
   * `staleToken` and not due for renewal): then that one is used, with a `sign-in-shared` event.
   */
  signInAgain(staleToken: string | undefined, signIn: () => Promise<Session>): Promise<Session>;
  /** Leaves the channel. */
  close(): void;
}

/** Options of {@link tabSync}. */
export interface TabSyncOptions {
  /** Prefix of the channel and lock names (followed by `:` and the portal's origin). Default `docspace-auth`. */
  name?: string | undefined;
  /**
   * The lock manager. Default `navigator.locks` (the Web Locks API) where present. Anything with the same `request`
   * works, e.g. a lock shared by the instances of one process.
   */
  locks?: LockManagerLike | undefined;
}

/** Tab coordination for {@link DocSpaceAuthOptions.tabs}; made by {@link tabSync}. */
export interface TabSync {
  /** Prefix of the channel and lock names. */
  readonly name: string;
  /** Connects to the other instances of `portal`: the channel and the lock. */
  connect(portal: string): TabLink;
  /** Connects one instance's session state to the others of its portal. Called by `createDocSpaceAuth`. */
  attach(access: TabSessionAccess): TabCoordinator;
}

/** The part of the Web Locks API used here (`navigator.locks`). */
export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: object | null) => Promise<T>): Promise<T>;
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

const isTabChange = (value: unknown): value is TabChange => {
  const change = value as Partial<TabChange> | null;
  return (
    typeof change === 'object' &&
    change !== null &&
    (change.kind === 'signed-in' || change.kind === 'signed-out') &&
    typeof change.userName === 'string'
  );
};

/**
 * Keeps the tabs of a browser app in agreement. With `createDocSpaceAuth({ store: webStorageStore(localStorage),
 * tabs: tabSync() })` in every tab:
 *
 * - signing in or out in one tab is seen by the others at once (a `session-synced` event there), through a
 *   `BroadcastChannel`;
 * - a sign-in again (renewal, or a rejected token with `credentials()`) runs in one tab at a time, under a Web Lock;
 *   a tab that waited for it uses the session the other one stored instead of signing in itself (a
 *   `sign-in-shared` event).
 *
 * Where `BroadcastChannel` or `navigator.locks` is missing (Web Locks need a secure context: `https:` or
 * loopback), that part falls back to this instance alone. Messages carry a user name, never a token.
 *
 * @example
 * ```ts
 * import { createDocSpaceAuth, tabSync, webStorageStore } from '@docspace/auth-helpers';
 *
 * const auth = createDocSpaceAuth({ baseUrl: location.origin, store: webStorageStore(localStorage), tabs: tabSync() });
 * auth.on('session-synced', (event) => console.log(`another tab: ${event.change} (${event.userName})`));
 * ```
 */
export function tabSync(options: TabSyncOptions = {}): TabSync {
  const prefix = options.name ?? 'docspace-auth';
  const sync: TabSync = {
    name: prefix,
    attach: (access) => coordinate(sync.connect(access.portal), access),
    connect(portal) {
      const name = `${prefix}:${portal}`;
      const locks = options.locks ?? (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
      const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
      // Node's BroadcastChannel would keep the process alive.
      (channel as { unref?: () => void } | undefined)?.unref?.();
      const listeners = new Set<(change: TabChange) => void>();
      let signIns = 0;
      const signInWaiters = new Set<() => void>();
      if (channel) {
        channel.onmessage = (event: MessageEvent<unknown>) => {
          if (!isTabChange(event.data)) return;
          const change: TabChange = { kind: event.data.kind, userName: event.data.userName };
          if (change.kind === 'signed-in') {
            signIns++;
            for (const wake of signInWaiters) wake();
          }
          for (const listener of listeners) listener(change);
        };
      }
      return {
        locking: locks !== undefined,
        async exclusive(run) {
          if (!locks) return run(false);
          // First without waiting: the usual case, nobody else signing in, needs no grace for other tabs' writes.
          const free = { taken: false };
          const result = await locks.request(name, { ifAvailable: true }, async (lock) => {
            if (!lock) return undefined;
            free.taken = true;
            return { value: await run(false) };
          });
          if (free.taken && result) return result.value;
          return locks.request(name, () => run(true));
        },
        signInsHeard: () => signIns,
        heardSignInSince(count, graceMs) {
          if (signIns > count) return Promise.resolve(true);
          return new Promise<boolean>((resolve) => {
            const done = (heard: boolean) => {
              clearTimeout(timer);
              signInWaiters.delete(wake);
              resolve(heard);
            };
            const wake = () => {
              if (signIns > count) done(true);
            };
            const timer = setTimeout(() => done(false), graceMs);
            signInWaiters.add(wake);
          });
        },
        announce: (change) => channel?.postMessage(change),
        onChange(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close() {
          listeners.clear();
          for (const wake of signInWaiters) wake();
          channel?.close();
        },
      };
    },
  };
  return sync;
}

/** The coordination of one instance's session state with the other instances on `link`. */
function coordinate(link: TabLink, access: TabSessionAccess): TabCoordinator {
  const { portal, emit } = access;

  /**
   * Another tab announced a change: take what is in the store, and report it if it differs. A browser's localStorage
   * may reach this tab a moment after the announcement, so an unchanged store is read again for up to a second.
   */
  async function syncFromStore(): Promise<void> {
    for (let tries = 0; ; tries++) {
      if (access.signingIn()) return; // this instance's own sign-in decides
      const found = await access.stored();
      const before = access.current()?.session;
      if (found?.session.token !== before?.token && !access.signingIn()) {
        access.use(found);
        if (found) emit({ type: 'session-synced', portal, userName: found.session.userName, change: 'signed-in' });
        else if (before) emit({ type: 'session-synced', portal, userName: before.userName, change: 'signed-out' });
        return;
      }
      if (tries === SYNC_READS) return;
      await pause(SYNC_READ_INTERVAL_MS);
    }
  }
  const unsubscribe = link.onChange(() => void syncFromStore());

  /**
   * Inside the lock: the session another tab stored while this one waited. `heardBefore`: the other tabs' sign-ins
   * heard when this one started waiting; `waited`: the lock was held by another tab.
   */
  async function sessionFromAnotherTab(staleToken: string | undefined, heardBefore: number, waited: boolean) {
    const usable = (found: HeldSession | null): found is HeldSession =>
      found !== null && found.session.token !== staleToken && !access.renewalDue(found);
    let found = await access.stored();
    // A browser's localStorage reaches another tab a moment after the lock does. When another tab held the lock and
    // announced a sign-in (or does so within a short grace), read again until its session shows.
    if (!usable(found) && waited && (await link.heardSignInSince(heardBefore, STORE_GRACE_MS))) {
      for (let tries = 0; tries < SYNC_READS && !usable(found); tries++) {
        await pause(SYNC_READ_INTERVAL_MS);
        found = await access.stored();
      }
    }
    if (!usable(found)) return undefined;
    access.use(found);
    emit({ type: 'sign-in-shared', portal, userName: found.session.userName });
    return found.session;
  }

  return {
    announce: (change) => link.announce(change),
    signInAgain(staleToken, signIn) {
      const heardBefore = link.signInsHeard();
      return link.exclusive(
        async (waited) => (await sessionFromAnotherTab(staleToken, heardBefore, waited)) ?? signIn(),
      );
    },
    close() {
      unsubscribe();
      link.close();
    },
  };
}
