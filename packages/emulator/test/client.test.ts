/** The generated client (`@docspace/auth-client`) against the emulator: the whole two-step sign-in. */
import {
  authenticateMe,
  authenticateMeFromBodyWithCode,
  checkConfirm,
  createClient,
  createConfig,
  getIsAuthentificated,
  getSelfProfile,
  logout,
  sendSmsCode,
} from '@docspace/auth-client';
import { describe, expect, it } from 'vitest';
import { BOB_TOTP_SECRET, totpCode } from '../src/index.js';
import { useEmulator } from './support/emulator.js';

describe('the generated client against the emulator', () => {
  it('signs in with an authenticator code, then reads the profile with the token', async () => {
    const emulator = await useEmulator();
    const client = createClient(createConfig({ baseUrl: emulator.url }));
    const credentials = { userName: 'bob@example.com', password: 'bob-password' };

    const first = await authenticateMe({ client, body: credentials });
    expect(first.error).toBeUndefined();
    expect(first.response?.status).toBe(200);
    expect(first.data?.response).toMatchObject({ tfa: true, sms: false });
    expect(first.data?.response?.token).toBeUndefined();

    const code = totpCode(BOB_TOTP_SECRET, emulator.clock.now());
    const second = await authenticateMeFromBodyWithCode({ client, path: { code }, body: { ...credentials, code } });
    expect(second.error).toBeUndefined();
    const token = second.data?.response?.token;
    expect(typeof token).toBe('string');

    const profile = await getSelfProfile({ client, auth: () => token! });
    expect(profile.error).toBeUndefined();
    expect(profile.data?.response).toMatchObject({ email: 'bob@example.com', userName: 'bob', status: 1 });

    const signedIn = await getIsAuthentificated({ client, auth: () => token! });
    expect(signedIn.data?.response).toBe(true);
  });

  it('gets typed errors for refusals', async () => {
    const emulator = await useEmulator();
    const client = createClient(createConfig({ baseUrl: emulator.url }));
    const wrong = await authenticateMe({ client, body: { userName: 'alice@example.com', password: 'nope' } });
    expect(wrong.response?.status).toBe(401);
    expect(wrong.error).toEqual({
      error: { message: 'User authentication failed', type: null, stack: null, hresult: 0 },
      status: 1,
      statusCode: 401,
    });
    const anonymous = await getSelfProfile({ client });
    expect(anonymous.response?.status).toBe(401);
  });

  it('drives the other operations: sendSmsCode, checkConfirm, logout', async () => {
    const emulator = await useEmulator();
    const client = createClient(createConfig({ baseUrl: emulator.url }));
    const sms = await sendSmsCode({ client, body: { userName: 'carol@example.com', password: 'carol-password' } });
    expect(sms.data?.response).toMatchObject({ sms: true, phoneNoise: '+1555***0123' });
    const key = emulator.confirmKey('EmailActivation', 'alice@example.com');
    const confirm = await checkConfirm({ client, body: { type: 'EmailActivation', email: 'alice@example.com', key } });
    expect(confirm.data?.response).toEqual({ result: 0, email: 'alice@example.com', isAgent: false });
    const out = await logout({ client });
    expect(out.data).toMatchObject({ count: 0, status: 0, statusCode: 200 });
  });
});
