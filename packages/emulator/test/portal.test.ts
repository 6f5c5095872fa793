// The portal's own state, answered by the server's filters before any handler runs: suspended, removed or
// unknown portals (empty 404), portals being restored, transferred or encrypted (empty 403), and IP
// restrictions (a token is still issued; every call carrying it answers 403 with a message). Every answer here
// goes through the contract checker (spec/openapi.yaml).
import { describe, expect, it } from 'vitest';
import type { PortalStatus } from '../src/index.js';
import { useEmulator } from './support/emulator.js';
import { AUTH, basic, call, control, signIn, signInWithCode, tokenOf } from './support/http.js';

const SELF = '/api/2.0/people/@self';
const alice = { userName: 'alice@example.com', password: 'alice-password' };

/** One request to every authentication route (bodies that would succeed on an active portal where possible). */
async function everyAuthRoute(emulator: Awaited<ReturnType<typeof useEmulator>>) {
  const key = emulator.confirmKey('EmailActivation', 'alice@example.com');
  return {
    isAuthenticated: await call(emulator, 'GET', AUTH),
    signIn: await signIn(emulator, alice),
    code: await signInWithCode(emulator, {
      userName: 'bob@example.com',
      password: 'bob-password',
      code: emulator.totp('bob'),
    }),
    logout: await call(emulator, 'POST', `${AUTH}/logout`),
    confirm: await call(emulator, 'POST', `${AUTH}/confirm`, {
      json: { type: 'EmailActivation', email: 'alice@example.com', key },
    }),
    setphone: await call(emulator, 'POST', `${AUTH}/setphone`, {
      json: { mobilePhone: '15550100' },
      headers: {
        confirm: `type=PhoneActivation&key=${emulator.confirmKey('PhoneActivation', 'alice@example.com')}&email=alice@example.com`,
      },
    }),
    sendsms: await call(emulator, 'POST', `${AUTH}/sendsms`, {
      json: { userName: 'carol@example.com', password: 'carol-password' },
    }),
  };
}

