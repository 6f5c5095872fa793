// Envelopes and error bodies come back as typed results; a body that breaks the spec is reported.
import { describe, expect, it } from 'vitest';
import { ValiError } from 'valibot';
import {
  authenticateMe,
  authenticateMeFromBodyWithCode,
  getIsAuthentificated,
  getSelfProfile,
  logout,
  type AuthenticationTokenDto,
  type ErrorApiResponse,
} from '../src/index.js';
import { recordingPortal } from './support/recording-server.js';

const { server, client } = await recordingPortal();

const credentials = { userName: 'bob@example.com', password: 'pw' };
const links = [{ href: 'http://portal.test/api/2.0/authentication', action: 'POST' }];

describe('success envelopes', () => {
  it('a token answer is returned as data, token and expiry included', async () => {
    const body = {
      response: { token: 'abc+/=', expires: '2027-01-15T10:30:00.1234567Z' },
      count: 1,
      links,
      status: 0,
      statusCode: 200,
    };
    server.reply({ body });
    const { data, error, response } = await authenticateMe({ client, body: credentials });
    expect(error).toBeUndefined();
    expect(response?.status).toBe(200);
    expect(data).toEqual(body);
    const dto: AuthenticationTokenDto | undefined = data?.response;
    expect(dto?.token).toBe('abc+/=');
  });

  it('a pending second factor (200, no token, .NET zero expiry) is valid data', async () => {
    const body = {
      response: {
        expires: '0001-01-01T00:00:00',
        tfa: true,
        tfaKey: 'GEZDGNBVGY3TQOJQ',
        confirmUrl: 'http://portal.test/confirm/TfaActivation?type=TfaActivation&uid=1',
      },
      count: 1,
      links,
      status: 0,
      statusCode: 200,
    };
    server.reply({ body });
    const { data, error } = await authenticateMe({ client, body: credentials });
    expect(error).toBeUndefined();
    expect(data?.response?.tfa).toBe(true);
    expect(data?.response?.token).toBeUndefined();
  });

  it('logout without an SSO address has no response key and count 0', async () => {
    server.reply({ body: { count: 0, links, status: 0, statusCode: 200 } });
    const { data, error } = await logout({ client });
    expect(error).toBeUndefined();
    expect(data).toEqual({ count: 0, links, status: 0, statusCode: 200 });
  });

  it('the boolean answer of getIsAuthentificated comes through', async () => {
    server.reply({ body: { response: false, count: 1, links, status: 0, statusCode: 200 } });
    const { data } = await getIsAuthentificated({ client });
    expect(data?.response).toBe(false);
  });

  it('a profile with extra fields the spec does not list is accepted', async () => {
    const profile = {
      id: '4c1a7f2e-93b5-4d08-a6e1-2f7c9b3d5e80',
      userName: 'jane',
      email: 'admin@localhost',
      displayName: 'Jane Doe',
      firstName: 'Jane',
      lastName: 'Doe',
      isAdmin: true,
      status: 1,
      avatar: '/img/a.png',
    };
    server.reply({ body: { response: profile, count: 1, links, status: 0, statusCode: 200 } });
    const { data, error } = await getSelfProfile({ client, auth: () => 't' });
    expect(error).toBeUndefined();
    expect(data?.response?.displayName).toBe('Jane Doe');
  });
});

describe('error bodies', () => {
  it('a 401 error envelope is the typed error, with the HTTP response alongside', async () => {
    const body = {
      error: { message: 'User authentication failed', type: null, stack: null, hresult: 0 },
      status: 1,
      statusCode: 401,
    };
    server.reply({ status: 401, body });
    const { data, error, response } = await authenticateMe({ client, body: credentials });
    expect(data).toBeUndefined();
    expect(response?.status).toBe(401);
    const typed: ErrorApiResponse | undefined = error as ErrorApiResponse | undefined;
    expect(typed?.error?.message).toBe('User authentication failed');
    expect(typed?.statusCode).toBe(401);
  });

  it('a 403 brute-force block keeps its message', async () => {
    server.reply({
      status: 403,
      body: {
        error: { message: 'Too many login attempts. Please try again later', hresult: 0 },
        status: 1,
        statusCode: 403,
      },
    });
    const { error, response } = await authenticateMe({ client, body: credentials });
    expect(response?.status).toBe(403);
    expect(error).toMatchObject({ error: { message: 'Too many login attempts. Please try again later' } });
  });

  it('an HTML page from a reverse proxy comes back as text, with the status', async () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    server.reply({ status: 502, headers: { 'Content-Type': 'text/html' }, body: html });
    const { error, response } = await authenticateMe({ client, body: credentials });
    expect(response?.status).toBe(502);
    expect(error).toBe(html);
  });

  it('a 429 carries Retry-After for the caller to honour', async () => {
    server.reply({ status: 429, headers: { 'Retry-After': '7', 'X-RateLimit-Reset': '7' } });
    const { response } = await authenticateMe({ client, body: credentials });
    expect(response?.status).toBe(429);
    expect(response?.headers.get('retry-after')).toBe('7');
  });

  it('throwOnError: true throws the parsed error body instead of returning it', async () => {
    server.reply({
      status: 401,
      body: { error: { message: 'User authentication failed' }, status: 1, statusCode: 401 },
    });
    await expect(
      authenticateMeFromBodyWithCode({
        client,
        throwOnError: true,
        path: { code: '1' },
        body: { ...credentials, code: '1' },
      }),
    ).rejects.toMatchObject({ error: { message: 'User authentication failed' } });
  });
});

describe('responses that break the spec are reported, not passed on', () => {
  it.each([
    ['a token that is a number', { response: { token: 5 }, count: 1, status: 0, statusCode: 200 }],
    ['a statusCode that is a string', { response: { token: 'a' }, count: 1, status: 0, statusCode: '200' }],
    ['an envelope status other than 0 or 1', { response: { token: 'a' }, count: 1, status: 2, statusCode: 200 }],
    [
      'an expiry without a time zone',
      { response: { token: 'a', expires: '2027-01-15T10:30:00' }, status: 0, statusCode: 200 },
    ],
    ['a tfa flag that is a string', { response: { tfa: 'yes' }, status: 0, statusCode: 200 }],
  ])('%s', async (_label, body) => {
    server.reply({ body });
    const { data, error, response } = await authenticateMe({ client, body: credentials });
    expect(response?.status).toBe(200);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'protocol', status: 200 });
    expect(((error as Error).cause as ValiError<never>).issues.length).toBeGreaterThan(0);
  });

  it('a profile missing a required field', async () => {
    server.reply({
      body: { response: { id: '4c1a7f2e-93b5-4d08-a6e1-2f7c9b3d5e80', userName: 'x' }, status: 0, statusCode: 200 },
    });
    const { data, error } = await getSelfProfile({ client, auth: () => 't' });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'protocol' });
    expect((error as Error).cause).toBeInstanceOf(ValiError);
  });

  it('a 200 whose body is cut off (malformed JSON) is an error, not data', async () => {
    server.reply({
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"response":{"token":"abc"',
    });
    const { data, error } = await authenticateMe({ client, body: credentials });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'protocol' });
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });
});
