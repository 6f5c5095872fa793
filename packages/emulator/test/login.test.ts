import { describe, expect, it } from 'vitest';
import { DAVE_TOTP_SECRET, hashPassword } from '../src/index.js';
import { useEmulator } from './support/emulator.js';
import { AUTH, call, cookiesNamed, isSignedIn, plainError, signIn } from './support/http.js';

const alice = { userName: 'alice@example.com', password: 'alice-password' };

describe('POST /api/2.0/authentication: signed in', () => {
  it('answers a token, its expiry and sms/tfa false, in the success envelope', async () => {
    const emulator = await useEmulator({ clock: () => Date.UTC(2026, 2, 1, 12, 0, 0, 0) });
    const answer = await signIn(emulator, alice);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(answer.json)).toEqual(['response', 'count', 'links', 'status', 'statusCode']);
    expect(Object.keys(answer.json.response)).toEqual(['token', 'expires', 'sms', 'tfa']);
    expect(answer.json).toMatchObject({
      count: 1,
      links: [{ href: `${emulator.url}${AUTH}`, action: 'POST' }],
      status: 0,
      statusCode: 200,
      response: { sms: false, tfa: false },
    });
    const { token, expires } = answer.json.response;
    // Tokens are opaque Base64 and always carry the characters a client must URL-encode.
    expect(token).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(token).toContain('+');
    expect(token).toContain('/');
    expect(token).toContain('=');
    // One calendar year by default, written like a .NET UTC DateTime.
    expect(expires).toBe('2027-03-01T12:00:00Z');
  });

  it('sets asc_auth_key URL-encoded, HttpOnly, SameSite=Strict, path=/, expiring with the token', async () => {
    const emulator = await useEmulator();
    const answer = await signIn(emulator, alice);
    const [cookie, ...others] = cookiesNamed(answer, 'asc_auth_key');
    expect(others).toEqual([]);
    const token: string = answer.json.response.token;
    expect(cookie!.line.startsWith(`asc_auth_key=${encodeURIComponent(token)};`)).toBe(true);
    expect(cookie!.line).toContain('%2B');
    expect(cookie!.line).toMatch(/; path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie!.value).toBe(token);
    expect(cookie!.expires?.getTime()).toBe(Math.floor(Date.parse(answer.json.response.expires) / 1000) * 1000);
  });

  it('with session: true answers the zero expires and a browser-session cookie; the token still works', async () => {
    const emulator = await useEmulator();
    const answer = await signIn(emulator, { ...alice, session: true });
    expect(answer.status).toBe(200);
    expect(answer.json.response.expires).toBe('0001-01-01T00:00:00');
    const [cookie] = cookiesNamed(answer, 'asc_auth_key');
    expect(cookie!.line).not.toMatch(/expires=/i);
    expect(cookie!.line).toBe(
      `asc_auth_key=${encodeURIComponent(answer.json.response.token)}; path=/; HttpOnly; SameSite=Strict`,
    );
    expect(await isSignedIn(emulator, { headers: { authorization: answer.json.response.token } })).toBe(true);
  });

  it('matches property names case-insensitively and ignores unknown ones', async () => {
    const emulator = await useEmulator();
    const answer = await signIn(emulator, { USERNAME: alice.userName, PassWord: alice.password, remember: true });
    expect(answer.status).toBe(200);
    expect(typeof answer.json.response.token).toBe('string');
  });

  it('signs in with passwordHash (PBKDF2-HMAC-SHA256 with the emulator salt) and refuses a wrong hash', async () => {
    const emulator = await useEmulator();
    const good = await signIn(emulator, { userName: alice.userName, passwordHash: hashPassword(alice.password) });
    expect(good.status).toBe(200);
    expect(typeof good.json.response.token).toBe('string');
    const bad = await signIn(emulator, { userName: alice.userName, passwordHash: hashPassword('not-it') });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual(plainError(401, 'User authentication failed'));
  });

  it('accepts the login in any case, and the user id as login', async () => {
    const emulator = await useEmulator();
    expect((await signIn(emulator, { userName: 'ALICE@Example.com', password: alice.password })).status).toBe(200);
    const id = emulator.users.get('alice')!.id;
    expect((await signIn(emulator, { userName: id, password: alice.password })).status).toBe(200);
  });

  it('reads numbers sent as strings (recaptchaType "0")', async () => {
    const emulator = await useEmulator();
    expect((await signIn(emulator, { ...alice, recaptchaType: '0' })).status).toBe(200);
  });
});

