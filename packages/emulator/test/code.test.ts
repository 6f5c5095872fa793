import { describe, expect, it } from 'vitest';
import { BOB_TOTP_SECRET, DAVE_TOTP_SECRET, totpCode } from '../src/index.js';
import { useEmulator } from './support/emulator.js';
import { AUTH, call, cookiesNamed, isSignedIn, plainError, signIn, signInWithCode } from './support/http.js';

/** A fixed instant 15 s into a TOTP step, so codes never straddle a step boundary. */
const T0 = Date.UTC(2026, 0, 15, 9, 30, 15);
const frozen = () => T0;

const bob = { userName: 'bob@example.com', password: 'bob-password' };
const dave = { userName: 'dave@example.com', password: 'dave-password' };
const carol = { userName: 'carol@example.com', password: 'carol-password' };
const failed = plainError(401, 'User authentication failed');

describe('POST /api/2.0/authentication/{code}: authenticator app', () => {
  it('accepts the current code: token, expires, tfa true, and (enrolled user) two asc_auth_key cookies', async () => {
    const emulator = await useEmulator({ clock: frozen });
    const code = totpCode(BOB_TOTP_SECRET, T0);
    const answer = await signInWithCode(emulator, { ...bob, code });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json.response)).toEqual(['token', 'expires', 'sms', 'tfa']);
    expect(answer.json.response).toMatchObject({ sms: false, tfa: true });
    expect(answer.json.links).toEqual([{ href: `${emulator.url}${AUTH}/${code}`, action: 'POST' }]);
    const cookies = cookiesNamed(answer, 'asc_auth_key');
    expect(cookies).toHaveLength(2);
    expect(cookies[1]!.value).toBe(answer.json.response.token);
    expect(cookies[0]!.value).not.toBe(answer.json.response.token);
    expect(await isSignedIn(emulator, { headers: { authorization: `Bearer ${answer.json.response.token}` } })).toBe(
      true,
    );
  });

  it('with session: true the body says zero expires; the first cookie is a session cookie, the second (the token) persistent (server quirk)', async () => {
    const emulator = await useEmulator({ clock: frozen });
    const answer = await signInWithCode(emulator, { ...bob, code: totpCode(BOB_TOTP_SECRET, T0), session: true });
    expect(answer.status).toBe(200);
    expect(answer.json.response.expires).toBe('0001-01-01T00:00:00');
    const [first, second] = cookiesNamed(answer, 'asc_auth_key');
    expect(first!.expires).toBeUndefined();
    expect(first!.line).not.toMatch(/expires=/i);
    expect(second!.expires).toBeInstanceOf(Date);
    expect(decodeURIComponent(second!.value ?? '')).toBe(answer.json.response.token);
    expect(decodeURIComponent(first!.value ?? '')).not.toBe(answer.json.response.token);
  });

  it('without session both cookies of an enrolled user are persistent', async () => {
    const emulator = await useEmulator({ clock: frozen });
    const answer = await signInWithCode(emulator, { ...bob, code: totpCode(BOB_TOTP_SECRET, T0) });
    const cookies = cookiesNamed(answer, 'asc_auth_key');
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie.expires).toBeInstanceOf(Date);
  });

  it('reads the code from the body only: the path segment is ignored', async () => {
    const emulator = await useEmulator({ clock: frozen });
    const good = totpCode(BOB_TOTP_SECRET, T0);
    const wrongPath = await call(emulator, 'POST', `${AUTH}/000000`, { json: { ...bob, code: good } });
    expect(wrongPath.status).toBe(200);
    const wrongBody = await call(emulator, 'POST', `${AUTH}/${good}`, { json: { ...bob, code: '000000' } });
    expect(wrongBody.status).toBe(401);
    const noBodyCode = await call(emulator, 'POST', `${AUTH}/${good}`, { json: bob });
    expect(noBodyCode.status).toBe(401);
  });

  it('accepts codes up to 10 steps (5 minutes) either side, and refuses 11 steps', async () => {
    const emulator = await useEmulator({ clock: frozen });
    for (const steps of [-10, -1, 1, 10]) {
      const answer = await signInWithCode(emulator, { ...bob, code: totpCode(BOB_TOTP_SECRET, T0 + steps * 30_000) });
      expect(answer.status, `${steps} steps`).toBe(200);
    }
    for (const steps of [-11, 11]) {
      const answer = await signInWithCode(emulator, { ...bob, code: totpCode(BOB_TOTP_SECRET, T0 + steps * 30_000) });
      expect(answer.status, `${steps} steps`).toBe(401);
      expect(answer.json).toEqual(failed);
    }
  });

  it('follows the emulator clock', async () => {
    const emulator = await useEmulator({ clock: frozen });
    const old = totpCode(BOB_TOTP_SECRET, T0);
    emulator.clock.advance(11 * 30_000);
    expect((await signInWithCode(emulator, { ...bob, code: old })).status).toBe(401);
    expect((await signInWithCode(emulator, { ...bob, code: emulator.totp('bob') })).status).toBe(200);
  });

  it.each([
    ['a wrong code', '123456'],
    ['an empty code', ''],
    ['letters', 'abcdef'],
    ['too many digits', '1234567'],
  ])('401 for %s', async (_name, code) => {
    const emulator = await useEmulator({ clock: frozen });
    const answer = await call(emulator, 'POST', `${AUTH}/x`, { json: { ...bob, code } });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(failed);
    expect(answer.setCookies).toEqual([]);
  });

  it('backup codes work once each', async () => {
    const emulator = await useEmulator({ clock: frozen });
    expect((await signInWithCode(emulator, { ...bob, code: 'bob-01' })).status).toBe(200);
    expect((await signInWithCode(emulator, { ...bob, code: 'bob-01' })).status).toBe(401);
    expect((await signInWithCode(emulator, { ...bob, code: 'bob-02' })).status).toBe(200);
    expect(emulator.users.get('bob')!.secondFactor).toMatchObject({
      unusedBackupCodes: ['bob-03', 'bob-04', 'bob-05'],
    });
  });

  it('after 5 wrong codes the 6th attempt fails even with the right code (401), and recovers a minute later', async () => {
    const emulator = await useEmulator({ clock: frozen });
    for (let i = 0; i < 5; i++) expect((await signInWithCode(emulator, { ...bob, code: '111111' })).status).toBe(401);
    const right = { ...bob, code: totpCode(BOB_TOTP_SECRET, T0) };
    const sixth = await signInWithCode(emulator, right);
    expect(sixth.status).toBe(401);
    expect(sixth.json).toEqual(failed);
    emulator.clock.advance(60_001);
    expect((await signInWithCode(emulator, { ...bob, code: emulator.totp('bob') })).status).toBe(200);
  });

  it('the code-attempt counter is per user and separate from the password brute-force guard', async () => {
    const emulator = await useEmulator({ clock: frozen });
    for (let i = 0; i < 7; i++) await signInWithCode(emulator, { ...bob, code: '111111' });
    // Seven wrong codes with the right password never produce the 403 password block.
    const answer = await signInWithCode(emulator, { ...bob, code: '111111' });
    expect(answer.status).toBe(401);
    expect((await signIn(emulator, bob)).status).toBe(200);
  });

  it('enrols on the first accepted code: backup codes appear and tfaKey is no longer offered', async () => {
    const emulator = await useEmulator({ clock: frozen });
    const first = await signIn(emulator, dave);
    expect(first.json.response.tfaKey).toBe(DAVE_TOTP_SECRET);
    const answer = await signInWithCode(emulator, { ...dave, code: totpCode(first.json.response.tfaKey, T0) });
    expect(answer.status).toBe(200);
    expect(answer.json.response).toMatchObject({ tfa: true, sms: false });
    expect(cookiesNamed(answer, 'asc_auth_key')).toHaveLength(1);
    const state = emulator.users.get('dave')!.secondFactor;
    expect(state).toMatchObject({ type: 'app', enrolled: true });
    const codes = state.type === 'app' ? state.unusedBackupCodes : [];
    expect(codes).toHaveLength(5);
    for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_-]{6}$/);
    const again = await signIn(emulator, dave);
    expect(again.json.response.tfaKey).toBeUndefined();
    expect(again.json.response.confirmUrl).toContain('/confirm/TfaAuth?');
    expect(cookiesNamed(again, 'asc_confirm_key_TfaAuth')).toHaveLength(1);
  });

  it('enrolment with session: true gives a browser-session cookie and zero expires', async () => {
    const emulator = await useEmulator({ clock: frozen });
    const answer = await signInWithCode(emulator, { ...dave, code: totpCode(DAVE_TOTP_SECRET, T0), session: true });
    expect(answer.status).toBe(200);
    expect(answer.json.response.expires).toBe('0001-01-01T00:00:00');
    expect(cookiesNamed(answer, 'asc_auth_key')[0]!.expires).toBeUndefined();
  });

  it('a reset app (users.update) offers tfaKey again; removing the factor signs in directly', async () => {
    const emulator = await useEmulator({ clock: frozen });
    emulator.users.update('bob', { secondFactor: { type: 'app', enrolled: false } });
    const again = await signIn(emulator, bob);
    expect(again.json.response.tfaKey).toMatch(/^[A-Z2-7]{16}$/);
    expect(again.json.response.tfaKey).not.toBe(BOB_TOTP_SECRET);
    emulator.users.update('bob', { secondFactor: null });
    const direct = await signIn(emulator, bob);
    expect(typeof direct.json.response.token).toBe('string');
  });

  it('401 for a user without any second factor (code not available)', async () => {
    const emulator = await useEmulator();
    const answer = await signInWithCode(emulator, {
      userName: 'alice@example.com',
      password: 'alice-password',
      code: '123456',
    });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(failed);
  });
});

