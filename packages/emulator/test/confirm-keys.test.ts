import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfirmKeys, ValidationResult } from '../src/auth/confirm-keys.js';
import { createClock } from '../src/clock.js';

describe('confirmation keys', () => {
  it('use the "{ms since 2010}.{HASH}" format of the server', () => {
    const now = Date.UTC(2026, 0, 1);
    const clock = createClock(() => now);
    const keys = new ConfirmKeys(clock, 'machine-key');
    const key = keys.create('alice@example.comAuth');
    const ms = BigInt(now - Date.UTC(2010, 0, 1));
    const stamp = Buffer.alloc(8);
    stamp.writeBigInt64LE(ms);
    const hash = createHash('sha256')
      .update(Buffer.concat([Buffer.from('alice@example.comauth|1|machine-key'), stamp]))
      .digest('base64')
      .replace(/[=+/\\]/g, '')
      .toUpperCase();
    expect(key).toBe(`${ms}.${hash}`);
    expect(keys.validate('ALICE@example.comAuth', key, 1000)).toBe(ValidationResult.Ok);
    expect(new ConfirmKeys(clock, 'other-key').validate('alice@example.comAuth', key, 1000)).toBe(
      ValidationResult.Invalid,
    );
    clock.advance(1001);
    expect(keys.validate('alice@example.comAuth', key, 1000)).toBe(ValidationResult.Expired);
    for (const bad of ['', 'x', '1.2.3', 'abc.DEF', '99999999999999999999.X']) {
      expect(keys.validate('alice@example.comAuth', bad, 1000)).toBe(ValidationResult.Invalid);
    }
  });

  it('encrypt and decrypt emails for encemail', () => {
    const keys = new ConfirmKeys(createClock(), 'k');
    const enc = keys.encryptEmail('carol@example.com');
    expect(enc).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(keys.decryptEmail(enc)).toBe('carol@example.com');
    expect(keys.decryptEmail('AAAA')).toBeUndefined();
  });
});
