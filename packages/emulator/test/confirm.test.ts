import { describe, expect, it } from 'vitest';
import { useEmulator } from './support/emulator.js';
import { AUTH, call, cookiesNamed, signIn, signInWithCode } from './support/http.js';

const CONFIRM = `${AUTH}/confirm`;
const SETPHONE = `${AUTH}/setphone`;
const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);

describe('POST /api/2.0/authentication/confirm', () => {
  it('Ok (0) with the email for a good key, in the success envelope', async () => {
    const emulator = await useEmulator({ clock: () => T0 });
    const key = emulator.confirmKey('EmailActivation', 'alice@example.com');
    expect(key).toMatch(/^\d+\.[A-Z0-9]+$/);
    const answer = await call(emulator, 'POST', CONFIRM, {
      json: { type: 'EmailActivation', email: 'alice@example.com', key },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      response: { result: 0, email: 'alice@example.com', isAgent: false },
      count: 1,
      links: [{ href: `${emulator.url}${CONFIRM}`, action: 'POST' }],
      status: 0,
      statusCode: 200,
    });
  });

  it('keys are bound to their type and email, compared without regard to case', async () => {
    const emulator = await useEmulator();
    const key = emulator.confirmKey('EmailActivation', 'alice@example.com');
    const check = async (body: object) => (await call(emulator, 'POST', CONFIRM, { json: body })).json.response;
    expect(await check({ type: 'EmailActivation', email: 'ALICE@example.com', key: key.toLowerCase() })).toMatchObject({
      result: 0,
    });
    expect(await check({ type: 'PasswordChange', email: 'alice@example.com', key })).toEqual({
      result: 1,
      isAgent: false,
    });
    expect(await check({ type: 'EmailActivation', email: 'bob@example.com', key })).toEqual({
      result: 1,
      isAgent: false,
    });
    expect(await check({ type: 'EmailActivation', email: 'alice@example.com', key: 'garbage' })).toEqual({
      result: 1,
      isAgent: false,
    });
  });

  it('email-type keys live 7 days, then answer Expired (2)', async () => {
    const emulator = await useEmulator({ clock: () => T0 });
    const key = emulator.confirmKey('EmailChange', 'alice@example.com');
    const body = { type: 'EmailChange', email: 'alice@example.com', key };
    emulator.clock.advance(7 * 24 * 3600_000);
    expect((await call(emulator, 'POST', CONFIRM, { json: body })).json.response.result).toBe(0);
    emulator.clock.advance(1);
    expect((await call(emulator, 'POST', CONFIRM, { json: body })).json.response).toEqual({
      result: 2,
      isAgent: false,
    });
  });

  it('auth-type keys (TfaAuth, PhoneActivation, Auth, ...) live 1 hour', async () => {
    const emulator = await useEmulator({ clock: () => T0 });
    const key = emulator.confirmKey('PhoneActivation', 'carol@example.com');
    const body = { type: 'PhoneActivation', email: 'carol@example.com', key };
    emulator.clock.advance(3600_000);
    expect((await call(emulator, 'POST', CONFIRM, { json: body })).json.response.result).toBe(0);
    emulator.clock.advance(1);
    expect((await call(emulator, 'POST', CONFIRM, { json: body })).json.response.result).toBe(2);
  });

  it('takes the key from the asc_confirm_key_{type} cookie when the body has none (the TfaAuth cookie of sign-in)', async () => {
    const emulator = await useEmulator();
    const login = await signIn(emulator, { userName: 'bob@example.com', password: 'bob-password' });
    const key = cookiesNamed(login, 'asc_confirm_key_TfaAuth')[0]!.value!;
    const uid = emulator.users.get('bob')!.id;
    const answer = await call(emulator, 'POST', CONFIRM, {
      json: { type: 'TfaAuth', email: 'bob@example.com', uiD: uid },
      cookies: { asc_confirm_key_TfaAuth: key },
    });
    expect(answer.json.response).toEqual({ result: 0, email: 'bob@example.com', isAgent: false });
  });

  it('reads the type by name in any case, or by number', async () => {
    const emulator = await useEmulator();
    const key = emulator.confirmKey('EmailActivation', 'alice@example.com');
    for (const type of ['emailactivation', 9, '9']) {
      const answer = await call(emulator, 'POST', CONFIRM, { json: { type, email: 'alice@example.com', key } });
      expect(answer.json.response.result).toBe(0);
    }
  });

  it('LinkInvite: no invitations exist in the emulator, so Invalid', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'POST', CONFIRM, {
      json: { type: 'LinkInvite', key: 'x', email: 'a@example.com' },
    });
    expect(answer.json.response).toEqual({ result: 1, isAgent: false });
  });

  it('400 with the exception details: no key and no cookie', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'POST', CONFIRM, {
      json: { type: 'EmailActivation', email: 'alice@example.com' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      error: {
        message: "Value cannot be null. (Parameter 'key')",
        type: 'System.ArgumentNullException',
        hresult: -2147467261,
      },
      status: 1,
      statusCode: 400,
    });
    expect(answer.json.error.stack).toEqual(expect.any(String));
  });

  it('a key and a type without email: 200 Invalid (1), even for a key made for the right address', async () => {
    const emulator = await useEmulator();
    for (const type of ['EmailActivation', 'PhoneActivation', 'PhoneAuth', 'Auth']) {
      const key = emulator.confirmKey(type as never, 'alice@example.com');
      const answer = await call(emulator, 'POST', CONFIRM, { json: { type, key } });
      expect(answer.status, type).toBe(200);
      expect(answer.json.response, type).toEqual({ result: 1, isAgent: false });
    }
  });

  it('no type: 200 Invalid (1) with an email, 400 (ArgumentException) without one', async () => {
    const emulator = await useEmulator();
    const withEmail = await call(emulator, 'POST', CONFIRM, { json: { email: 'alice@example.com', key: '1.ABC' } });
    expect(withEmail.status).toBe(200);
    expect(withEmail.json.response).toEqual({ result: 1, isAgent: false });
    const bare = await call(emulator, 'POST', CONFIRM, { json: { key: '1.ABC' } });
    expect(bare.status).toBe(400);
    expect(bare.json).toMatchObject({ error: { type: 'System.ArgumentException' }, status: 1, statusCode: 400 });
  });

  it.each([
    ['an email that is not one', { type: 'Auth', email: 'nope', key: 'x' }, 'Email'],
    ['an unknown type name', { type: 'Teleport', email: 'a@example.com', key: 'x' }, '$.type'],
    ['a malformed uiD', { type: 'TfaAuth', email: 'a@example.com', key: 'x', uiD: 'not-a-guid' }, '$.uiD'],
    [
      'first as a boolean (it is a string)',
      { type: 'Auth', email: 'a@example.com', key: 'x', first: false },
      '$.first',
    ],
  ])('400 model validation: %s', async (_name, body, key) => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'POST', CONFIRM, { json: body });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ status: 1, statusCode: 400 });
    expect(Object.keys(answer.json.response.errors)).toContain(key);
  });
});

