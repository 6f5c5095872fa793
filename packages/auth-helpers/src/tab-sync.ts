// Tabs that agree: the DocSpaceAuth instances of one origin that share a store (browser tabs and windows on
// `webStorageStore(localStorage)`) hear of each other's sign-ins and sign-outs through a BroadcastChannel, and sign
// in again one at a time through a Web Lock. Opt-in (`tabs: tabSync()`), so nothing of it reaches a program that
// does not ask for it.

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

/** Options of {@link tabSync}. */
export interface TabSyncOptions {
  /** Prefix of the channel and lock names (followed by `:` and the portal's origin). Default `docspace-auth`. */
  name?: string;
  /**
   * The lock manager. Default `navigator.locks` (the Web Locks API) where present. Anything with the same `request`
   * works, e.g. a lock shared by the instances of one process.
   */
  locks?: LockManagerLike;
}

/** Tab coordination for {@link DocSpaceAuthOptions.tabs}; made by {@link tabSync}. */
export interface TabSync {
  /** Prefix of the channel and lock names. */
  readonly name: string;
  /** Connects one instance to the others of `portal`. Called by `createDocSpaceAuth`. */
  connect(portal: string): TabLink;
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
  return {
    name: prefix,
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
}