describe('POST /api/2.0/authentication: second factor pending (200, no token)', () => {
  it('enrolled authenticator app: tfa true, TfaAuth confirmUrl, asc_confirm_key_TfaAuth cookie, no tfaKey', async () => {
    const emulator = await useEmulator();
    const answer = await signIn(emulator, { userName: 'bob@example.com', password: 'bob-password' });
    expect(answer.status).toBe(200);
    const bob = emulator.users.get('bob')!;
    expect(answer.json.response).toEqual({
      expires: '0001-01-01T00:00:00',
      sms: false,
      tfa: true,
      confirmUrl: `${emulator.url}/confirm/TfaAuth?type=TfaAuth&uid=${bob.id}`,
    });
    expect(cookiesNamed(answer, 'asc_auth_key')).toEqual([]);
    const [confirm] = cookiesNamed(answer, 'asc_confirm_key_TfaAuth');
    expect(confirm!.value).toMatch(/^\d+\.[A-Z0-9]+$/);
    expect(confirm!.line).toMatch(/; path=\/; HttpOnly; SameSite=Strict$/);
    expect(confirm!.expires).toBeUndefined();
  });

  it('app required but not enrolled: tfaKey (16 Base32 characters) and a TfaActivation link', async () => {
    const emulator = await useEmulator();
    const answer = await signIn(emulator, { userName: 'dave@example.com', password: 'dave-password' });
    expect(answer.status).toBe(200);
    expect(answer.json.response).toMatchObject({
      tfa: true,
      sms: false,
      tfaKey: DAVE_TOTP_SECRET,
      expires: '0001-01-01T00:00:00',
    });
    expect(answer.json.response.tfaKey).toMatch(/^[A-Z2-7]{16}$/);
    expect(answer.json.response.confirmUrl).toContain('/confirm/TfaActivation?type=TfaActivation&uid=');
    expect(cookiesNamed(answer, 'asc_confirm_key_TfaActivation')).toHaveLength(1);
    expect(answer.json.response.token).toBeUndefined();
  });

  it('SMS with an activated phone: a code is sent, phoneNoise, expires in 10 minutes, PhoneAuth link', async () => {
    const emulator = await useEmulator({ clock: () => Date.UTC(2026, 0, 15, 9, 30, 0, 500) });
    const answer = await signIn(emulator, { userName: 'carol@example.com', password: 'carol-password' });
    expect(answer.status).toBe(200);
    const response = answer.json.response;
    expect(response).toMatchObject({ sms: true, tfa: false, phoneNoise: '+1555***0123' });
    expect(response.expires).toBe('2026-01-15T09:40:00.5Z');
    expect(emulator.sms.messages[0]!.sentAt).toBe(Date.UTC(2026, 0, 15, 9, 30, 0, 500));
    expect(response.confirmUrl).toMatch(
      /\/confirm\/PhoneAuth\?type=PhoneAuth&key=\d+\.[A-Z0-9]+&encemail=[A-Za-z0-9_-]+$/,
    );
    expect(response.token).toBeUndefined();
    expect(emulator.sms.messages).toHaveLength(1);
    expect(emulator.sms.messages[0]).toMatchObject({ phone: '15555550123', email: 'carol@example.com' });
    expect(emulator.sms.lastCodeFor('carol@example.com')).toMatch(/^\d{6}$/);
  });

  it('SMS: a second sign-in reuses the pending code instead of sending another', async () => {
    const emulator = await useEmulator();
    await signIn(emulator, { userName: 'carol@example.com', password: 'carol-password' });
    await signIn(emulator, { userName: 'carol@example.com', password: 'carol-password' });
    expect(emulator.sms.messages).toHaveLength(1);
  });

  it('SMS without a phone: sms true and a PhoneActivation link, nothing sent', async () => {
    const emulator = await useEmulator({
      users: [{ email: 'frank@example.com', password: 'frank-password', secondFactor: { type: 'sms' } }],
    });
    const answer = await signIn(emulator, { userName: 'frank@example.com', password: 'frank-password' });
    expect(answer.status).toBe(200);
    expect(answer.json.response).toMatchObject({ sms: true, tfa: false, expires: '0001-01-01T00:00:00' });
    expect(answer.json.response.phoneNoise).toBeUndefined();
    expect(answer.json.response.confirmUrl).toContain('/confirm/PhoneActivation?type=PhoneActivation&key=');
    expect(emulator.sms.messages).toEqual([]);
  });

  it('uses portalUrl in confirmUrl when given', async () => {
    const emulator = await useEmulator({ portalUrl: 'https://portal.example.com/' });
    const answer = await signIn(emulator, { userName: 'bob@example.com', password: 'bob-password' });
    expect(answer.json.response.confirmUrl).toMatch(/^https:\/\/portal\.example\.com\/confirm\/TfaAuth\?/);
  });
});

