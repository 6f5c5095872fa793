import { describe, expect, it } from 'vitest';
import { hashPassword, PASSWORD_HASH_SETTINGS } from '../src/index.js';

describe('hashPassword', () => {
  it('is lower-case hex PBKDF2-HMAC-SHA256 with the fixed salt, 100000 iterations, 256 bits', () => {
    expect(PASSWORD_HASH_SETTINGS).toEqual({ size: 256, iterations: 100_000, salt: 'docspace-emulator-password-salt' });
    const hash = hashPassword('alice-password');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPassword('alice-password')).toBe(hash);
    expect(hashPassword('alice-password ')).not.toBe(hash);
  });
});
