// Every sign-in path against the emulator: no second factor, app code by secret / callback / given code,
// app set-up with tfaKey, SMS with resend. One request without a second factor, two with one.
import { BOB_TOTP_SECRET, DAVE_TOTP_SECRET } from '@docspace/emulator';
import { getSelfProfile } from '@docspace/auth-client';
import { TOTP, Secret } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import type { SecondFactorChallenge } from '../src/index.js';
import { CODE, LeakCheck, LOGIN, PASSWORDS, SIGN_IN, useEmulator } from './support/harness.js';

const leaks = new LeakCheck();
leaks.secret(BOB_TOTP_SECRET, DAVE_TOTP_SECRET);
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

function codeFor(secret: string, at: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: at,
  });
}

describe('without a second factor', () => {
  it('signs in with one request and returns the session', async () => {
    const emulator = await env.start();
    const auth = env.auth();
    const session = await auth.login({ userName: 'alice@example.com', password: PASSWORDS.alice });
    leaks.secret(session.token);
    expect(env.count('POST', SIGN_IN)).toBe(1);
    expect(session.userName).toBe('alice@example.com');
    expect(session.portal).toBe(emulator.url);
    expect(session.expires).toBeInstanceOf(Date);
    expect(session.expires!.getTime()).toBeGreaterThan(emulator.clock.now());
    expect(auth.events.map((e) => e.type)).toEqual(['signed-in']);
    expect(auth.events[0]).toMatchObject({ secondFactor: 'none', userName: 'alice@example.com' });
    expect(await auth.session()).toEqual(session);
  });

  it('a session-only sign-in (session: true) has no expiry', async () => {
    await env.start();
    const session = await env.auth().login({ userName: 'alice@example.com', password: PASSWORDS.alice, session: true });
    leaks.secret(session.token);
    expect(session.expires).toBeNull();
  });

  it('keeps the token out of console.log output of the session', async () => {
    await env.start();
    const session = await env.auth().login({ userName: 'alice@example.com', password: PASSWORDS.alice });
    leaks.secret(session.token);
    console.log(session);
    expect(env.consoleSpies[0]).toHaveBeenCalled();
  });
});

describe('authenticator app', () => {
  it('computes the code from the totpSecret option: exactly two requests', async () => {
    await env.start();
    const auth = env.auth({ totpSecret: BOB_TOTP_SECRET });
    const session = await auth.login({ userName: 'bob@example.com', password: PASSWORDS.bob });
    leaks.secret(session.token);
    expect(env.count('POST', LOGIN)).toBe(1);
    expect(env.count('POST', CODE)).toBe(1);
    expect(auth.events.map((e) => e.type)).toEqual(['second-factor-required', 'signed-in']);
    expect(auth.events[1]).toMatchObject({ secondFactor: 'totp' });
    const me = await getSelfProfile({ client: auth.client });
    expect(me.data?.response?.email).toBe('bob@example.com');
  });

  it('asks the secondFactor callback with a totp challenge', async () => {
    const emulator = await env.start();
    const challenges: SecondFactorChallenge[] = [];
    const auth = env.auth({
      secondFactor: (challenge) => {
        challenges.push(challenge);
        const code = emulator.totp('bob@example.com');
        leaks.secret(code);
        return code;
      },
    });
    const session = await auth.login({ userName: 'bob@example.com', password: PASSWORDS.bob });
    leaks.secret(session.token);
    expect(challenges).toHaveLength(1);
    expect(challenges[0]).toMatchObject({ kind: 'totp', userName: 'bob@example.com' });
    expect(challenges[0]).not.toHaveProperty('tfaKey');
    expect(challenges[0]).not.toHaveProperty('resend');
    expect(challenges[0]?.confirmUrl).toMatch(/\/confirm\/TfaAuth\?type=TfaAuth&uid=/);
    expect(env.count('POST', SIGN_IN)).toBe(2);
  });

  it('uses a code given to login() (a per-login totpSecret works the same)', async () => {
    const emulator = await env.start();
    const code = emulator.totp('bob@example.com');
    leaks.secret(code);
    const session = await env.auth().login({ userName: 'bob@example.com', password: PASSWORDS.bob, code });
    leaks.secret(session.token);
    const again = await env
      .auth()
      .login({ userName: 'bob@example.com', password: PASSWORDS.bob, totpSecret: BOB_TOTP_SECRET });
    leaks.secret(again.token);
    expect(env.count('POST', SIGN_IN)).toBe(4);
  });

  it('carries the asc_confirm_key cookie of step one into step two', async () => {
    await env.start();
    const cookies: (string | null)[] = [];
    const auth = env.auth({
      totpSecret: BOB_TOTP_SECRET,
      fetch: (input, init) => {
        const request = new Request(input, init);
        if (CODE.test(new URL(request.url).pathname)) cookies.push(request.headers.get('cookie'));
        return fetch(request);
      },
    });
    const session = await auth.login({ userName: 'bob@example.com', password: PASSWORDS.bob });
    leaks.secret(session.token);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^asc_confirm_key_TfaAuth=[^;]+$/);
  });

  it('sets up the app: the challenge carries tfaKey and an otpauth URI, and the user is enrolled after', async () => {
    const emulator = await env.start();
    const seen: SecondFactorChallenge[] = [];
    const auth = env.auth({
      secondFactor: (challenge) => {
        seen.push(challenge);
        // What a person does: add the key to an app, then type the app's code.
        if (challenge.kind !== 'totp-setup') throw new Error(`expected totp-setup, got ${challenge.kind}`);
        const code = codeFor(challenge.tfaKey, emulator.clock.now());
        leaks.secret(code);
        return code;
      },
    });
    const session = await auth.login({ userName: 'dave@example.com', password: PASSWORDS.dave });
    leaks.secret(session.token);
    expect(seen[0]).toMatchObject({ kind: 'totp-setup', tfaKey: DAVE_TOTP_SECRET });
    expect(seen[0]).toMatchObject({
      otpauthUri: expect.stringMatching(/^otpauth:\/\/totp\/.*secret=GEZDGNBVGY3TQOJQ/),
    });
    expect(seen[0]).not.toHaveProperty('resend');
    expect(seen[0]?.confirmUrl).toMatch(/TfaActivation/);
    // Enrolled now: the next sign-in asks for a plain app code.
    const kinds: string[] = [];
    const next = env.auth({ secondFactor: (c) => (kinds.push(c.kind), emulator.totp('dave@example.com')) });
    leaks.secret((await next.login({ userName: 'dave@example.com', password: PASSWORDS.dave })).token);
    expect(kinds).toEqual(['totp']);
  });
});

