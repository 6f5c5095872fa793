import { describe, expect, it } from 'vitest';
import { CLOCK_RANGE, createClock } from '../src/clock.js';
import { useEmulator } from './support/emulator.js';
import { control, tokenOf } from './support/http.js';

describe('the emulator clock', () => {
  it('adds advance() and set() on top of its source, and refuses to go backwards', () => {
    let base = 1000;
    const clock = createClock(() => base);
    expect(clock.advance(500)).toBe(1500);
    base = 2000;
    expect(clock.now()).toBe(2500);
    expect(clock.set(10)).toBe(10);
    clock.reset();
    expect(clock.now()).toBe(2000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('refuses times it could not write: set/advance past 9999 or before 1970 throw, a bad source is refused at start', () => {
    const clock = createClock(() => Date.UTC(2026, 0, 1));
    expect(() => clock.set(CLOCK_RANGE.max + 1)).toThrow(RangeError);
    expect(() => clock.set(-1)).toThrow(RangeError);
    expect(() => clock.advance(CLOCK_RANGE.max)).toThrow(RangeError);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1));
    expect(clock.set(CLOCK_RANGE.max)).toBe(CLOCK_RANGE.max);
    expect(() => createClock(() => Number.NaN)).toThrow(RangeError);
  });

  it('out of range at the control call is a 400, and sign-in keeps working (never a 500)', async () => {
    const emulator = await useEmulator({ controlPlane: true, clock: () => Date.UTC(2026, 0, 1) });
    for (const json of [{ setMs: 8.64e15 }, { setMs: 1e300 }, { setMs: -5 }, { advanceMs: 9e15 }]) {
      const answer = await control(emulator, 'POST', '/__emulator/clock', { json });
      expect(answer.status, JSON.stringify(json)).toBe(400);
      expect(answer.json.error).toMatch(/1970-01-01 to 9999-12-31/);
    }
    expect(emulator.clock.now()).toBe(Date.UTC(2026, 0, 1));
    expect((await control(emulator, 'GET', '/__emulator/totp?user=bob&at=1e300')).status).toBe(400);
    await tokenOf(emulator);
    // The last instant the server can write still signs in (the expiry is capped at DateTime.MaxValue).
    expect((await control(emulator, 'POST', '/__emulator/clock', { json: { setMs: CLOCK_RANGE.max } })).status).toBe(
      200,
    );
    await tokenOf(emulator);
  });
});
