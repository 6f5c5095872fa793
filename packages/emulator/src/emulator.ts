import type { Server, Socket } from 'node:net';
import { DEFAULT_BRUTE_FORCE, type BruteForceSettings } from './auth/brute-force.js';
import { confirmKeySubject, type ConfirmType } from './auth/confirm-keys.js';
import type { SmsMessage } from './auth/sms.js';
import { totpCode } from './auth/totp.js';
import { createClock, type EmulatorClock, type TimeSource } from './clock.js';
import { handleControl } from './control.js';
import { FaultInjector, validateFaultRule, type FaultRule } from './faults.js';
import { mulberry32, randomSeed } from './random.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { createEmulatorServer, type LogLine, type RequestLogEntry, type ResponseRecord } from './server.js';
import { EmulatorState } from './state.js';
import {
  demoUsers,
  findUser,
  snapshotOf,
  toRecord,
  validateUsers,
  type EmulatorUser,
  type SecondFactor,
  type UserRecord,
  type UserSnapshot,
} from './users.js';

/** Options of {@link startEmulator}. Every one is optional. */
export interface EmulatorOptions {
  /** TCP port; default 0 (a free port, see `emulator.port`). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** The portal's users; default {@link demoUsers}. Checked like the command's `--users` file. */
  users?: readonly EmulatorUser[];
  /** Source of real time in ms (default `Date.now`); `emulator.clock.advance()` moves on top of it. */
  clock?: TimeSource;
  /**
   * Token lifetime in ms; default one calendar year (the server's default). `Infinity` makes tokens that
   * never expire (`expires` is then .NET's `DateTime.MaxValue`).
   */
  tokenLifetimeMs?: number;
  /** Brute-force protection; default `{attemptCount: 5, checkPeriodMs: 60000, blockTimeMs: 60000}`. */
  bruteForce?: Partial<BruteForceSettings>;
  /** The optional rate limiter (429 with `Retry-After`); off by default. */
  rateLimit?: RateLimitOptions | false;
  /** Fault rules in force from the start (and again after `reset()`). */
  faults?: readonly FaultRule[];
  /** Seed of every random choice (codes, tokens, fault dice); default: a random one, see `emulator.seed`. */
  seed?: number;
  /** Base URL of the portal in `confirmUrl` links; default the emulator's own `url`. */
  portalUrl?: string;
  /** Secret behind confirmation keys and `encemail`; default `docspace-emulator-machine-key`. */
  machineKey?: string;
  /** Called with every API answer as sent (not for `/__emulator/` calls); our contract tests use it. */
  onResponse?: (record: ResponseRecord) => void;
}

/** Read access to the SMS outbox. */
export interface SmsOutbox {
  /** Every text message sent so far, oldest first. */
  readonly messages: readonly SmsMessage[];
  /** The code of the latest message to a user (by email, user name or id), if any. */
  lastCodeFor(userName: string): string | undefined;
  /** Empties the outbox (pending codes stay valid). */
  clear(): void;
}

/** What {@link UserDirectory.update} can change. */
export interface UserChanges {
  /** New password. */
  password?: string;
  /** Disable or re-enable the user. */
  disabled?: boolean;
  /** Replace the second factor (`null` removes it). */
  secondFactor?: SecondFactor | null;
  /** Replace the API keys. */
  apiKeys?: readonly string[];
}

/** The portal's users. */
export interface UserDirectory {
  /** Every user (copies). */
  list(): UserSnapshot[];
  /** A user by email, user name or id. */
  get(userName: string): UserSnapshot | undefined;
  /** Adds a user (validated like `options.users`). */
  add(user: EmulatorUser): UserSnapshot;
  /** Changes a user. */
  update(userName: string, changes: UserChanges): UserSnapshot;
}

/** Fault rules in force. */
export interface FaultControl {
  /** Adds one rule or several (validated; throws naming the bad field). */
  add(rules: FaultRule | readonly FaultRule[]): void;
  /** Removes every rule. */
  clear(): void;
  /** The rules still in force. */
  list(): FaultRule[];
}

/** A running emulator (see {@link startEmulator}). */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** TCP port. */
  readonly port: number;
  /** Interface it listens on. */
  readonly host: string;
  /** Seed of its random choices (pass it back as `options.seed` to replay a run). */
  readonly seed: number;
  /** The emulator's time: `now()`, `advance(ms)`, `set(ms)`, `reset()`. */
  readonly clock: EmulatorClock;
  /** The SMS outbox. */
  readonly sms: SmsOutbox;
  /** The request log of the API (not of `/__emulator/`), oldest first. */
  readonly requests: readonly RequestLogEntry[];
  /** The portal's users. */
  readonly users: UserDirectory;
  /** Fault injection. */
  readonly faults: FaultControl;
  /** "Log out all": every token issued so far (of one user, when given) stops working. */
  revokeTokens(userName?: string): void;
  /**
   * A confirmation key of `type` for `email`, made at emulator time now (for `/authentication/confirm`,
   * `confirmData` sign-in, or the `confirm` header of `setphone`).
   */
  confirmKey(type: ConfirmType, email: string): string;
  /** The authenticator-app code of a user (email, user name or id) at `atMs` (default: emulator time). */
  totp(userName: string, atMs?: number): string;
  /** Empties the request log. */
  clearRequests(): void;
  /** Back to the initial state: users, tokens, counters, outbox, request log, faults and clock. */
  reset(): void;
  /** Stops listening and closes every connection, keep-alive ones included. */
  close(): Promise<void>;
}

function checkPositive(name: string, value: number | undefined, allowInfinity = false): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0 || (!allowInfinity && !Number.isFinite(value))) {
    throw new RangeError(`${name} must be a positive number, got ${String(value)}`);
  }
}

