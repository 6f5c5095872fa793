import { describe, expect, it } from 'vitest';
import { useEmulator } from './support/emulator.js';
import { basic, call, tokenOf } from './support/http.js';

const SELF = '/api/2.0/people/@self';

describe('GET /api/2.0/people/@self', () => {
  it('answers the profile in the success envelope, every member the server always writes included', async () => {
    const emulator = await useEmulator({ clock: () => Date.UTC(2026, 0, 15, 9, 30, 0, 250) });
    const answer = await call(emulator, 'GET', SELF, { headers: { authorization: await tokenOf(emulator) } });
    expect(answer.status).toBe(200);
    const hash = expect.stringMatching(/^\/static\/images\/default_user_photo_size_\d+-\d+\.png\?hash=\d+$/);
    expect(answer.json).toEqual({
      response: {
        firstName: 'Alice',
        lastName: 'Anderson',
        userName: 'alice',
        email: 'alice@example.com',
        status: 1,
        activationStatus: 1,
        department: '',
        isAdmin: true,
        isRoomAdmin: false,
        isLDAP: false,
        isOwner: false,
        isVisitor: false,
        isCollaborator: false,
        mobilePhoneActivationStatus: 0,
        isSSO: false,
        loginEventId: 0,
        registrationDate: '2026-01-15T09:30:00.2500000+00:00',
        hasPersonalFolder: true,
        id: 'a11ce000-0000-4000-8000-000000000001',
        displayName: 'Alice Anderson',
        avatar: hash,
        avatarOriginal: hash,
        avatarMax: hash,
        avatarMedium: hash,
        avatarSmall: hash,
        profileUrl: `${emulator.url}/accounts/people/filter?search=alice%40example.com`,
        hasAvatar: false,
        isAnonim: false,
      },
      count: 1,
      links: [{ href: `${emulator.url}${SELF}`, action: 'GET' }],
      status: 0,
      statusCode: 200,
    });
    expect(answer.json.response.avatar).toContain('82-82');
    expect(answer.json.response.avatarSmall).toContain('32-32');
  });

  it('the owner: isOwner true and isAdmin false, even when configured as an administrator', async () => {
    const emulator = await useEmulator({
      users: [{ email: 'olga@example.com', password: 'pw', isOwner: true, isAdmin: true }],
    });
    const answer = await call(emulator, 'GET', SELF, { headers: { authorization: basic('olga@example.com', 'pw') } });
    expect(answer.json.response).toMatchObject({ isOwner: true, isAdmin: false, isCollaborator: false });
  });

  it('the cookie form reports the login event of the cookie; an SMS user shows the phone', async () => {
    const emulator = await useEmulator();
    const token = await tokenOf(emulator);
    const byCookie = await call(emulator, 'GET', SELF, { cookies: { asc_auth_key: token } });
    expect(byCookie.json.response.loginEventId).toBeGreaterThan(0);
    const carol = await call(emulator, 'GET', SELF, {
      headers: { authorization: basic('carol@example.com', 'carol-password') },
    });
    expect(carol.json.response).toMatchObject({
      mobilePhone: '15555550123',
      mobilePhoneActivationStatus: 1,
      isCollaborator: true,
    });
  });

  it('an HTML-special display name is encoded, as the server does', async () => {
    const emulator = await useEmulator({
      users: [{ email: 'tom@example.com', password: 'pw', firstName: 'Tom', lastName: 'Smith & Sons' }],
    });
    const answer = await call(emulator, 'GET', SELF, { headers: { authorization: basic('tom@example.com', 'pw') } });
    expect(answer.json.response.displayName).toBe('Tom Smith &amp; Sons');
    expect(answer.json.response.lastName).toBe('Smith & Sons');
  });

  it('accepts the cookie, Bearer, a raw token, Basic and an API key', async () => {
    const emulator = await useEmulator();
    const token = await tokenOf(emulator);
    for (const options of [
      { cookies: { asc_auth_key: token } },
      { headers: { authorization: `Bearer ${token}` } },
      { headers: { authorization: token } },
      { headers: { authorization: basic('alice@example.com', 'alice-password') } },
      { headers: { authorization: 'Bearer sk-alice-demo-key' } },
    ]) {
      const answer = await call(emulator, 'GET', SELF, options);
      expect(answer.status).toBe(200);
      expect(answer.json.response.email).toBe('alice@example.com');
    }
  });

  it('401 with an empty body without credentials', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'GET', SELF);
    expect(answer.status).toBe(401);
    expect(answer.text).toBe('');
    expect(answer.headers.get('www-authenticate')).toBeNull();
  });

  it('401 with an empty body and WWW-Authenticate: Basic when Basic credentials fail', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'GET', SELF, {
      headers: { authorization: basic('alice@example.com', 'nope') },
    });
    expect(answer.status).toBe(401);
    expect(answer.text).toBe('');
    expect(answer.headers.get('www-authenticate')).toBe('Basic');
  });

  it('401 for a stale cookie, which is also cleared', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'GET', SELF, { cookies: { asc_auth_key: 'stale' } });
    expect(answer.status).toBe(401);
    expect(answer.text).toBe('');
    expect(answer.setCookies[0]).toBe('asc_auth_key=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/');
  });

  it('the profile of a user from options gets defaults', async () => {
    const emulator = await useEmulator({ users: [{ email: 'kim.lee@example.com', password: 'pw' }] });
    const answer = await call(emulator, 'GET', SELF, {
      headers: { authorization: basic('kim.lee@example.com', 'pw') },
    });
    expect(answer.json.response).toMatchObject({
      userName: 'kim.lee',
      firstName: 'Kim.lee',
      displayName: 'Kim.lee',
      isAdmin: false,
      status: 1,
    });
    // No last name given: left out, as a portal whose database holds null writes it.
    expect(answer.json.response).not.toHaveProperty('lastName');
    expect(answer.json.response.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
