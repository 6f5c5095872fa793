// Each operation sends the method, path, headers and body the portal expects.
import { describe, expect, it } from 'vitest';
import {
  authenticateMe,
  authenticateMeFromBodyWithCode,
  checkConfirm,
  getIsAuthentificated,
  getSelfProfile,
  logout,
  saveMobilePhone,
  sendSmsCode,
} from '../src/index.js';
import { recordingPortal } from './support/recording-server.js';

const { server, client } = await recordingPortal({ fresh: true });

const tokenBody = { response: { token: 't', expires: '2027-01-15T10:30:00Z' }, count: 1, status: 0, statusCode: 200 };

function lastRequest() {
  const request = server.requests.at(-1);
  if (!request) throw new Error('the server saw no request');
  return request;
}

describe('sign-in operations', () => {
  it('authenticateMe posts the credentials as JSON to /api/2.0/authentication', async () => {
    server.reply({ body: tokenBody });
    await authenticateMe({ client, body: { userName: 'alice@example.com', password: 'pw', session: false } });
    const request = lastRequest();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/2.0/authentication');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ userName: 'alice@example.com', password: 'pw', session: false });
  });

  it('authenticateMeFromBodyWithCode puts the code in the path and in the body', async () => {
    server.reply({ body: tokenBody });
    await authenticateMeFromBodyWithCode({
      client,
      path: { code: '123456' },
      body: { userName: 'bob@example.com', password: 'pw', code: '123456' },
    });
    const request = lastRequest();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/2.0/authentication/123456');
    expect(JSON.parse(request.body)).toMatchObject({ userName: 'bob@example.com', code: '123456' });
  });

  it('escapes a code that is not URL-safe (backup codes may hold - and _, users may paste anything)', async () => {
    server.reply({ body: tokenBody });
    await authenticateMeFromBodyWithCode({
      client,
      path: { code: 'a/b c?' },
      body: { userName: 'bob@example.com', password: 'pw', code: 'a/b c?' },
    });
    expect(lastRequest().url).toBe('/api/2.0/authentication/a%2Fb%20c%3F');
    expect(JSON.parse(lastRequest().body).code).toBe('a/b c?');
  });

  it('sendSmsCode posts the credentials to /sendsms', async () => {
    server.reply({
      body: { response: { sms: true, phoneNoise: '+1555*****0123' }, count: 1, status: 0, statusCode: 200 },
    });
    await sendSmsCode({ client, body: { userName: 'carol@example.com', password: 'pw' } });
    expect(lastRequest()).toMatchObject({ method: 'POST', url: '/api/2.0/authentication/sendsms' });
    expect(JSON.parse(lastRequest().body)).toEqual({ userName: 'carol@example.com', password: 'pw' });
  });

  it('checkConfirm posts the confirmation key model to /confirm', async () => {
    server.reply({ body: { response: { result: 0, email: 'a@example.com' }, count: 1, status: 0, statusCode: 200 } });
    await checkConfirm({ client, body: { type: 'Auth', email: 'a@example.com', key: '123.ABC' } });
    expect(lastRequest()).toMatchObject({ method: 'POST', url: '/api/2.0/authentication/confirm' });
    expect(JSON.parse(lastRequest().body)).toEqual({ type: 'Auth', email: 'a@example.com', key: '123.ABC' });
  });

  it('saveMobilePhone sends the confirmation link in the `confirm` header, not as a token', async () => {
    server.reply({ body: { response: { sms: true }, count: 1, status: 0, statusCode: 200 } });
    const confirm = 'type=PhoneActivation&key=1.ABC&encemail=xyz';
    await saveMobilePhone({ client, auth: () => confirm, body: { mobilePhone: '+15555550123' } });
    const request = lastRequest();
    expect(request).toMatchObject({ method: 'POST', url: '/api/2.0/authentication/setphone' });
    expect(request.headers.confirm).toBe(confirm);
    expect(request.headers.authorization).toBeUndefined();
    expect(JSON.parse(request.body)).toEqual({ mobilePhone: '+15555550123' });
  });
});

describe('session operations', () => {
  it('getIsAuthentificated is a GET without a body or Content-Type', async () => {
    await getIsAuthentificated({ client });
    const request = lastRequest();
    expect(request).toMatchObject({ method: 'GET', url: '/api/2.0/authentication', body: '' });
    expect(request.headers['content-type']).toBeUndefined();
    expect(request.headers.authorization).toBeUndefined();
  });

  it('getIsAuthentificated carries a token when one is given', async () => {
    await getIsAuthentificated({ client, auth: () => 'tok+en/=' });
    expect(lastRequest().headers.authorization).toBe('Bearer tok+en/=');
  });

  it('getSelfProfile sends the token as a Bearer header and as the asc_auth_key cookie', async () => {
    server.reply({ status: 401 });
    await getSelfProfile({ client, auth: () => 'tok+en/=' });
    const request = lastRequest();
    expect(request).toMatchObject({ method: 'GET', url: '/api/2.0/people/@self' });
    expect(request.headers.authorization).toBe('Bearer tok+en/=');
    expect(request.headers.cookie).toBe('asc_auth_key=tok+en/=');
  });

  it('getSelfProfile sends only what the auth callback answers for (here: the header form)', async () => {
    server.reply({ status: 401 });
    await getSelfProfile({ client, auth: (scheme) => (scheme.in === 'cookie' ? undefined : 'abc') });
    expect(lastRequest().headers.authorization).toBe('Bearer abc');
    expect(lastRequest().headers.cookie).toBeUndefined();
  });

  it('logout sends the token in the cookie form, the only one the server revokes', async () => {
    server.reply({ body: { count: 0, status: 0, statusCode: 200 } });
    await logout({ client, auth: () => 'abc' });
    const request = lastRequest();
    expect(request).toMatchObject({ method: 'POST', url: '/api/2.0/authentication/logout', body: '' });
    expect(request.headers.cookie).toBe('asc_auth_key=abc');
    expect(request.headers.authorization).toBeUndefined();
  });
});