describe('POST /api/2.0/authentication/setphone', () => {
  const frank = { userName: 'frank@example.com', password: 'frank-password' };
  const users = [
    { email: 'frank@example.com', password: 'frank-password', secondFactor: { type: 'sms' as const } },
    {
      email: 'carol@example.com',
      password: 'carol-password',
      secondFactor: { type: 'sms' as const, phone: '+15555550123', phoneActivated: true },
    },
  ];
  const confirmHeader = (confirmUrl: string) => new URL(confirmUrl).search.slice(1);

  it('the whole phone activation: sign-in link → setphone → code → signed in, phone activated', async () => {
    const emulator = await useEmulator({ users, clock: () => T0 });
    const first = await signIn(emulator, frank);
    const confirmUrl: string = first.json.response.confirmUrl;
    expect(new URL(confirmUrl).searchParams.get('type')).toBe('PhoneActivation');

    const saved = await call(emulator, 'POST', SETPHONE, {
      json: { mobilePhone: '+1 (555) 010-9999' },
      headers: { confirm: confirmHeader(confirmUrl) },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.response).toEqual({
      expires: '2026-01-15T09:40:00Z',
      sms: true,
      phoneNoise: '+1555***9999',
      tfa: false,
    });
    expect(emulator.users.get('frank')).toMatchObject({ phone: '15550109999', phoneActivated: false });
    expect(emulator.sms.messages.map((m) => m.phone)).toEqual(['15550109999']);

    // Not activated yet: sign-in still sends the user to phone activation.
    expect((await signIn(emulator, frank)).json.response.confirmUrl).toContain('/confirm/PhoneActivation?');

    const done = await signInWithCode(emulator, { ...frank, code: emulator.sms.lastCodeFor('frank')! });
    expect(done.status).toBe(200);
    expect(done.json.response).toMatchObject({ sms: true, phoneNoise: '+1555***9999' });
    expect(emulator.users.get('frank')!.phoneActivated).toBe(true);

    const later = await signIn(emulator, frank);
    expect(later.json.response.confirmUrl).toContain('/confirm/PhoneAuth?');
    expect(later.json.response.phoneNoise).toBe('+1555***9999');
  });

  it('the key may come from the asc_confirm_key_PhoneActivation cookie', async () => {
    const emulator = await useEmulator({ users });
    const url = new URL((await signIn(emulator, frank)).json.response.confirmUrl);
    const key = url.searchParams.get('key')!;
    url.searchParams.delete('key');
    const answer = await call(emulator, 'POST', SETPHONE, {
      json: { mobilePhone: '555 0100 200' },
      headers: { confirm: url.search.slice(1) },
      cookies: { asc_confirm_key_PhoneActivation: key },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.response.phoneNoise).toBe('+5550**0200');
  });

  it('500 when an activated number would be replaced', async () => {
    const emulator = await useEmulator({ users });
    const key = emulator.confirmKey('PhoneActivation', 'carol@example.com');
    const answer = await call(emulator, 'POST', SETPHONE, {
      json: { mobilePhone: '+1 555 000 1111' },
      headers: { confirm: `type=PhoneActivation&key=${key}&email=carol%40example.com` },
    });
    expect(answer.status).toBe(500);
    expect(answer.json).toMatchObject({ status: 1, statusCode: 500, error: { type: 'System.Exception' } });
    expect(emulator.users.get('carol')!.phone).toBe('15555550123');
  });

  it('500 for a number without digits', async () => {
    const emulator = await useEmulator({ users });
    const key = emulator.confirmKey('PhoneActivation', 'frank@example.com');
    const answer = await call(emulator, 'POST', SETPHONE, {
      json: { mobilePhone: 'call me' },
      headers: { confirm: `type=PhoneActivation&key=${key}&email=frank@example.com` },
    });
    expect(answer.status).toBe(500);
  });

  it('400 for a body that fails model validation (after the confirm header was accepted)', async () => {
    const emulator = await useEmulator({ users });
    const key = emulator.confirmKey('PhoneActivation', 'frank@example.com');
    const answer = await call(emulator, 'POST', SETPHONE, {
      json: { mobilePhone: 5550100 },
      headers: { confirm: `type=PhoneActivation&key=${key}&email=frank@example.com` },
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.json.response.errors)).toContain('$.mobilePhone');
  });

  it('401 with an empty body without credentials, or for an invalid or expired PhoneActivation key', async () => {
    const emulator = await useEmulator({
      users: [...users, { email: 'alice@example.com', password: 'alice-password' }],
      clock: () => T0,
    });
    const key = emulator.confirmKey('PhoneActivation', 'frank@example.com');
    emulator.clock.advance(1);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not-a-token' },
      { confirm: `type=PhoneActivation&key=1.BAD&email=frank@example.com` },
      { confirm: `type=PhoneActivation&key=${key}&email=alice@example.com` },
      { confirm: `type=PhoneActivation&key=${key}&encemail=garbage` },
      { confirm: `type=PhoneActivation&email=frank@example.com` },
    ];
    for (const headers of attempts) {
      const answer = await call(emulator, 'POST', SETPHONE, { json: { mobilePhone: '15550100' }, headers });
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.text).toBe('');
    }
    emulator.clock.advance(3600_000);
    const expired = await call(emulator, 'POST', SETPHONE, {
      json: { mobilePhone: '15550100' },
      headers: { confirm: `type=PhoneActivation&key=${key}&email=frank@example.com` },
    });
    expect(expired.status).toBe(401);
    expect(emulator.sms.messages).toEqual([]);
  });

  it('403 with an empty body when the request is signed in, but not by a PhoneActivation link', async () => {
    const emulator = await useEmulator({
      users: [...users, { email: 'alice@example.com', password: 'alice-password' }],
      clock: () => T0,
    });
    const token = (await signIn(emulator, { userName: 'alice@example.com', password: 'alice-password' })).json.response
      .token;
    const authKey = emulator.confirmKey('PhoneAuth', 'frank@example.com');
    const attempts: Record<string, string>[] = [
      // A valid session token and no confirm header: the confirm scheme accepts the signed-in request, the
      // PhoneActivation role check then fails.
      { authorization: `Bearer ${token}` },
      { authorization: token },
      // A valid key of another type signs the request in with that type as its role.
      { confirm: `type=PhoneAuth&key=${authKey}&email=frank@example.com` },
    ];
    for (const headers of attempts) {
      const answer = await call(emulator, 'POST', SETPHONE, { json: { mobilePhone: '15550100' }, headers });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.text).toBe('');
    }
    const byCookie = await call(emulator, 'POST', SETPHONE, {
      json: { mobilePhone: '15550100' },
      cookies: { asc_auth_key: token },
    });
    expect(byCookie.status).toBe(403);
    expect(emulator.sms.messages).toEqual([]);
    expect(emulator.users.get('alice')!.phone).toBeNull();
  });
});
