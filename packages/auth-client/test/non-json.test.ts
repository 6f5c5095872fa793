// A success status is not enough: a 200 whose body is not the JSON the spec describes (a proxy's login page, a
// body without a content type, an empty body) comes back as a `protocol` error with the response alongside, never
// as data. The answers the portal's filters give arrive as errors too: an empty 404 or 403 as a typed error, the
// IP-restriction message as the body the spec declares.
import { ValiError } from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  authenticateMe,
  createClient,
  createConfig,
  DocSpaceAuthError,
  getIsAuthentificated,
  getSelfProfile,
} from '../src/index.js';
import { recordingPortal } from './support/recording-server.js';

const { server, client } = await recordingPortal();

const credentials = { userName: 'bob@example.com', password: 'pw' };
const loginPage =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/sso"></form></body></html>';

describe('a 200 that is not JSON is an error, not data', () => {
  it('an HTML login page sent as text/html', async () => {
    server.reply({ headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: loginPage });
    const { data, error, response } = await authenticateMe({ client, body: credentials });
    expect(response?.status).toBe(200);
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(DocSpaceAuthError);
    expect(error).toMatchObject({ code: 'protocol', status: 200 });
    expect((error as DocSpaceAuthError).cause).toBeInstanceOf(SyntaxError);
  });

  it('an HTML page with no content type at all (formerly handed over as a stream)', async () => {
    server.reply({ contentType: null, body: loginPage });
    const { data, error, response } = await getSelfProfile({ client, auth: () => 't' });
    expect(response?.headers.get('content-type')).toBeNull();
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'protocol', status: 200 });
  });

  it('plain text on the boolean route', async () => {
    server.reply({ body: 'OK' });
    const { data, error } = await getIsAuthentificated({ client });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'protocol' });
  });

  it('an empty body without a length: the envelope it stands for lacks status and response', async () => {
    server.reply({ chunked: true });
    const { data, error, response } = await authenticateMe({ client, body: credentials });
    expect(response?.status).toBe(200);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'protocol' });
    expect((error as DocSpaceAuthError).cause).toBeInstanceOf(ValiError);
  });

  it('a valid envelope without a content type is still read and checked', async () => {
    server.reply({ contentType: null, body: JSON.stringify({ response: true, count: 1, status: 0, statusCode: 200 }) });
    const { data, error } = await getIsAuthentificated({ client });
    expect(error).toBeUndefined();
    expect(data?.response).toBe(true);
  });

  it('a bare createClient reads and checks bodies the same way', async () => {
    server.reply({ headers: { 'Content-Type': 'text/html' }, body: loginPage });
    const bare = createClient(createConfig({ baseUrl: server.url }));
    const { data, error } = await getIsAuthentificated({ client: bare });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'protocol' });
  });

  it('with throwOnError the call rejects with the same error', async () => {
    server.reply({ headers: { 'Content-Type': 'text/html' }, body: loginPage });
    await expect(getIsAuthentificated({ client, throwOnError: true })).rejects.toMatchObject({ code: 'protocol' });
  });
});

describe('answers of the portal filters', () => {
  it('a suspended, removed or unknown portal: empty 404', async () => {
    server.reply({ status: 404 });
    const { data, error, response } = await authenticateMe({ client, body: credentials });
    expect(data).toBeUndefined();
    expect(response?.status).toBe(404);
    expect(response?.headers.get('content-type')).toBeNull();
    expect(error).toMatchObject({ code: 'portal_not_found', status: 404 });
  });

  it('a portal being restored or moved: empty 403', async () => {
    server.reply({ status: 403 });
    const { error } = await getSelfProfile({ client, auth: () => 't' });
    expect(error).toMatchObject({ code: 'portal_unavailable', status: 403 });
  });

  it('a rejected token: empty 401', async () => {
    server.reply({ status: 401 });
    const { error } = await getSelfProfile({ client, auth: () => 't' });
    expect(error).toMatchObject({ code: 'session_expired', status: 401 });
  });

  it('IP restriction as plain text (no Accept preference)', async () => {
    server.reply({
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: 'The access to the portal is restricted',
    });
    const { error, response } = await getSelfProfile({ client, auth: () => 't' });
    expect(response?.status).toBe(403);
    expect(error).toBe('The access to the portal is restricted');
  });

  it('IP restriction as a JSON string (Accept: application/json only)', async () => {
    server.reply({
      status: 403,
      body: JSON.stringify('The access to the portal is restricted'),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    const { error } = await getSelfProfile({ client, auth: () => 't' });
    expect(error).toBe('The access to the portal is restricted');
  });
});
