// The fetch runtime under the operations, feature by feature, through `client.request` (what every generated
// operation calls) against a real HTTP server: URLs, headers, credentials, bodies, results and throwOnError.
import { describe, expect, it } from 'vitest';
import { createClient, createDocSpaceClient, getSelfProfile } from '../src/index.js';
import { recordingPortal } from './support/recording-server.js';

const { server, client } = await recordingPortal({ fresh: true });

const last = () => {
  const request = server.requests.at(-1);
  if (!request) throw new Error('the server saw no request');
  return request;
};

describe('URLs', () => {
  it('fills path parameters, escaped, and appends the query (arrays repeat, null and undefined left out)', async () => {
    await client.request({
      url: '/api/2.0/files/{id}/{name}',
      path: { id: 42, name: 'a b/c' },
      query: { tag: ['x', 'y z'], count: 3, none: undefined, empty: null },
    });
    expect(last().url).toBe('/api/2.0/files/42/a%20b%2Fc?tag=x&tag=y%20z&count=3');
  });

  it('joins a base URL with a trailing slash without doubling it', () => {
    const url = createClient({ baseUrl: 'https://portal.example/' }).buildUrl({ url: '/api/2.0/people/@self' });
    expect(url).toBe('https://portal.example/api/2.0/people/@self');
  });
});

describe('headers', () => {
  it('a null header removes a default, and a call header wins over the client header', async () => {
    const withTrace = createDocSpaceClient({ baseUrl: server.url, headers: { 'X-Trace': 'client' } });
    await withTrace.get({ url: '/api/2.0/authentication', headers: { accept: null, 'x-trace': 'call' } });
    expect(last().headers.accept).not.toContain('application/json'); // fetch itself sends */* then
    expect(last().headers['x-trace']).toBe('call');
  });

  it('takes a Headers object and name/value pairs too', async () => {
    await client.get({ url: '/x', headers: new Headers({ 'X-A': '1' }) });
    expect(last().headers['x-a']).toBe('1');
    await client.get({ url: '/x', headers: [['X-B', '2']] });
    expect(last().headers['x-b']).toBe('2');
  });
});

describe('credentials', () => {
  const bearer = { type: 'http', scheme: 'bearer' } as const;
  const cookie = { type: 'apiKey', in: 'cookie', name: 'asc_auth_key' } as const;

  it('a header the caller set is not replaced by a scheme', async () => {
    await client.get({ url: '/x', security: [bearer], auth: 'tok', headers: { Authorization: 'Bearer mine' } });
    expect(last().headers.authorization).toBe('Bearer mine');
  });

  it('a cookie scheme joins the cookies the caller sent', async () => {
    await client.get({ url: '/x', security: [cookie], auth: 'tok', headers: { Cookie: 'lang=en' } });
    expect(last().headers.cookie).toBe('lang=en; asc_auth_key=tok');
  });

  it('a query scheme adds its parameter; basic is base64; an empty token sends nothing', async () => {
    await client.get({
      url: '/x',
      query: { a: 1 },
      security: [{ type: 'apiKey', in: 'query', name: 'key' }, { type: 'http', scheme: 'basic' }, cookie],
      auth: (scheme) => (scheme.in === 'query' ? 'k' : scheme.scheme === 'basic' ? 'u:p' : ''),
    });
    expect(last().url).toBe('/x?a=1&key=k');
    expect(last().headers.authorization).toBe(`Basic ${btoa('u:p')}`);
    expect(last().headers.cookie).toBeUndefined();
  });

  it('the client-wide auth applies when a call gives none', async () => {
    const signedIn = createDocSpaceClient({ baseUrl: server.url, auth: () => 'client-token' });
    await getSelfProfile({ client: signedIn });
    expect(last().headers.authorization).toBe('Bearer client-token');
  });
});

describe('bodies', () => {
  it('an object goes as JSON, a string as it is, and no body drops the Content-Type', async () => {
    const json = { 'Content-Type': 'application/json' };
    await client.post({ url: '/x', body: { a: 1 }, headers: json });
    expect(last().body).toBe('{"a":1}');
    await client.post({ url: '/x', body: '{"b":2}', headers: json });
    expect(last().body).toBe('{"b":2}');
    await client.post({ url: '/x', headers: json });
    expect(last().body).toBe('');
    expect(last().headers['content-type']).toBeUndefined();
  });
});

describe('results', () => {
  it('a declared error body comes back as it is, or is thrown with throwOnError', async () => {
    const envelope = { error: { message: 'User authentication failed' }, status: 1, statusCode: 401 };
    server.reply({ status: 401, body: envelope });
    const { error, response } = await client.get({ url: '/x' });
    expect(error).toEqual(envelope);
    expect(response?.status).toBe(401);
    server.reply({ status: 401, body: envelope });
    await expect(client.get({ url: '/x', throwOnError: true })).rejects.toEqual(envelope);
  });

  it('an error answer without a body is read as what the request was (requestKind)', async () => {
    for (const [requestKind, code] of [
      [undefined, 'session_expired'],
      ['call', 'session_expired'],
      ['sign-in', 'invalid_credentials'],
      ['second-factor', 'invalid_code'],
    ] as const) {
      server.reply({ status: 401 });
      const { error } = await client.post({ url: '/x', requestKind });
      expect(error, String(requestKind)).toMatchObject({ code, status: 401 });
    }
  });

  it('throwOnError set on the client applies to every call, and a call can turn it off', async () => {
    const strict = createDocSpaceClient({ baseUrl: server.url, throwOnError: true });
    server.reply({ status: 404 });
    await expect(strict.get({ url: '/x' })).rejects.toMatchObject({ code: 'portal_not_found' });
    server.reply({ status: 404 });
    const { error } = await strict.get({ url: '/x', throwOnError: false });
    expect(error).toMatchObject({ code: 'portal_not_found' });
  });

  it('setConfig merges headers and replaces the rest; getConfig is a copy', async () => {
    const one = createDocSpaceClient({ baseUrl: 'http://127.0.0.1:9', headers: { 'X-A': '1' } });
    one.setConfig({ baseUrl: server.url, headers: { 'X-B': '2' } });
    await one.get({ url: '/x' });
    expect(last().headers).toMatchObject({ 'x-a': '1', 'x-b': '2', accept: 'application/json' });
    const copy = one.getConfig();
    copy.baseUrl = 'http://changed.invalid';
    expect(one.getConfig().baseUrl).toBe(server.url);
  });
});
