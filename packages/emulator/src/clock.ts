/**
 * The emulator's notion of "now". Every time-dependent rule (token expiry, brute-force windows,
 * SMS code validity, TOTP steps, confirm-key age, the rate limiter, the request log) reads this
 * clock, so a test can move time forward instead of sleeping.
 */
export interface EmulatorClock {
  /** Current emulator time in milliseconds since the Unix epoch. */
  now(): number;
  /**
   * Moves the emulator's time forward by `ms` milliseconds (real time keeps flowing underneath).
   * @returns the new current time in ms.
   */
  advance(ms: number): number;
  /**
   * Sets the emulator's time to `ms` (milliseconds since the epoch); real time keeps flowing from there.
   * @returns the new current time in ms.
   */
  set(ms: number): number;
  /** Drops every `advance`/`set` adjustment and follows the time source again. */
  reset(): void;
}

/**
 * The times the emulator can be set to, in ms since the epoch: 1970-01-01 to 9999-12-31T23:59:59.999Z (.NET's
 * `DateTime.MaxValue`, the last instant the server can write). `set`/`advance` outside it throw a RangeError
 * (a 400 at the control call), instead of every later sign-in failing on a date it cannot write.
 */
export const CLOCK_RANGE = Object.freeze({ min: 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) });

function inRange(ms: number, what: string): number {
  if (!Number.isFinite(ms) || ms < CLOCK_RANGE.min || ms > CLOCK_RANGE.max) {
    throw new RangeError(
      `${what} must be a time from 1970-01-01 to 9999-12-31 (${CLOCK_RANGE.min} to ${CLOCK_RANGE.max} ms), got ${String(ms)}`,
    );
  }
  return ms;
}

/** A source of "real" time for the emulator clock, in milliseconds since the Unix epoch. */
export type TimeSource = () => number;

export function createClock(source: TimeSource = Date.now): EmulatorClock {
  if (typeof source !== 'function') throw new TypeError('clock must be a function that returns ms since the epoch');
  inRange(source(), 'clock()');
  let offset = 0;
  const now = (): number => source() + offset;
  return {
    now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`clock.advance expects a finite, non-negative number of ms, got ${String(ms)}`);
      }
      inRange(now() + ms, 'the emulator time after clock.advance');
      offset += ms;
      return now();
    },
    set(ms) {
      if (!Number.isFinite(ms)) throw new RangeError(`clock.set expects a finite number of ms, got ${String(ms)}`);
      inRange(ms, 'clock.set');
      offset = ms - source();
      return now();
    },
    reset() {
      offset = 0;
    },
  };
}
