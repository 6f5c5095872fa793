import { randomBytes, randomInt } from 'node:crypto';

/** A source of randomness: {@link cryptoRandom} for secrets, {@link createRandom} (seeded) for dice and replays. */
export interface RandomSource {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, max). */
  int(max: number): number;
  /** `length` bytes. */
  bytes(length: number): Buffer;
  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string;
}

/**
 * mulberry32: a tiny 32-bit PRNG with good enough statistics for test data and fault dice.
 * Not for secrets: the emulator is a test tool and says so.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandom(seed: number): RandomSource {
  const next = mulberry32(seed);
  const int = (max: number): number => Math.floor(next() * max);
  return {
    next,
    int,
    bytes(length) {
      const out = Buffer.alloc(length);
      for (let i = 0; i < length; i++) out[i] = int(256);
      return out;
    },
    string(length, alphabet) {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[int(alphabet.length)];
      return out;
    },
  };
}

/**
 * Randomness from the operating system's CSPRNG (`crypto.randomBytes` / `crypto.randomInt`): what the
 * emulator makes its secrets from (tokens, SMS and backup codes, generated TOTP secrets), so that one value a
 * client sees tells nothing about the next, as on a real portal.
 */
export function cryptoRandom(): RandomSource {
  const int = (max: number): number => randomInt(0, max);
  return {
    next: () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48,
    int,
    bytes: (length) => randomBytes(length),
    string(length, alphabet) {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[int(alphabet.length)];
      return out;
    },
  };
}

/** A fresh 32-bit seed, used when the caller gives none (reported as `emulator.seed`). */
export function randomSeed(): number {
  return randomInt(0, 2 ** 32 - 1);
}
