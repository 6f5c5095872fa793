// What the authorised client puts on the wire, and where it refuses to send credentials.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getSelfProfile } from '@docspace/auth-client';
import { build } from 'esbuild';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDocSpaceAuth, memoryStore } from '../src/index.js';
import { userKey, portalKey } from '../src/session.js';
import { LeakCheck, useEmulator } from './support/harness.js';

const leaks = new LeakCheck();
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function listen(
  handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void,
) {
  const server = createServer(handler).listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An auth whose store already holds a session for `portal` (so no sign-in request is needed). */
async function withStoredToken(portal: string, token: string) {
  const store = memoryStore();
  const stored = { token, expires: null, userName: 'a@example.com', portal, obtainedAt: new Date().toISOString() };
  store.set(userKey(portal, 'a@example.com'), stored);
  store.set(portalKey(portal), stored);
  return createDocSpaceAuth({ baseUrl: portal, store, onEvent: (e) => leaks.record(e) });
}

describe('authorised calls', () => {
  it('send the token as Authorization: Bearer only (the portal reads it there; a browser would drop a cookie header)', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const portal = await listen((req, res) => {
      seen.push(req.headers);
      res.writeHead(401).end();
    });
    const token = 'stored+token/=';
    leaks.secret(token);
    const auth = await withStoredToken(portal, token);
    await getSelfProfile({ client: auth.client });
    expect(seen[0]?.authorization).toBe(`Bearer ${token}`);
    expect(seen[0]?.cookie).toBeUndefined();
    auth.dispose();
  });

  it('a redirect to another origin does not carry the token', async () => {
    const other: IncomingHttpHeaders[] = [];
    const elsewhere = await listen((req, res) => {
      other.push(req.headers);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
    const portal = await listen((_req, res) => {
      res.writeHead(302, { Location: `${elsewhere.replace('127.0.0.1', 'localhost')}/api/2.0/people/@self` }).end();
    });
    const token = 'redirect-secret-token';
    leaks.secret(token);
    const auth = await withStoredToken(portal, token);
    await getSelfProfile({ client: auth.client });
    expect(other).toHaveLength(1);
    expect(other[0]?.authorization).toBeUndefined();
    expect(other[0]?.cookie).toBeUndefined();
    auth.dispose();
  });
});

describe('events', () => {
  it('a retry event names the code path without the code', async () => {
    const emulator = await env.start();
    emulator.faults.add({
      method: 'POST',
      path: '/api/2.0/authentication/*',
      sequence: [{ kind: 'proxy-error', status: 503 }],
    });
    const code = emulator.totp('bob@example.com');
    leaks.secret(code);
    const auth = env.auth();
    leaks.secret((await auth.login({ userName: 'bob@example.com', password: 'bob-password', code })).token);
    expect(auth.events.find((e) => e.type === 'retry')).toMatchObject({ path: '/api/2.0/authentication/{code}' });
  });

  it('a listener that throws does not break the sign-in', async () => {
    await env.start();
    const auth = env.auth();
    auth.on('signed-in', () => {
      throw new Error('listener bug');
    });
    const seen: string[] = [];
    const stop = auth.on('*', (e) => seen.push(e.type));
    leaks.secret((await auth.login({ userName: 'alice@example.com', password: 'alice-password' })).token);
    stop();
    leaks.secret((await auth.login({ userName: 'alice@example.com', password: 'alice-password' })).token);
    expect(seen).toEqual(['signed-in']);
  });
});

describe('the browser entry', () => {
  it('bundles for the browser with no Node built-in and without otpauth in the main chunk', async () => {
    const result = await build({
      stdin: {
        contents: "export { createDocSpaceAuth, memoryStore, webStorageStore } from './src/index.ts';",
        resolveDir: new URL('..', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      splitting: true,
      outdir: 'out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint);
    expect(entry).toBeDefined();
    const inputs = Object.keys(entry![1].inputs);
    expect(inputs.some((path) => path.includes('node_modules/otpauth'))).toBe(false);
    expect(inputs.some((path) => path.startsWith('node:'))).toBe(false);
    expect(inputs.some((path) => path.includes('file-store'))).toBe(false);
  });
});
