import { describe, expect, it } from 'vitest';
import { createClock } from '../src/clock.js';

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
});
