import { describe, expect, it } from 'vitest';
import { useEmulator } from './support/emulator.js';
import { basic, call, tokenOf } from './support/http.js';

const SELF = '/api/2.0/people/@self';

describe('GET /api/2.0/people/@self', () => {
  it('answers the profile in the success envelope', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'GET', SELF, { headers: { authorization: await tokenOf(emulator) } });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      response: {
        id: 'a11ce000-0000-4000-8000-000000000001',
        userName: 'alice',
        email: 'alice@example.com',
        displayName: 'Alice Anderson',
        firstName: 'Alice',
        lastName: 'Anderson',
        isAdmin: true,
        status: 1,
      },
      count: 1,
      links: [{ href: `${emulator.url}${SELF}`, action: 'GET' }],
      status: 0,
      statusCode: 200,
    });
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
    const answer = await call(emulator, 'GET', SELF, { headers: { authorization: basic('alice@example.com', 'nope') } });
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
    const answer = await call(emulator, 'GET', SELF, { headers: { authorization: basic('kim.lee@example.com', 'pw') } });
    expect(answer.json.response).toMatchObject({ userName: 'kim.lee', firstName: 'Kim.lee', lastName: '', displayName: 'Kim.lee', isAdmin: false, status: 1 });
    expect(answer.json.response.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