describe('POST /api/2.0/authentication/{code}: SMS', () => {
  it('accepts the code that was sent: token, sms true, phoneNoise; the phone stays activated', async () => {
    const emulator = await useEmulator({ clock: frozen });
    await signIn(emulator, carol);
    const code = emulator.sms.lastCodeFor('carol')!;
    const answer = await signInWithCode(emulator, { ...carol, code });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json.response)).toEqual(['token', 'expires', 'sms', 'phoneNoise', 'tfa']);
    expect(answer.json.response).toMatchObject({ sms: true, tfa: false, phoneNoise: '+1555***0123' });
    expect(cookiesNamed(answer, 'asc_auth_key').map((c) => c.value)).toEqual([answer.json.response.token]);
    // Accepting a code clears them all: it cannot be used twice.
    expect((await signInWithCode(emulator, { ...carol, code })).status).toBe(401);
  });

  it('every pending code is valid; accepting one clears the others', async () => {
    const emulator = await useEmulator({ clock: frozen, seed: 7 });
    await signIn(emulator, carol);
    const first = emulator.sms.lastCodeFor('carol')!;
    expect((await call(emulator, 'POST', `${AUTH}/sendsms`, { json: carol })).status).toBe(200);
    const second = emulator.sms.lastCodeFor('carol')!;
    expect(emulator.sms.messages).toHaveLength(2);
    expect((await signInWithCode(emulator, { ...carol, code: first })).status).toBe(200);
    expect(second).not.toBe(first);
    expect((await signInWithCode(emulator, { ...carol, code: second })).status).toBe(401);
  });

  it('a code is valid for 10 minutes', async () => {
    const emulator = await useEmulator({ clock: frozen });
    await signIn(emulator, carol);
    emulator.clock.advance(10 * 60_000);
    expect((await signInWithCode(emulator, { ...carol, code: emulator.sms.lastCodeFor('carol')! })).status).toBe(200);
  });

  it('a code older than 10 minutes is refused with 401', async () => {
    const emulator = await useEmulator({ clock: frozen });
    await signIn(emulator, carol);
    emulator.clock.advance(10 * 60_000 + 1);
    const answer = await signInWithCode(emulator, { ...carol, code: emulator.sms.lastCodeFor('carol')! });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(failed);
  });

  it('after 5 wrong codes the 6th check fails even with the right code', async () => {
    const emulator = await useEmulator({ clock: frozen });
    await signIn(emulator, carol);
    const code = emulator.sms.lastCodeFor('carol')!;
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) expect((await signInWithCode(emulator, { ...carol, code: wrong })).status).toBe(401);
    expect((await signInWithCode(emulator, { ...carol, code })).status).toBe(401);
  });
});

