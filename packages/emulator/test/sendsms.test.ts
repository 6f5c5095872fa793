import { describe, expect, it } from 'vitest';
import { useEmulator } from './support/emulator.js';
import { AUTH, call, plainError } from './support/http.js';
import { phoneNoise } from '../src/index.js';

const SENDSMS = `${AUTH}/sendsms`;
const carol = { userName: 'carol@example.com', password: 'carol-password' };
const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);

describe('POST /api/2.0/authentication/sendsms', () => {
  it('sends a new code every time and answers sms, phoneNoise and expires = now + 10 minutes', async () => {
    const emulator = await useEmulator({ clock: () => T0 });
    const answer = await call(emulator, 'POST', SENDSMS, { json: carol });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      count: 1,
      status: 0,
      statusCode: 200,
      links: [{ href: `${emulator.url}${SENDSMS}`, action: 'POST' }],
    });
    expect(answer.json.response).toEqual({
      expires: '2026-01-15T09:40:00Z',
      sms: true,
      phoneNoise: '+1555***0123',
      tfa: false,
    });
    await call(emulator, 'POST', SENDSMS, { json: carol });
    expect(emulator.sms.messages).toHaveLength(2);
    expect(emulator.sms.messages.every((m) => m.phone === '15555550123' && /^\d{6}$/.test(m.code))).toBe(true);
    expect(answer.setCookies).toEqual([]);
  });

  it('500 once more than five codes are pending', async () => {
    const emulator = await useEmulator();
    for (let i = 0; i < 6; i++) expect((await call(emulator, 'POST', SENDSMS, { json: carol })).status).toBe(200);
    const answer = await call(emulator, 'POST', SENDSMS, { json: carol });
    expect(answer.status).toBe(500);
    expect(answer.json).toMatchObject({
      error: { message: 'You have sent too many text messages. Please try again later.', type: 'System.Exception' },
      status: 1,
      statusCode: 500,
    });
    // Ten minutes later the pending codes are gone and sending works again.
    emulator.clock.advance(10 * 60_000 + 1);
    expect((await call(emulator, 'POST', SENDSMS, { json: carol })).status).toBe(200);
  });

  it('500 when SMS is not enabled for the user', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'POST', SENDSMS, {
      json: { userName: 'alice@example.com', password: 'alice-password' },
    });
    expect(answer.status).toBe(500);
    expect(answer.json.error).toMatchObject({ type: 'System.MethodAccessException' });
    expect(answer.json.error.stack).toEqual(expect.any(String));
    expect(emulator.sms.messages).toEqual([]);
  });

  it.each([
    ['no userName', { password: 'carol-password' }],
    ['no password', { userName: 'carol@example.com' }],
    ['wrong password', { ...carol, password: 'nope' }],
    ['unknown user', { userName: 'zed@example.com', password: 'carol-password' }],
  ])('401 for %s', async (_name, body) => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'POST', SENDSMS, { json: body });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(plainError(401, 'User authentication failed'));
    expect(emulator.sms.messages).toEqual([]);
  });

  it('403 when the login is blocked (brute force), with no stack', async () => {
    const emulator = await useEmulator();
    for (let i = 0; i < 5; i++) await call(emulator, 'POST', SENDSMS, { json: { ...carol, password: 'nope' } });
    const answer = await call(emulator, 'POST', SENDSMS, { json: carol });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual(plainError(403, 'Too many login attempts. Please try again later'));
  });

  it('403 for a disabled user', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'POST', SENDSMS, {
      json: { userName: 'erin@example.com', password: 'erin-password' },
    });
    expect(answer.status).toBe(403);
    expect(answer.json.error.message).toBe('User disabled');
  });

  it('404 for an invalid confirmData key', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'POST', SENDSMS, {
      json: { confirmData: { email: 'carol@example.com', key: 'bad' } },
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error.message).toBe('The user could not be found');
  });

  it('400 for a body that fails model validation', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'POST', SENDSMS, { json: { ...carol, session: 1 } });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.json.response.errors)).toEqual(['$.session', 'inDto']);
  });
});

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
