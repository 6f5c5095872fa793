// What result.error of an auth.client call holds, against a real (hostile) HTTP server: the declared error body when
// the portal sent one, a DocSpaceAuthError for everything else.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getSelfProfile } from '@docspace/auth-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocSpaceAuth, isDocSpaceAuthError } from '../src/index.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A portal that answers every request with `status`, `type` and `body`. */
async function portal(status: number, type: string | undefined, body: string) {
  const server = createServer((_req, res) => {
    res.writeHead(status, type ? { 'Content-Type': type } : {}).end(body);
  }).listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return createDocSpaceAuth({ baseUrl: url, apiKey: 'sk-test-key', retry: false });
}

describe('auth.client result.error', () => {
  it.each([
    ['a 200 whose body is HTML', 200, 'text/html', '<html>login</html>', 'protocol'],
    ['a 200 whose body breaks the spec', 200, 'application/json', '{"response":{"id":5}}', 'protocol'],
    ['an empty 404 (no portal at this address)', 404, undefined, '', 'portal_not_found'],
    ['an empty 429', 429, undefined, '', 'rate_limited'],
  ])('%s is a DocSpaceAuthError (%s)', async (_label, status, type, body, code) => {
    const auth = await portal(status, type, body);
    const result = await getSelfProfile({ client: auth.client });
    expect(isDocSpaceAuthError(result.error, code as never)).toBe(true);
    expect(result.response?.status).toBe(status);
    const thrown = await getSelfProfile({ client: auth.client, throwOnError: true }).catch((error: unknown) => error);
    expect(thrown).toMatchObject({ code });
  });

  it.each([
    [
      'an error envelope (500)',
      500,
      'application/json',
      '{"error":{"message":"boom"},"status":1,"statusCode":500}',
      { error: { message: 'boom' } },
    ],
    ["a proxy's HTML page (502)", 502, 'text/html', '<h1>Bad Gateway</h1>', '<h1>Bad Gateway</h1>'],
  ])('%s stays the declared body', async (_label, status, type, body, expected) => {
    const auth = await portal(status, type, body);
    const result = await getSelfProfile({ client: auth.client });
    expect(isDocSpaceAuthError(result.error)).toBe(false);
    expect(result.error).toMatchObject(expected as object);
  });

  it('no answer at all is a DocSpaceAuthError (network)', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.close();
    const auth = createDocSpaceAuth({ baseUrl: url, apiKey: 'sk-test-key', retry: false });
    const result = await getSelfProfile({ client: auth.client });
    expect(result.error).toMatchObject({ code: 'network' });
  });
});
