// The sign-in coordinator of processes on one machine that share a session file (the CLI and local scripts): the
// lease is a lock file (proper-lockfile: kept fresh while its holder lives, taken over once stale), and fencing
// tokens, outcomes and refused credentials live in one JSON file beside the session file. No messages: waiters
// poll. Node only (exported by the file-store entry).
import { unwatchFile, watchFile } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CredentialFailure, SessionNotice, SignInCoordinator, SignInOutcome } from './stores/coordinator.js';
import { writeFileAtomically } from './write-file-atomically.js';

/** Options of {@link fileCoordinator}. */
export interface FileCoordinatorOptions {
  /** How often a waiting process looks for the outcome. Default 100 ms. */
  pollMs?: number;
}

/** The JSON file beside the session file (`<session file>.coordination.json`). */
interface CoordinationFile {
  format: 'docspace-auth/coordination';
  version: 1;
  fences: Record<string, number>;
  /** The stale time of each subject's lease lock, so that waiters judge it as its holder does. */
  staleMs: Record<string, number>;
  outcomes: Record<string, SignInOutcome>;
  failures: Record<string, CredentialFailure & { until: number }>;
  /** The last notice of each subject, numbered, for the processes that watch the file. */
  notices: Record<string, { kind: SessionNotice['kind']; seq: number }>;
}

const empty = (): CoordinationFile => ({
  format: 'docspace-auth/coordination',
  version: 1,
  fences: {},
  staleMs: {},
  outcomes: {},
  failures: {},
  notices: {},
});

/** proper-lockfile's shortest stale time: a lease of a lock file lasts at least this long. */
const MIN_STALE_MS = 2_000;

/**
 * A {@link SignInCoordinator} for processes on one machine that share the session file at `path`: pass it as
 * `coordinator` beside `store: fileStore(path)`. Writes `<path>.coordination.json` and lock folders
 * `<path>.signin-<hash>.lock` (mode 0700 folder, 0600 file, like the session file).
 *
 * @example
 * ```ts
 * const file = `${os.homedir()}/.config/my-tool/sessions.json`;
 * const auth = createDocSpaceAuth({ baseUrl, store: fileStore(file), coordinator: fileCoordinator(file), credentials });
 * ```
 */
