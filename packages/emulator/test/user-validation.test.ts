import { describe, expect, it } from 'vitest';
import { demoUsers, validateUsers } from '../src/index.js';

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
    [
      [{ email: 'a@b.c', password: 'x', apiKeys: ['key'] }],
      'users[0].apiKeys[0]: must be a string starting with "sk-"',
    ],
    [
      [{ email: 'a@b.c', password: 'x', secondFactor: { type: 'fax' } }],
      'users[0].secondFactor.type: must be "app" or "sms"',
    ],
    [
      [{ email: 'a@b.c', password: 'x', secondFactor: { type: 'app' } }],
      'users[0].secondFactor.enrolled: must be true or false',
    ],
    [
      [{ email: 'a@b.c', password: 'x', secondFactor: { type: 'app', enrolled: true, secret: 'abc' } }],
      'users[0].secondFactor.secret: must be a Base32 string',
    ],
    [
      [{ email: 'a@b.c', password: 'x', secondFactor: { type: 'app', enrolled: true, backupCodes: ['1'] } }],
      'users[0].secondFactor.backupCodes[0]: must be 6 characters',
    ],
    [
      [{ email: 'a@b.c', password: 'x', secondFactor: { type: 'sms', phone: 'none' } }],
      'users[0].secondFactor.phone: must be a phone number',
    ],
    [
      [
        { email: 'a@b.c', password: 'x' },
        { email: 'A@B.C', password: 'y' },
      ],
      'users[1].email: duplicates users[0].email',
    ],
  ])('names the bad field %#', (input, message) => {
    expect(() => validateUsers(input)).toThrow(message);
  });
});

describe('validateUsers, edge cases of the schema', () => {
  it.each([
    [[[]], 'users[0]: must be an object'],
    [[{ email: undefined, password: 'x' }], 'users[0].email: is required'],
    [[{ email: null, password: 'x' }], 'users[0].email: must be a non-empty string'],
    [[{ email: 'a@b.c', password: 'x', secondFactor: [] }], 'users[0].secondFactor: must be an object'],
    [[{ email: 'a@b.c', password: 'x', secondFactor: {} }], 'users[0].secondFactor.type: must be "app" or "sms"'],
    [
      [
        { email: 'a@b.c', password: 'x', apiKeys: ['sk-1'] },
        { email: 'c@d.e', password: 'y', apiKeys: ['SK-1'] },
      ],
      'users[1].apiKeys[0]: must be a string starting with "sk-"',
    ],
    [
      [{ email: 'a@b.c', password: 'x', apiKeys: ['sk-1', 'sk-1'] }],
      'users[0].apiKeys[1]: duplicates users[0].apiKeys[0] ("sk-1")',
    ],
    [
      [
        { email: 'a@b.c', password: 'x' },
        { email: 'c@d.e', password: 'y', userName: 'A@B.C' },
      ],
      'users[1].userName: duplicates users[0].email ("A@B.C")',
    ],
  ])('names the bad field %#', (input, message) => {
    expect(() => validateUsers(input, 'users')).toThrow(message);
  });

  it('treats null optional fields as not given and drops unknown keys', () => {
    expect(
      validateUsers([{ email: 'a@b.c', password: 'x', id: null, userName: null, secondFactor: null, nickname: 'z' }]),
    ).toEqual([{ email: 'a@b.c', password: 'x' }]);
    expect(
      validateUsers([{ email: 'a@b.c', password: 'x', secondFactor: { type: 'sms', phone: null, extra: 1 } }]),
    ).toEqual([{ email: 'a@b.c', password: 'x', secondFactor: { type: 'sms' } }]);
  });
});
