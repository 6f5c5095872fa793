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

/** A source of "real" time for the emulator clock, in milliseconds since the Unix epoch. */
export type TimeSource = () => number;

export function createClock(source: TimeSource = Date.now): EmulatorClock {
  let offset = 0;
  const now = (): number => source() + offset;
  return {
    now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`clock.advance expects a finite, non-negative number of ms, got ${String(ms)}`);
      }
      offset += ms;
      return now();
    },
    set(ms) {
      if (!Number.isFinite(ms)) throw new RangeError(`clock.set expects a finite number of ms, got ${String(ms)}`);
      offset = ms - source();
      return now();
    },
    reset() {
      offset = 0;
    },
  };
}