describe('POST /api/2.0/authentication: refusals', () => {
  const cases: [string, unknown][] = [
    ['no userName', { password: 'alice-password' }],
    ['empty userName', { userName: '', password: 'alice-password' }],
    ['neither password nor hash', { userName: 'alice@example.com' }],
    ['blank password, no hash', { userName: 'alice@example.com', password: '   ' }],
    ['wrong password', { userName: 'alice@example.com', password: 'wrong' }],
    ['unknown user', { userName: 'nobody@example.com', password: 'alice-password' }],
    ['empty object', {}],
    ['third-party provider', { provider: 'google', accessToken: 'x' }],
    ['third-party profile', { serializedProfile: '{"name":"x"}' }],
    ['wrong password for a disabled user', { userName: 'erin@example.com', password: 'wrong' }],
  ];
  it.each(cases)('401 User authentication failed, no stack: %s', async (_name, body) => {
    const emulator = await useEmulator();
    const answer = await signIn(emulator, body);
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(plainError(401, 'User authentication failed'));
    expect(answer.setCookies).toEqual([]);
  });

  it('403 User disabled, with an exception type and a stack', async () => {
    const emulator = await useEmulator();
    const answer = await signIn(emulator, { userName: 'erin@example.com', password: 'erin-password' });
    expect(answer.status).toBe(403);
    expect(Object.keys(answer.json)).toEqual(['error', 'status', 'statusCode']);
    expect(Object.keys(answer.json.error)).toEqual(['message', 'type', 'stack', 'hresult']);
    expect(answer.json).toMatchObject({
      error: { message: 'User disabled', type: 'System.InvalidOperationException', hresult: -2146233079 },
      status: 1,
      statusCode: 403,
    });
    expect(answer.json.error.stack).toEqual(expect.stringContaining('at '));
  });

  it('404 The user could not be found when the confirmData key is invalid, with a stack', async () => {
    const emulator = await useEmulator();
    const answer = await signIn(emulator, { confirmData: { email: 'alice@example.com', key: '123.NOTAKEY' } });
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({
      error: { message: 'The user could not be found', type: 'ASC.Common.Web.ItemNotFoundException' },
      status: 1,
      statusCode: 404,
    });
    expect(answer.json.error.stack).toEqual(expect.any(String));
  });

  it('signs in through confirmData with a valid Auth key (no password needed)', async () => {
    const emulator = await useEmulator();
    const key = emulator.confirmKey('Auth', 'alice@example.com');
    const answer = await signIn(emulator, { confirmData: { email: 'alice@example.com', key, first: true } });
    expect(answer.status).toBe(200);
    expect(typeof answer.json.response.token).toBe('string');
    // A key of another type is not an Auth key.
    const other = emulator.confirmKey('EmailActivation', 'alice@example.com');
    expect((await signIn(emulator, { confirmData: { email: 'alice@example.com', key: other } })).status).toBe(404);
  });

  it('404 once the Auth key is older than one hour', async () => {
    const emulator = await useEmulator();
    const key = emulator.confirmKey('Auth', 'alice@example.com');
    emulator.clock.advance(60 * 60_000 + 1);
    expect((await signIn(emulator, { confirmData: { email: 'alice@example.com', key } })).status).toBe(404);
  });
});

describe('POST /api/2.0/authentication: model validation (400, wrapped ValidationProblemDetails)', () => {
  const cases: [string, string, string][] = [
    ['malformed JSON', '{"userName": "alice@example.com",', '$'],
    ['session as a string', JSON.stringify({ ...alice, session: 'true' }), '$.session'],
    ['session null', JSON.stringify({ ...alice, session: null }), '$.session'],
    ['userName as a number', JSON.stringify({ userName: 42, password: 'x' }), '$.userName'],
    ['confirmData as a string', JSON.stringify({ confirmData: 'x' }), '$.confirmData'],
    [
      'confirmData.first as a string',
      JSON.stringify({ confirmData: { email: 'a@b.c', first: 'yes' } }),
      '$.confirmData.first',
    ],
    ['recaptchaType not a number', JSON.stringify({ ...alice, recaptchaType: 'hcaptcha' }), '$.recaptchaType'],
    ['an array body', JSON.stringify([alice]), '$'],
    ['an empty body', '', ''],
    ['a null body', 'null', 'inDto'],
  ];
  it.each(cases)('%s', async (_name, body, key) => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'POST', AUTH, { body, headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.json)).toEqual(['response', 'count', 'links', 'status', 'statusCode']);
    expect(answer.json).toMatchObject({ status: 1, statusCode: 400, count: 1 });
    expect(answer.json.response).toMatchObject({
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
    });
    expect(answer.json.response.traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(Object.keys(answer.json.response.errors)).toContain(key);
    expect(answer.json.response.errors.inDto).toEqual(['The inDto field is required.']);
  });

  it('confirmData.email that is not an email address', async () => {
    const emulator = await useEmulator();
    const answer = await signIn(emulator, { confirmData: { email: 'not-an-email', key: 'x' } });
    expect(answer.status).toBe(400);
    expect(answer.json.response.errors).toEqual({
      'ConfirmData.Email': ['The Email field is not a valid e-mail address.'],
    });
  });

  it('validation comes before the credentials: a bad body does not count as a failed attempt', async () => {
    const emulator = await useEmulator();
    for (let i = 0; i < 8; i++) await signIn(emulator, { ...alice, session: 'yes' });
    expect((await signIn(emulator, alice)).status).toBe(200);
  });
});
