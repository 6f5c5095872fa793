import type { EmulatorClock } from '../clock.js';
import type { RandomSource } from '../random.js';
import type { SmsMessage } from '../types.js';
import type { UserRecord } from '../user-record.js';
import { ExpiringCounter } from './brute-force.js';

/** How long an SMS code stays valid (and how long the check counter lives): 10 minutes. */
export const SMS_CODE_VALIDITY_MS = 10 * 60_000;
/** Code checks allowed per phone per 10 minutes, and pending codes kept before generation is refused. */
export const SMS_KEY_COUNT = 5;

/** Outcome of checking an SMS code. */
export type SmsCheck = 'ok' | 'invalid' | 'timeout' | 'too-many';

/**
 * The phone number as shown to the user: digits only; numbers of fewer than 8 digits as they are;
 * otherwise `+`, the first 4 digits, one `*` per hidden digit and the last 4 digits.
 *
 * The server's own masking has a suspicious tail (its last append looks off for numbers that are not
 * 9 digits long), so its exact output is unverified; this is the form that code evidently intends.
 */
export function phoneNoise(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8) return digits;
  return `+${digits.slice(0, 4)}${'*'.repeat(digits.length - 8)}${digits.slice(-4)}`;
}

/**
 * SMS codes per phone number: 6 digits, each valid 10 minutes; every pending code is accepted and
 * accepting one clears them all; more than 5 checks per phone in 10 minutes fail; generation is refused
 * while more than 5 codes are pending. Sent messages go to an in-memory outbox.
 */
export class SmsService {
  readonly outbox: SmsMessage[] = [];
  private readonly pending = new Map<string, { codes: Map<string, number>; expiresAt: number }>();
  private readonly checks: ExpiringCounter;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly random: RandomSource,
    /** Messages kept in the outbox (the oldest are dropped). */
    private readonly maxOutbox = 1_000,
  ) {
    this.checks = new ExpiringCounter(clock, SMS_CODE_VALIDITY_MS);
  }

  private codesFor(phone: string): Map<string, number> | undefined {
    const entry = this.pending.get(phone);
    if (!entry) return undefined;
    if (entry.expiresAt < this.clock.now()) {
      this.pending.delete(phone);
      return undefined;
    }
    return entry.codes;
  }

  /** Whether a code is pending for `phone`. */
  hasPending(phone: string): boolean {
    return (this.codesFor(phone)?.size ?? 0) > 0;
  }

  /**
   * Sends a code to the user's phone. With `again: false` nothing is sent while a code is pending.
   * @returns `false` when too many codes are pending (the server refuses to generate another).
   */
  sendCode(user: UserRecord, phone: string, again: boolean): boolean {
    if (!again && this.hasPending(phone)) return true;
    const codes = this.codesFor(phone) ?? new Map<string, number>();
    if (codes.size > SMS_KEY_COUNT) return false;
    const now = this.clock.now();
    const code = String(this.random.int(1_000_000)).padStart(6, '0');
    codes.set(code, now);
    this.pending.set(phone, { codes, expiresAt: now + SMS_CODE_VALIDITY_MS });
    this.outbox.push(
      Object.freeze({
        phone,
        userId: user.id,
        email: user.email,
        code,
        text: `Your DocSpace sign-in code: ${code}`,
        sentAt: now,
      }),
    );
    if (this.outbox.length > this.maxOutbox) this.outbox.splice(0, this.outbox.length - this.maxOutbox);
    return true;
  }

  /** Checks a code for `phone`; on success every pending code of that phone is dropped. */
  check(phone: string, code: string): SmsCheck {
    if (!phone) return 'invalid';
    if (this.checks.increment(phone) > SMS_KEY_COUNT) return 'too-many';
    const codes = this.codesFor(phone);
    if (!codes) return 'timeout';
    const createdAt = codes.get(code.trim());
    if (createdAt === undefined) return 'invalid';
    this.pending.delete(phone);
    if (createdAt + SMS_CODE_VALIDITY_MS < this.clock.now()) return 'timeout';
    this.checks.decrement(phone);
    return 'ok';
  }

  clear(): void {
    this.outbox.length = 0;
    this.pending.clear();
    this.checks.clear();
  }
}
