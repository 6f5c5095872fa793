import { BruteForceGuard, ExpiringCounter, type BruteForceSettings } from './auth/brute-force.js';
import { ConfirmKeys } from './auth/confirm-keys.js';
import { SmsService } from './auth/sms.js';
import { TokenStore } from './auth/tokens.js';
import type { EmulatorClock } from './clock.js';
import { createRandom, cryptoRandom, type RandomSource } from './random.js';
import type { EmulatorLimits, EmulatorUser, PortalState } from './types.js';
import { UserDirectory } from './user-directory.js';

/** Everything one emulator remembers. Rebuilt by `reset()`; nothing is shared between emulators. */
export class EmulatorState {
  /** The users, and the only place that looks one up. */
  readonly users: UserDirectory;
  /** Where secrets come from: the CSPRNG, or the seeded PRNG with `unsafeDeterministicSecrets`. */
  readonly random: RandomSource;
  readonly tokens: TokenStore;
  readonly bruteForce: BruteForceGuard;
  /** Per-user authenticator-code attempts (1-minute sliding expiry). */
  readonly tfaAttempts: ExpiringCounter;
  readonly sms: SmsService;
  readonly confirmKeys: ConfirmKeys;
  /** Suspended, removed, IP-restricted, ...: see `emulator.portal`. */
  portal: PortalState;
  /** When this state was made: the registration date of every user. */
  readonly createdAt: number;

  constructor(
    readonly clock: EmulatorClock,
    seed: number,
    initialUsers: readonly EmulatorUser[],
    readonly settings: {
      tokenLifetimeMs: number | undefined;
      bruteForce: BruteForceSettings;
      machineKey: string;
      portal: PortalState;
      /** Secrets from the seeded PRNG (predictable: only when asked for by name). */
      unsafeDeterministicSecrets: boolean;
      limits: EmulatorLimits;
    },
  ) {
    // A seeded stream apart from the fault dice, so fault decisions do not depend on how many codes were made.
    this.random = settings.unsafeDeterministicSecrets ? createRandom((seed ^ 0x9e3779b9) >>> 0) : cryptoRandom();
    this.users = new UserDirectory(initialUsers, this.random);
    this.tokens = new TokenStore(clock, this.random, settings.tokenLifetimeMs, settings.limits.tokens);
    this.bruteForce = new BruteForceGuard(clock, settings.bruteForce, settings.limits.trackedClients);
    this.tfaAttempts = new ExpiringCounter(clock, 60_000);
    this.sms = new SmsService(clock, this.random, settings.limits.smsOutbox);
    this.confirmKeys = new ConfirmKeys(clock, settings.machineKey);
    this.portal = { ...settings.portal };
    this.createdAt = clock.now();
  }
}
