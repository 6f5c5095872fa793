// The sign-in coordinator on Redis: the lease (SET NX PX + INCR fencing token, compare-and-delete release in Lua),
// outcomes for waiters (a pub/sub message, and a key that polling finds when a message is missed), refused
// credentials, and notices of replaced or revoked sessions.
import { randomUUID } from 'node:crypto';
import type { CredentialFailure, SessionNotice, SignInCoordinator, SignInOutcome } from '@docspace/auth-helpers';
import type { Connection, RedisClient } from './connection.js';
import type { RedisKeys } from './keys.js';
import { ACQUIRE, EXTEND, RELEASE } from './scripts.js';

/** What travels on the channel. */
type Message = { subject: string; kind: 'outcome'; outcome: SignInOutcome } | SessionNotice;

export interface CoordinatorContext {
  redis: Connection;
  keys: RedisKeys;
  /** The connection that subscribes (a subscribed connection sends no other command). */
  subscriber: () => RedisClient;
  pollMs: number;
  /** How long an outcome stays readable after its message. */
  outcomeTtlMs: number;
  /** How long a fencing-token counter lives after its last lease. */
  fenceTtlMs: number;
}

const parse = <T>(text: string | null): T | undefined => {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
};

export function createRedisCoordinator(context: CoordinatorContext): SignInCoordinator & { close(): Promise<void> } {
  const { redis, keys, pollMs } = context;
  const owner = randomUUID();
  const watchers = new Map<string, Set<(notice: SessionNotice) => void>>();
  const waiters = new Map<string, Set<(outcome: SignInOutcome) => void>>();

  function onMessage(channel: string, text: string): void {
    if (channel !== keys.channel) return;
    const message = parse<Message>(text);
    if (!message || typeof message.subject !== 'string') return;
    if (message.kind === 'outcome') {
      for (const waiter of waiters.get(message.subject) ?? []) waiter(message.outcome);
      if (message.outcome.ok) notify({ kind: 'replaced', subject: message.subject });
    } else if (message.kind === 'replaced' || message.kind === 'revoked') {
      notify({ kind: message.kind, subject: message.subject });
    }
  }

  function notify(notice: SessionNotice): void {
    for (const listener of watchers.get(notice.subject) ?? []) {
      try {
        listener(notice);
      } catch {
        // A listener's failure is its own.
      }
    }
  }

  /**
   * Listens on the channel from the first wait or watch on: subscribes whenever the connection is (again) ready, since
   * a subscription asked for while it is down fails (no offline queue) or waits in the queue.
   */
  let listening: RedisClient | undefined;
  const ignore = () => undefined;
  function listen(): void {
    if (listening) return;
    const connection = context.subscriber();
    listening = connection;
    const subscribe = () => void connection.subscribe(keys.channel).catch(ignore);
    connection.on('message', onMessage);
    connection.on('error', ignore); // reconnecting is the client's job; polling covers the gap
    connection.on('ready', subscribe);
    if (connection.status === 'ready') subscribe();
  }

  const holderFence = (holder: string) => Number(holder.slice(holder.lastIndexOf(':') + 1)) || 0;

  return {
    async acquire(subject, leaseMs) {
      const reply = (await redis.run(
        ACQUIRE,
        [keys.lease(subject), keys.fence(subject)],
        [owner, leaseMs, context.fenceTtlMs],
      )) as [number, string];
      if (reply[0] !== 1) return { heldBy: holderFence(String(reply[1])) };
      const fence = Number(reply[1]);
      const holder = `${owner}:${fence}`;
      return {
        lease: {
          fence,
          extend: async () => (await redis.run(EXTEND, [keys.lease(subject)], [holder, leaseMs])) === 1,
          async release(outcome) {
            const message: Message = { subject, kind: 'outcome', outcome };
            await redis.run(
              RELEASE,
              [keys.lease(subject), keys.outcome(subject)],
              [holder, JSON.stringify(outcome), context.outcomeTtlMs, keys.channel, JSON.stringify(message)],
            );
          },
        },
      };
    },

    waitForOutcome(subject, heldBy, timeoutMs) {
      return new Promise<SignInOutcome | undefined>((resolve, reject) => {
        let settled = false;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const waiter = (outcome: SignInOutcome) => {
          if (outcome.fence >= heldBy) finish(outcome);
        };
        const set = waiters.get(subject) ?? new Set();
        waiters.set(subject, set);
        set.add(waiter);
        const deadline = setTimeout(() => finish(undefined), timeoutMs);
        function finish(outcome: SignInOutcome | undefined, error?: unknown) {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          clearTimeout(timer);
          set.delete(waiter);
          if (set.size === 0 && waiters.get(subject) === set) waiters.delete(subject);
          if (error === undefined) resolve(outcome);
          else reject(error);
        }
        // The message usually comes first; polling finds an outcome whose message was missed, and a lease that
        // ended without one (its holder died).
        const poll = async () => {
          try {
            const [outcome, lease] = await Promise.all([
              redis.get(keys.outcome(subject)),
              redis.get(keys.lease(subject)),
            ]);
            const found = parse<SignInOutcome>(outcome);
            if (found && found.fence >= heldBy) return finish(found);
            if (lease === null || holderFence(lease) !== heldBy) return finish(undefined);
            if (!settled) timer = setTimeout(poll, pollMs);
          } catch (error) {
            finish(undefined, error);
          }
        };
        listen();
        timer = setTimeout(poll, 0);
      });
    },

    async recallFailure(subject) {
      const failure = parse<CredentialFailure>(await redis.get(keys.failure(subject)));
      return failure && typeof failure.fingerprint === 'string' ? failure : null;
    },
    async rememberFailure(subject, failure, ttlMs) {
      await redis.setPx(keys.failure(subject), JSON.stringify(failure), ttlMs);
    },
    async forgetFailure(subject) {
      await redis.del(keys.failure(subject));
    },

    async announce(notice) {
      await redis.publish(keys.channel, JSON.stringify(notice satisfies Message));
    },
    watch(subject, listener) {
      const set = watchers.get(subject) ?? new Set();
      watchers.set(subject, set);
      set.add(listener);
      listen();
      return () => {
        set.delete(listener);
      };
    },

    async close() {
      const connection = listening;
      listening = undefined;
      connection?.off('message', onMessage);
    },
  };
}