export function fileCoordinator(path: string, options: FileCoordinatorOptions = {}): SignInCoordinator {
  if (typeof path !== 'string' || path === '')
    throw new TypeError('fileCoordinator(path): path must be a non-empty string');
  const statePath = `${path}.coordination.json`;
  const pollMs = options.pollMs ?? 100;
  // WebCrypto, not node:crypto: importing the file-store entry stays as cheap as it was.
  const leasePath = async (subject: string) => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(subject)));
    return `${path}.signin-${Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  };
  const lockfile = () => import('proper-lockfile');

  async function readState(): Promise<CoordinationFile> {
    try {
      const state = JSON.parse(await readFile(statePath, 'utf8')) as Partial<CoordinationFile>;
      if (state?.format !== 'docspace-auth/coordination' || state.version !== 1) return empty();
      return { ...empty(), ...state } as CoordinationFile;
    } catch {
      return empty(); // missing or unreadable: nothing is known
    }
  }

  /**
   * Changes the state file under its own lock (a short one, beside the leases'). `change` returns `false` to leave
   * the file as it was.
   */
  async function update(change: (state: CoordinationFile) => unknown): Promise<void> {
    await mkdir(dirname(statePath), { recursive: true, mode: 0o700 });
    const { lock } = await lockfile();
    const release = await lock(statePath, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 200, minTimeout: 5, maxTimeout: 50, factor: 1.2 },
    });
    try {
      const state = await readState();
      const now = Date.now();
      for (const [subject, failure] of Object.entries(state.failures))
        if (failure.until <= now) delete state.failures[subject];
      if ((await change(state)) === false) return;
      await writeFileAtomically(statePath, `${JSON.stringify(state)}\n`);
    } finally {
      await release();
    }
  }

  const notice = (state: CoordinationFile, { kind, subject }: SessionNotice) => {
    state.notices[subject] = { kind, seq: (state.notices[subject]?.seq ?? 0) + 1 };
  };

  // Watching: one stat poll of the state file per process, read when it changes.
  const watchers = new Map<string, Set<(notice: SessionNotice) => void>>();
  const seen = new Map<string, number>();
  let watching = false;
  async function onStateChange(): Promise<void> {
    const { notices } = await readState();
    for (const [subject, listeners] of watchers) {
      const latest = notices[subject];
      if (!latest || latest.seq === seen.get(subject)) continue;
      seen.set(subject, latest.seq);
      for (const listener of listeners) {
        try {
          listener({ kind: latest.kind, subject });
        } catch {
          // A listener's failure is its own.
        }
      }
    }
  }

  const statListener = () => void onStateChange();
  /** Releases a lease lock; one that is gone already (taken over) is nobody's problem. */
  async function releaseQuietly(release: () => Promise<void>): Promise<void> {
    try {
      await release();
    } catch {
      // Compromised or removed: another process holds the lease now.
    }
  }

  return {
    async announce(sessionNotice) {
      await update((state) => notice(state, sessionNotice));
    },
    watch(subject, listener) {
      const listeners = watchers.get(subject) ?? new Set();
      watchers.set(subject, listeners);
      listeners.add(listener);
      void readState().then((state) => {
        if (!seen.has(subject)) seen.set(subject, state.notices[subject]?.seq ?? 0);
      });
      if (!watching) {
        watching = true;
        watchFile(statePath, { interval: pollMs, persistent: false }, statListener);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) watchers.delete(subject);
        if (watchers.size === 0 && watching) {
          watching = false;
          unwatchFile(statePath, statListener);
        }
      };
    },

    async acquire(subject, leaseMs) {
      const { lock } = await lockfile();
      const target = await leasePath(subject);
      const staleMs = Math.max(leaseMs, MIN_STALE_MS);
      // The lease lock and the fencing token change together under the state lock, so a process that finds the
      // lease taken reads the fence of the lease that holds it, never the one before.
      let release: (() => Promise<void>) | undefined;
      let fence = 0;
      try {
        await update(async (state) => {
          try {
            release = await lock(target, {
              realpath: false,
              stale: staleMs,
              retries: 0,
              onCompromised: () => undefined, // another process took over: its outcome is the one that counts
            });
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
            fence = state.fences[subject] ?? 0;
            return false;
          }
          state.staleMs[subject] = staleMs;
          fence = state.fences[subject] = (state.fences[subject] ?? 0) + 1;
          return true;
        });
      } catch (error) {
        if (release) await releaseQuietly(release);
        throw error;
      }
      if (!release) return { heldBy: fence };
      const releaseLock = release;
      let released = false;
      return {
        lease: {
          fence,
          // proper-lockfile keeps the lock fresh by itself while this process lives.
          extend: async () => !released,
          async release(outcome) {
            if (released) return;
            released = true;
            try {
              await update((state) => {
                if ((state.fences[subject] ?? 0) !== fence) return;
                state.outcomes[subject] = outcome;
                if (outcome.ok) notice(state, { kind: 'replaced', subject });
              });
            } finally {
              await releaseQuietly(releaseLock);
            }
          },
        },
      };
    },

    async waitForOutcome(subject, heldBy, timeoutMs) {
      const { check } = await lockfile();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const state = await readState();
        const outcome = state.outcomes[subject];
        if (outcome && outcome.fence >= heldBy) return outcome;
        if ((state.fences[subject] ?? 0) > heldBy) return undefined; // a later lease: look again
        // A lease of a process that died goes stale after its lease time.
        const stale = state.staleMs[subject] ?? MIN_STALE_MS;
        let held = false;
        try {
          held = await check(await leasePath(subject), { realpath: false, stale });
        } catch {
          // Cannot tell: as if it ended, so the caller looks again.
        }
        if (!held || Date.now() >= deadline) return undefined;
        await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
      }
    },

    async recallFailure(subject) {
      const failure = (await readState()).failures[subject];
      if (!failure || failure.until <= Date.now()) return null;
      const { until: _until, ...remembered } = failure;
      return remembered;
    },
    async rememberFailure(subject, failure, ttlMs) {
      await update((state) => {
        state.failures[subject] = { ...failure, until: Date.now() + ttlMs };
      });
    },
    async forgetFailure(subject) {
      await update((state) => {
        delete state.failures[subject];
      });
    },
  };
}
