import { describe, expect, it } from 'vitest';
import { BOB_TOTP_SECRET, DAVE_TOTP_SECRET, totpCode } from '../src/index.js';

describe('totpCode', () => {
  it('matches the RFC 6238 SHA-1 test vector (last 6 of 8 digits at T=59 s)', () => {
    // Base32 of the ASCII secret "12345678901234567890".
    expect(totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000)).toBe('287082');
    expect(totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1_111_111_109_000)).toBe('081804');
  });

  it('the demo secrets are 16-character Base32 keys', () => {
    expect(BOB_TOTP_SECRET).toMatch(/^[A-Z2-7]{16}$/);
    expect(DAVE_TOTP_SECRET).toMatch(/^[A-Z2-7]{16}$/);
  });
});