describe('suspended, removed and unknown portals', () => {
  it.each<[PortalStatus, number]>([
    ['suspended', 200],
    ['removed', 404],
    ['unknown', 404],
  ])('%s: an empty 404 on every authentication route; confirm answers %i', async (status, confirmStatus) => {
    const emulator = await useEmulator({ portal: { status } });
    const answers = await everyAuthRoute(emulator);
    const { confirm, setphone, ...rest } = answers;
    for (const [name, answer] of Object.entries(rest)) {
      expect(answer.status, name).toBe(404);
      expect(answer.text, name).toBe('');
      expect(answer.headers.get('content-type'), name).toBeNull();
    }
    expect(confirm.status).toBe(confirmStatus);
    if (confirmStatus === 200) expect(confirm.json.response).toMatchObject({ result: 0, email: 'alice@example.com' });
    // setphone authorises first: a valid link passes, then the portal filter answers; with no portal, nobody is known.
    expect(setphone.status).toBe(status === 'unknown' ? 401 : 404);
    expect(emulator.sms.messages).toEqual([]);
  });

  it('people/@self: 401 without credentials (authorisation runs first), 404 with a token made before', async () => {
    const emulator = await useEmulator();
    const token = await tokenOf(emulator);
    emulator.portal.set({ status: 'suspended' });
    expect((await call(emulator, 'GET', SELF)).status).toBe(401);
    const answer = await call(emulator, 'GET', SELF, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(404);
    expect(answer.text).toBe('');
    emulator.portal.set({ status: 'unknown' });
    // Without a portal the token means nothing.
    expect((await call(emulator, 'GET', SELF, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    emulator.portal.set({ status: 'active' });
    expect((await call(emulator, 'GET', SELF, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('the filter answers before the handler: no brute-force count, no SMS, no login event', async () => {
    const emulator = await useEmulator({ portal: { status: 'removed' } });
    for (let i = 0; i < 8; i++) await signIn(emulator, { ...alice, password: 'wrong' });
    emulator.portal.set({ status: 'active' });
    expect((await signIn(emulator, alice)).status).toBe(200);
  });
});

describe('portals being restored, transferred or encrypted', () => {
  it.each<PortalStatus>(['restoring', 'transferring', 'encrypting'])(
    '%s: an empty 403 on every authentication route',
    async (status) => {
      const emulator = await useEmulator({ portal: { status } });
      const answers = await everyAuthRoute(emulator);
      for (const [name, answer] of Object.entries(answers)) {
        expect(answer.status, name).toBe(403);
        expect(answer.text, name).toBe('');
        expect(answer.headers.get('content-type'), name).toBeNull();
      }
    },
  );

  it('people/@self is let through (the server exempts paths ending in @self)', async () => {
    const emulator = await useEmulator();
    const token = await tokenOf(emulator);
    emulator.portal.set({ status: 'restoring' });
    const answer = await call(emulator, 'GET', SELF, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    expect(answer.json.response.email).toBe('alice@example.com');
  });
});

describe('IP restrictions', () => {
  const owner = { email: 'olga@example.com', password: 'olga-password', isOwner: true };
  const admin = { email: 'adam@example.com', password: 'adam-password', isAdmin: true };
  const member = { email: 'mia@example.com', password: 'mia-password' };
  const users = [owner, admin, member];
  const restricted = 'The access to the portal is restricted';

  it('sign-in still returns a token; every call carrying it answers 403 with the message', async () => {
    const emulator = await useEmulator({ users, portal: { ipRestriction: 'owner-only' } });
    const first = await signIn(emulator, { userName: member.email, password: member.password });
    expect(first.status).toBe(200);
    const token = first.json.response.token as string;
    for (const options of [{ headers: { authorization: `Bearer ${token}` } }, { cookies: { asc_auth_key: token } }]) {
      const self = await call(emulator, 'GET', SELF, options);
      expect(self.status).toBe(403);
      expect(self.text).toBe(restricted);
      expect(self.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      // The anonymous routes are checked too, once the request carries valid credentials.
      expect((await call(emulator, 'GET', AUTH, options)).status).toBe(403);
    }
    const logout = await call(emulator, 'POST', `${AUTH}/logout`, { cookies: { asc_auth_key: token } });
    expect(logout.status).toBe(403);
    // The session was not ended by that refused logout.
    emulator.portal.set({ ipRestriction: 'none' });
    expect((await call(emulator, 'GET', SELF, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('anonymous calls are not checked: GET /authentication without credentials answers false', async () => {
    const emulator = await useEmulator({ users, portal: { ipRestriction: 'owner-only' } });
    const answer = await call(emulator, 'GET', AUTH);
    expect(answer.status).toBe(200);
    expect(answer.json.response).toBe(false);
  });

  it('the message is a JSON string when Accept asks for JSON only, plain text otherwise', async () => {
    const emulator = await useEmulator({ users, portal: { ipRestriction: 'owner-only' } });
    const authorization = basic(member.email, member.password);
    const ask = (accept?: string) =>
      call(emulator, 'GET', SELF, { headers: { authorization, ...(accept ? { accept } : {}) } });
    const json = await ask('application/json');
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.json).toBe(restricted);
    for (const accept of [undefined, '*/*', 'application/json, text/plain, */*', 'text/plain', 'text/html']) {
      const plain = await ask(accept);
      expect(plain.headers.get('content-type'), String(accept)).toBe('text/plain; charset=utf-8');
      expect(plain.text, String(accept)).toBe(restricted);
    }
  });

  it('per user: the owner always passes; ranges for administrators admit administrators', async () => {
    const emulator = await useEmulator({ users, portal: { ipRestriction: 'owner-only' } });
    const status = async (user: { email: string; password: string }) =>
      (await call(emulator, 'GET', SELF, { headers: { authorization: basic(user.email, user.password) } })).status;
    expect([await status(owner), await status(admin), await status(member)]).toEqual([200, 403, 403]);
    emulator.portal.set({ ipRestriction: 'admins-and-owner' });
    expect([await status(owner), await status(admin), await status(member)]).toEqual([200, 200, 403]);
  });

  it('a browser that still sends its cookie gets the message on sign-in too (JSON string for a JSON-only Accept)', async () => {
    const emulator = await useEmulator({ users, portal: { ipRestriction: 'owner-only' } });
    const token = (await signIn(emulator, { userName: member.email, password: member.password })).json.response
      .token as string;
    const again = await signIn(
      emulator,
      { userName: member.email, password: member.password },
      {
        cookies: { asc_auth_key: token },
        headers: { accept: 'application/json' },
      },
    );
    expect(again.status).toBe(403);
    expect(again.json).toBe(restricted);
  });
});

describe('SSO and LDAP accounts', () => {
  it.each(['sso', 'ldap'] as const)(
    '%s: 401 on password sign-in (also with the hash and with Basic), like a wrong password',
    async (source) => {
      const emulator = await useEmulator({ users: [{ email: 'sam@example.com', password: 'sam-password', source }] });
      const answer = await signIn(emulator, { userName: 'sam@example.com', password: 'sam-password' });
      expect(answer.status).toBe(401);
      expect(answer.json.error.message).toBe('User authentication failed');
      const { hashPassword } = await import('../src/index.js');
      expect(
        (await signIn(emulator, { userName: 'sam@example.com', passwordHash: hashPassword('sam-password') })).status,
      ).toBe(401);
      expect(
        (await call(emulator, 'GET', SELF, { headers: { authorization: basic('sam@example.com', 'sam-password') } }))
          .status,
      ).toBe(401);
    },
  );

  it('a sign-in link (confirmData) still works, and the profile says isSSO / isLDAP', async () => {
    const emulator = await useEmulator({
      users: [
        { email: 'sam@example.com', password: 'x', source: 'sso' },
        { email: 'lee@example.com', password: 'x', source: 'ldap' },
      ],
    });
    for (const [email, flags] of [
      ['sam@example.com', { isSSO: true, isLDAP: false }],
      ['lee@example.com', { isSSO: false, isLDAP: true }],
    ] as const) {
      const key = emulator.confirmKey('Auth', email);
      const answer = await signIn(emulator, { confirmData: { email, key } });
      expect(answer.status, email).toBe(200);
      const self = await call(emulator, 'GET', SELF, { headers: { authorization: answer.json.response.token } });
      expect(self.json.response).toMatchObject(flags);
    }
  });
});

describe('setting the portal state', () => {
  it('options, emulator.portal and the control call agree; reset() goes back to the options', async () => {
    const emulator = await useEmulator({ portal: { status: 'suspended' }, controlPlane: true });
    expect(emulator.portal.get()).toEqual({ status: 'suspended', ipRestriction: 'none' });
    const portal = (method: string, json?: unknown) =>
      control(emulator, method, '/__emulator/portal', json === undefined ? {} : { json });
    expect((await portal('GET')).json).toEqual({ status: 'suspended', ipRestriction: 'none' });
    expect((await portal('POST', { status: 'active', ipRestriction: 'admins-and-owner' })).json).toEqual({
      status: 'active',
      ipRestriction: 'admins-and-owner',
    });
    expect(emulator.portal.get().ipRestriction).toBe('admins-and-owner');
    emulator.reset();
    expect(emulator.portal.get()).toEqual({ status: 'suspended', ipRestriction: 'none' });
  });

  it('refuses unknown states and settings, naming the field', async () => {
    const emulator = await useEmulator({ controlPlane: true });
    expect(() => emulator.portal.set({ status: 'asleep' as never })).toThrow(
      /^portal\.status: must be one of active, suspended/,
    );
    expect(() => emulator.portal.set({ colour: 'red' } as never)).toThrow(/^portal\.colour: is not a portal setting/);
    const bad = await control(emulator, 'POST', '/__emulator/portal', { json: { ipRestriction: 'all' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/^portal\.ipRestriction: must be one of none, owner-only, admins-and-owner/);
    await expect(useEmulator({ portal: { status: 'gone' as never } })).rejects.toThrow(/portal\.status/);
    expect(emulator.portal.get()).toEqual({ status: 'active', ipRestriction: 'none' });
  });

  it('a portal has one owner', async () => {
    await expect(
      useEmulator({
        users: [
          { email: 'a@example.com', password: 'x', isOwner: true },
          { email: 'b@example.com', password: 'x', isOwner: true },
        ],
      }),
    ).rejects.toThrow(/users\[1\]\.isOwner: a portal has one owner/);
    await expect(
      useEmulator({ users: [{ email: 'a@example.com', password: 'x', source: 'saml' as never }] }),
    ).rejects.toThrow(/users\[0\]\.source: must be "portal", "sso" or "ldap"/);
  });
});
