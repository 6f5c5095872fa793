// Shared set-up of the integration tests: a real emulator on loopback per test, and a leak check that collects
// everything the package emitted (events, errors, console output) and the secrets the test used.
import { format, inspect } from 'node:util';
import { startEmulator, type Emulator, type EmulatorOptions } from '@docspace/emulator';
import { afterEach, expect, vi } from 'vitest';
import {
  createDocSpaceAuth,
  type DocSpaceAuth,
  type DocSpaceAuthEvent,
  type DocSpaceAuthOptions,
} from '../../src/index.js';

export const PASSWORDS = {
  alice: 'alice-password',
  bob: 'bob-password',
  carol: 'carol-password',
  dave: 'dave-password',
  erin: 'erin-password',
} as const;

/** Secrets used by a test file, and everything the package emitted while it ran. */
export class LeakCheck {
  readonly secrets = new Set<string>(Object.values(PASSWORDS));
  readonly emitted: string[] = [];

  /** Remembers values that must never show up in anything the package emits. */
  secret(...values: (string | null | undefined)[]): void {
    for (const value of values) if (value) this.secrets.add(value);
  }

  /** Records an emitted value in every form a user might print it in. */
  record(value: unknown): void {
    this.emitted.push(inspect(value, { depth: 20, showHidden: true }));
    try {
      this.emitted.push(JSON.stringify(value) ?? '');
    } catch {
      // Not serialisable: the inspect form above is enough.
    }
    if (value instanceof Error) this.emitted.push(String(value), value.stack ?? '', String(value.message));
  }

  /** Catches and records the rejection of `promise`, then returns it. */
  async rejection(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      this.record(error);
      return error;
    }
    throw new Error('expected a rejection');
  }

  assertNoSecretEmitted(): void {
    expect(this.emitted.length).toBeGreaterThan(0);
    for (const secret of this.secrets) {
      for (const text of this.emitted) {
        if (text.includes(secret)) {
          throw new Error(
            `a secret (${secret.length} chars, starts ${secret.slice(0, 2)}…) leaked into: ${text.slice(0, 300)}`,
          );
        }
      }
    }
  }
}

/**
 * Per test: a fresh emulator, an auth factory wired to it, and console capture. At the end of each test the
 * emulator closes; the leak check runs in the file's afterAll via `leaks.assertNoSecretEmitted()`.
 */
export function useEmulator(leaks: LeakCheck, emulatorOptions: EmulatorOptions = {}) {
  const state: { emulator?: Emulator; auths: DocSpaceAuth[] } = { auths: [] };
  const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    // What console would print is exactly util.format of the arguments.
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void leaks.emitted.push(format(...args))),
  );

  afterEach(async () => {
    for (const auth of state.auths.splice(0)) auth.dispose();
    await state.emulator?.close();
    state.emulator = undefined;
  });

  return {
    consoleSpies,
    async start(options: EmulatorOptions = {}): Promise<Emulator> {
      state.emulator = await startEmulator({ ...emulatorOptions, ...options });
      return state.emulator;
    },
    get emulator(): Emulator {
      if (!state.emulator) throw new Error('call start() first');
      return state.emulator;
    },
    /** createDocSpaceAuth against the running emulator, with every event recorded for the leak check. */
    auth(options: Partial<DocSpaceAuthOptions> = {}): DocSpaceAuth & { events: DocSpaceAuthEvent[] } {
      const events: DocSpaceAuthEvent[] = [];
      const emulator = state.emulator;
      if (!emulator) throw new Error('call start() first');
      const auth = createDocSpaceAuth({
        baseUrl: emulator.url,
        now: () => emulator.clock.now(),
        retry: { baseDelayMs: 5, maxDelayMs: 20 },
        ...options,
        onEvent: (event) => {
          events.push(event);
          leaks.record(event);
          options.onEvent?.(event);
        },
      });
      state.auths.push(auth);
      return Object.assign(auth, { events });
    },
    /** How many requests the emulator saw for a method and path (the code path counts as one). */
    count(method: string, pathPattern: RegExp): number {
      return this.emulator.requests.filter((r) => r.method === method && pathPattern.test(r.path)).length;
    },
  };
}

export const LOGIN = /^\/api\/2\.0\/authentication$/;
export const CODE = /^\/api\/2\.0\/authentication\/(?!logout$|confirm$|setphone$|sendsms$)[^/]+$/;
export const SIGN_IN = /^\/api\/2\.0\/authentication(\/(?!logout$|confirm$|setphone$|sendsms$)[^/]+)?$/;
export const SELF = /^\/api\/2\.0\/people\/@self$/;
