import type { Server, Socket } from 'node:net';
import { DEFAULT_BRUTE_FORCE, type BruteForceSettings } from './auth/brute-force.js';
import { confirmKeySubject } from './auth/confirm-keys.js';
import { totpCode } from './auth/totp.js';
import { createClock } from './clock.js';
import { corsOrigins as corsOriginsOf } from './cors.js';
import { checkTrustProxy, clientAddress } from './client-address.js';
import { handleControl, resolveControlKey } from './control.js';
import { validateFaultRule } from './fault-validation.js';
import { FaultInjector } from './faults.js';
import { mulberry32, randomSeed } from './random.js';
import { RateLimiter } from './rate-limit.js';
import { applyPortalChanges, DEFAULT_PORTAL_STATE } from './portal.js';
import { RequestLog } from './request-log.js';
import { createEmulatorServer } from './server.js';
import { EmulatorState } from './state.js';
import { demoUsers } from './demo-users.js';
import { validateUsers } from './user-validation.js';
import type { Emulator, EmulatorLimits, EmulatorOptions } from './types.js';

function checkPositive(name: string, value: number | undefined, allowInfinity = false): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0 || (!allowInfinity && !Number.isFinite(value))) {
    throw new RangeError(`${name} must be a positive number, got ${String(value)}`);
  }
}

/** The default {@link EmulatorLimits}. */
export const DEFAULT_LIMITS: EmulatorLimits = Object.freeze({
  bodyBytes: 1024 * 1024,
  bodyTimeoutMs: 10_000,
  requestLog: 10_000,
  trackedClients: 10_000,
  tokens: 100_000,
  smsOutbox: 1_000,
});

function checkLimits(given: Partial<EmulatorLimits> | undefined): EmulatorLimits {
  const limits = { ...DEFAULT_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!(name in DEFAULT_LIMITS))
      throw new TypeError(`limits.${name} is not a limit (${Object.keys(DEFAULT_LIMITS).join(', ')})`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new RangeError(`limits.${name} must be a positive whole number, got ${String(value)}`);
    }
  }
  return limits;
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
  const limits = checkLimits(options.limits);
  const trustProxy = checkTrustProxy(options.trustProxy);
  const controlKey = resolveControlKey(options.controlPlane);
  const unsafeDeterministicSecrets = options.unsafeDeterministicSecrets === true;
  const initialUsers = validateUsers(options.users ?? demoUsers);
  const initialFaults = (options.faults ?? []).map((rule, i) => validateFaultRule(rule, `faults[${i}]`));
  const clock = createClock(options.clock);
  const machineKey = options.machineKey ?? 'docspace-emulator-machine-key';
  const initialPortal = applyPortalChanges(DEFAULT_PORTAL_STATE, options.portal);
  const corsOrigins = corsOriginsOf(options.cors);

  const makeState = () =>
    new EmulatorState(clock, seed, initialUsers, {
      tokenLifetimeMs: options.tokenLifetimeMs,
      bruteForce,
      machineKey,
      portal: initialPortal,
      unsafeDeterministicSecrets,
      limits,
    });
  const makeFaults = () => {
    const injector = new FaultInjector(mulberry32(seed));
    if (initialFaults.length > 0) injector.add(initialFaults);
    return injector;
  };
  const makeLimiter = () =>
    options.rateLimit ? new RateLimiter(clock, options.rateLimit, limits.trackedClients) : undefined;

  let state = makeState();
  let faults = makeFaults();
  let limiter = makeLimiter();
  const log = new RequestLog(limits.requestLog);
  const closing = new AbortController();
  let url = '';

  const emulator: Emulator = {
    get url() {
      return url;
    },
    get port() {
      return port;
    },
    host,
    seed,
    controlKey,
    clock,
    sms: {
      get messages() {
        return [...state.sms.outbox];
      },
      lastCodeFor(userName) {
        const user = state.users.find(userName);
        if (!user) return undefined;
        return state.sms.outbox.filter((m) => m.userId === user.id).at(-1)?.code;
      },
      clear() {
        state.sms.outbox.length = 0;
      },
    },
    get requests() {
      return log.list();
    },
    users: {
      list: () => state.users.list(),
      get: (userName) => state.users.get(userName),
      add: (user) => state.users.add(user),
      update: (userName, changes) => state.users.update(userName, changes),
    },
    faults: {
      add: (rules) => faults.add(rules),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    portal: {
      get: () => ({ ...state.portal }),
      set(changes) {
        state.portal = applyPortalChanges(state.portal, changes);
        return { ...state.portal };
      },
    },
    revokeTokens(userName) {
      if (userName === undefined) state.tokens.revokeAll();
      else state.tokens.revokeUser(state.users.require(userName));
    },
    confirmKey(type, email) {
      const user = state.users.byEmail(email);
      return state.confirmKeys.create(confirmKeySubject(type, email, user?.id));
    },
    totp(userName, atMs) {
      const user = state.users.require(userName);
      if (user.secondFactor.type !== 'app') throw new Error(`${userName} has no authenticator app`);
      return totpCode(user.secondFactor.secret, atMs ?? clock.now());
    },
    clearRequests() {
      log.clear();
    },
    reset() {
      clock.reset();
      state = makeState();
      faults = makeFaults();
      limiter = makeLimiter();
      log.clear();
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
    control:
      controlKey === undefined
        ? undefined
        : (req, res, requestUrl, body) => handleControl(emulator, controlKey, req, res, requestUrl, body),
    clientAddress: (req) => clientAddress(req, trustProxy),
    body: { maxBytes: limits.bodyBytes, timeoutMs: limits.bodyTimeoutMs },
    signal: closing.signal,
    corsOrigins,
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