describe('SMS', () => {
  it('asks for the texted code, can have it sent again, and signs in with the new one', async () => {
    const emulator = await env.start();
    const seen: { phoneNoise?: string; expires?: Date }[] = [];
    const auth = env.auth({
      secondFactor: async (challenge) => {
        if (challenge.kind !== 'sms') throw new Error(`expected sms, got ${challenge.kind}`);
        seen.push({ phoneNoise: challenge.phoneNoise, ...(challenge.expires ? { expires: challenge.expires } : {}) });
        expect(challenge).not.toHaveProperty('tfaKey');
        const first = emulator.sms.lastCodeFor('carol@example.com');
        await challenge.resend();
        const second = emulator.sms.lastCodeFor('carol@example.com');
        leaks.secret(first, second);
        expect(emulator.sms.messages.length).toBe(2);
        return second!;
      },
    });
    const session = await auth.login({ userName: 'carol@example.com', password: PASSWORDS.carol });
    leaks.secret(session.token);
    expect(seen[0]?.phoneNoise).toMatch(/^\+1555\*+0123$/);
    expect(seen[0]?.expires).toBeInstanceOf(Date);
    expect(env.count('POST', LOGIN)).toBe(1);
    expect(env.count('POST', /\/sendsms$/)).toBe(1);
    expect(env.count('POST', CODE)).toBe(1);
    expect(auth.events.at(-1)).toMatchObject({ type: 'signed-in', secondFactor: 'sms' });
  });

  it('codeAttempts: a refused code is asked again without signing in again (no new SMS); the last refusal is thrown', async () => {
    const emulator = await env.start();
    const attempts: number[] = [];
    const auth = env.auth({
      secondFactor: (challenge) => {
        attempts.push(challenge.attempt);
        if (challenge.attempt < 2) return '000000';
        const code = emulator.sms.lastCodeFor('carol@example.com') ?? '';
        leaks.secret(code);
        return code;
      },
    });
    const session = await auth.login({ userName: 'carol@example.com', password: PASSWORDS.carol, codeAttempts: 3 });
    leaks.secret(session.token);
    expect(attempts).toEqual([1, 2]);
    expect(emulator.sms.messages.length).toBe(1);
    expect(env.count('POST', CODE)).toBe(2);

    const refused: number[] = [];
    const stubborn = env.auth({ secondFactor: (challenge) => (refused.push(challenge.attempt), '000000') });
    const error = await leaks.rejection(
      stubborn.login({ userName: 'carol@example.com', password: PASSWORDS.carol, codeAttempts: 3 }),
    );
    expect(error).toMatchObject({ code: 'invalid_code' });
    expect(refused).toEqual([1, 2, 3]);
    const once: number[] = [];
    const byDefault = env.auth({ secondFactor: (challenge) => (once.push(challenge.attempt), '000000') });
    await leaks.rejection(byDefault.login({ userName: 'carol@example.com', password: PASSWORDS.carol }));
    expect(once).toEqual([1]);
  });

  it('a totpSecret does not answer an SMS challenge', async () => {
    await env.start();
    const auth = env.auth({ totpSecret: BOB_TOTP_SECRET });
    const error = await leaks.rejection(auth.login({ userName: 'carol@example.com', password: PASSWORDS.carol }));
    expect(error).toMatchObject({ code: 'second_factor_required' });
    expect(String((error as Error).message)).toMatch(/SMS/);
  });
});