/**
 * Starts an emulator of the DocSpace authentication API on a free loopback port (by default) and
 * resolves once it listens. Each emulator has its own state; many can run in one process.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator();
 * const res = await fetch(`${emulator.url}/api/2.0/authentication`, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ userName: 'alice@example.com', password: 'alice-password' }),
 * });
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed === undefined ? randomSeed() : options.seed >>> 0;
  checkPositive('tokenLifetimeMs', options.tokenLifetimeMs, true);
  const bruteForce: BruteForceSettings = { ...DEFAULT_BRUTE_FORCE, ...options.bruteForce };
  checkPositive('bruteForce.attemptCount', bruteForce.attemptCount);
  checkPositive('bruteForce.checkPeriodMs', bruteForce.checkPeriodMs);
  checkPositive('bruteForce.blockTimeMs', bruteForce.blockTimeMs);
  if (options.rateLimit) {
    checkPositive('rateLimit.limit', options.rateLimit.limit);
    checkPositive('rateLimit.windowMs', options.rateLimit.windowMs);
  }
  const initialUsers = validateUsers(options.users ?? demoUsers);
  const initialFaults = (options.faults ?? []).map((rule, i) => validateFaultRule(rule, `faults[${i}]`));
  const clock = createClock(options.clock);
  const machineKey = options.machineKey ?? 'docspace-emulator-machine-key';

  const makeState = () => new EmulatorState(clock, seed, initialUsers, { tokenLifetimeMs: options.tokenLifetimeMs, bruteForce, machineKey });
  const makeFaults = () => {
    const injector = new FaultInjector(mulberry32(seed));
    if (initialFaults.length > 0) injector.add(initialFaults);
    return injector;
  };
  const makeLimiter = () => (options.rateLimit ? new RateLimiter(clock, options.rateLimit) : undefined);

  let state = makeState();
  let faults = makeFaults();
  let limiter = makeLimiter();
  const log: LogLine[] = [];
  const closing = new AbortController();
  let url = '';

  const userOrThrow = (userName: string): UserRecord => {
    const user = findUser(state.users, userName);
    if (!user) throw new Error(`no user ${JSON.stringify(userName)}`);
    return user;
  };

  const emulator: Emulator = {
    get url() {
      return url;
    },
    get port() {
      return port;
    },
    host,
    seed,
    clock,
    sms: {
      get messages() {
        return [...state.sms.outbox];
      },
      lastCodeFor(userName) {
        const user = findUser(state.users, userName);
        if (!user) return undefined;
        return state.sms.outbox.filter((m) => m.userId === user.id).at(-1)?.code;
      },
      clear() {
        state.sms.outbox.length = 0;
      },
    },
    get requests() {
      return log.map((entry) => ({ ...entry }));
    },
    users: {
      list: () => state.users.map(snapshotOf),
      get: (userName) => {
        const user = findUser(state.users, userName);
        return user ? snapshotOf(user) : undefined;
      },
      add: (user) => {
        const [checked] = validateUsers([user], 'user');
        for (const key of [checked!.email, checked!.id, checked!.userName]) {
          if (key !== undefined && findUser(state.users, key)) throw new Error(`a user ${JSON.stringify(key)} already exists`);
        }
        const record = toRecord(checked!, state.random);
        state.users.push(record);
        return snapshotOf(record);
      },
      update: (userName, changes) => {
        const user = userOrThrow(userName);
        const [checked] = validateUsers(
          [
            {
              email: user.email,
              password: changes.password ?? user.password,
              disabled: changes.disabled ?? user.disabled,
              ...(changes.apiKeys ? { apiKeys: changes.apiKeys } : {}),
              ...(changes.secondFactor ? { secondFactor: changes.secondFactor } : {}),
            },
          ],
          'changes',
        );
        user.password = checked!.password;
        user.disabled = checked!.disabled ?? false;
        if (changes.apiKeys) user.apiKeys = [...(checked!.apiKeys ?? [])];
        if (changes.secondFactor !== undefined) {
          const fresh = toRecord(checked!, state.random);
          user.secondFactor = fresh.secondFactor;
          if (fresh.secondFactor.type === 'sms') {
            user.phone = fresh.phone;
            user.phoneActivated = fresh.phoneActivated;
          }
        }
        return snapshotOf(user);
      },
    },
    faults: {
      add: (rules) => faults.add(rules),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    revokeTokens(userName) {
      if (userName === undefined) state.tokens.revokeAll();
      else state.tokens.revokeUser(userOrThrow(userName));
    },
    confirmKey(type, email) {
      const user = state.userByEmail(email);
      return state.confirmKeys.create(confirmKeySubject(type, email, user?.id));
    },
    totp(userName, atMs) {
      const user = userOrThrow(userName);
      if (user.secondFactor.type !== 'app') throw new Error(`${userName} has no authenticator app`);
      return totpCode(user.secondFactor.secret, atMs ?? clock.now());
    },
    clearRequests() {
      log.length = 0;
    },
    reset() {
      clock.reset();
      state = makeState();
      faults = makeFaults();
      limiter = makeLimiter();
      log.length = 0;
    },
    close() {
      return close();
    },
  };

  const server = createEmulatorServer({
    state: () => state,
    faults: () => faults,
    rateLimiter: () => limiter,
    portalUrl: () => (options.portalUrl ?? url).replace(/\/+$/, ''),
    log,
    onResponse: options.onResponse,
    control: (req, res, requestUrl, body) => handleControl(emulator, req, res, requestUrl, body),
    signal: closing.signal,
  });

  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = (server as Server).address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closed: Promise<void> | undefined;
  function close(): Promise<void> {
    closed ??= new Promise<void>((resolve) => {
      closing.abort();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closed;
  }

  return emulator;
}
