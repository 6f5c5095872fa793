import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatUtc } from '../src/envelope.js';
import {
  BOB_TOTP_SECRET,
  DAVE_TOTP_SECRET,
  demoUsers,
  hashPassword,
  PASSWORD_HASH_SETTINGS,
  phoneNoise,
  totpCode,
  validateUsers,
} from '../src/index.js';
import { ConfirmKeys, ValidationResult } from '../src/auth/confirm-keys.js';
import { createClock } from '../src/clock.js';
import { mulberry32 } from '../src/random.js';
import { bindModel, AUTH_REQUEST, ModelValidationError } from '../src/model.js';

describe('phoneNoise', () => {
  it.each([
    ['+1 (555) 555-0123', '+1555***0123'],
    ['1234567', '1234567'],
    ['12345678', '+12345678'],
    ['123456789', '+1234*6789'],
    ['+44 20 7946 0958', '+4420****0958'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(phoneNoise(input)).toBe(expected);
  });
});

describe('formatUtc', () => {
  it('writes .NET UTC DateTime text with the fraction trimmed', () => {
    expect(formatUtc(Date.UTC(2027, 0, 15, 10, 30, 0, 0))).toBe('2027-01-15T10:30:00Z');
    expect(formatUtc(Date.UTC(2027, 0, 15, 10, 30, 0, 120))).toBe('2027-01-15T10:30:00.12Z');
    expect(formatUtc(Date.UTC(2027, 0, 15, 10, 30, 0, 5))).toBe('2027-01-15T10:30:00.005Z');
  });
});

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

describe('hashPassword', () => {
  it('is lower-case hex PBKDF2-HMAC-SHA256 with the fixed salt, 100000 iterations, 256 bits', () => {
    expect(PASSWORD_HASH_SETTINGS).toEqual({ size: 256, iterations: 100_000, salt: 'docspace-emulator-password-salt' });
    const hash = hashPassword('alice-password');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPassword('alice-password')).toBe(hash);
    expect(hashPassword('alice-password ')).not.toBe(hash);
  });
});

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
    expect(new ConfirmKeys(clock, 'other-key').validate('alice@example.comAuth', key, 1000)).toBe(ValidationResult.Invalid);
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

describe('mulberry32', () => {
  it('is deterministic per seed', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const c = mulberry32(124);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });
});

describe('validateUsers', () => {
  it('accepts the demo users', () => {
    expect(validateUsers(demoUsers)).toHaveLength(5);
  });

  it.each([
    [{}, 'users: must be an array of users'],
    [[1], 'users[0]: must be an object'],
    [[{ password: 'x' }], 'users[0].email: is required'],
    [[{ email: 'a@b.c' }], 'users[0].password: is required'],
    [[{ email: 'a@b.c', password: '' }], 'users[0].password: must be a non-empty string'],
    [[{ email: 'a@b.c', password: 'x', id: 'nope' }], 'users[0].id: must be a UUID'],
    [[{ email: 'a@b.c', password: 'x', disabled: 'yes' }], 'users[0].disabled: must be true or false'],
    [[{ email: 'a@b.c', password: 'x', apiKeys: ['key'] }], 'users[0].apiKeys[0]: must be a string starting with "sk-"'],
    [[{ email: 'a@b.c', password: 'x', secondFactor: { type: 'fax' } }], 'users[0].secondFactor.type: must be "app" or "sms"'],
    [[{ email: 'a@b.c', password: 'x', secondFactor: { type: 'app' } }], 'users[0].secondFactor.enrolled: must be true or false'],
    [[{ email: 'a@b.c', password: 'x', secondFactor: { type: 'app', enrolled: true, secret: 'abc' } }], 'users[0].secondFactor.secret: must be a Base32 string'],
    [[{ email: 'a@b.c', password: 'x', secondFactor: { type: 'app', enrolled: true, backupCodes: ['1'] } }], 'users[0].secondFactor.backupCodes[0]: must be 6 characters'],
    [[{ email: 'a@b.c', password: 'x', secondFactor: { type: 'sms', phone: 'none' } }], 'users[0].secondFactor.phone: must be a phone number'],
    [[{ email: 'a@b.c', password: 'x' }, { email: 'A@B.C', password: 'y' }], 'users[1].email: duplicates users[0].email'],
  ])('names the bad field %#', (input, message) => {
    expect(() => validateUsers(input)).toThrow(message);
  });
});

describe('model binding', () => {
  it('binds case-insensitively with defaults, the last duplicate winning', () => {
    const bound = bindModel<Record<string, unknown>>(Buffer.from('{"USERNAME":"a","username":"b","Session":true}'), AUTH_REQUEST);
    expect(bound).toMatchObject({ userName: 'b', session: true, password: null, recaptchaType: 0, confirmData: null });
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(bindModel<Record<string, unknown>>(Buffer.from('\uFEFF{"userName":"a"}'), AUTH_REQUEST).userName).toBe('a');
  });

  it('reports the JSON path of a type mismatch', () => {
    try {
      bindModel(Buffer.from('{"confirmData":{"key":5}}'), AUTH_REQUEST);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelValidationError);
      expect(Object.keys((error as ModelValidationError).errors)).toEqual(['$.confirmData.key', 'inDto']);
    }
  });
});