describe('POST /api/2.0/authentication/{code}: credentials are checked again', () => {
  it('401 with a wrong password even with a good code', async () => {
    const emulator = await useEmulator({ clock: frozen });
    const answer = await signInWithCode(emulator, { ...bob, password: 'nope', code: totpCode(BOB_TOTP_SECRET, T0) });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(failed);
  });

  it('401 without credentials', async () => {
    const emulator = await useEmulator({ clock: frozen });
    expect((await signInWithCode(emulator, { code: totpCode(BOB_TOTP_SECRET, T0) })).status).toBe(401);
  });

  it('403 once the login is blocked by failed passwords, even with the right password and code', async () => {
    const emulator = await useEmulator({ clock: frozen });
    for (let i = 0; i < 5; i++) await signInWithCode(emulator, { ...bob, password: 'nope', code: '123456' });
    const answer = await signInWithCode(emulator, { ...bob, code: totpCode(BOB_TOTP_SECRET, T0) });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual(plainError(403, 'Too many login attempts. Please try again later'));
  });

  it('403 User disabled', async () => {
    const emulator = await useEmulator();
    const answer = await signInWithCode(emulator, {
      userName: 'erin@example.com',
      password: 'erin-password',
      code: '123456',
    });
    expect(answer.status).toBe(403);
    expect(answer.json.error).toMatchObject({ message: 'User disabled', type: 'System.InvalidOperationException' });
  });

  it('404 with an invalid confirmData key', async () => {
    const emulator = await useEmulator();
    const answer = await signInWithCode(emulator, {
      confirmData: { email: 'bob@example.com', key: '1.X' },
      code: '123456',
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error.message).toBe('The user could not be found');
  });

  it('400 for a body that fails model validation', async () => {
    const emulator = await useEmulator();
    const answer = await signInWithCode(emulator, { ...bob, code: 123456 });
    expect(answer.status).toBe(400);
    expect(answer.json.response.errors['$.code']).toEqual([expect.stringContaining('System.String')]);
  });
});
