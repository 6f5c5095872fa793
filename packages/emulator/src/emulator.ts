import type { Server, Socket } from 'node:net';
import { DEFAULT_BRUTE_FORCE, type BruteForceSettings } from './auth/brute-force.js';
import { confirmKeySubject } from './auth/confirm-keys.js';
import { totpCode } from './auth/totp.js';
import { createClock } from './clock.js';
import { handleControl } from './control.js';
import { FaultInjector, validateFaultRule } from './faults.js';
import { mulberry32, randomSeed } from './random.js';
import { RateLimiter } from './rate-limit.js';
import { createEmulatorServer, type LogLine } from './server.js';
import { EmulatorState } from './state.js';
import {
  demoUsers,
  findUser,
  snapshotOf,
  toRecord,
  validateUsers,
  type UserRecord,
} from './users.js';
import type { Emulator, EmulatorOptions } from './types.js';

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
