// The `cors` option: CORS answers with credentials for listed origins only (a local-development convenience).
// Requests go out through node:http so that `Origin` is sent exactly as a browser would send it.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

const APP = 'http://localhost:5173';
let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

function send(method: string, path: string, headers: Record<string, string>, body?: string) {
  const target = new URL(path, emulator?.url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request(target, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const signIn = (origin: string) =>
  send(
    'POST',
    '/api/2.0/authentication',
    { origin, 'content-type': 'application/json' },
    JSON.stringify({ userName: 'alice@example.com', password: 'alice-password' }),
  );
const preflight = (origin: string) =>
  send('OPTIONS', '/api/2.0/people/@self', {
    origin,
    'access-control-request-method': 'GET',
    'access-control-request-headers': 'authorization',
  });

describe('cors', () => {
  it('off by default: no CORS headers, and a preflight is just an OPTIONS the API does not have', async () => {
    emulator = await startEmulator();
    const answer = await signIn(APP);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect((await preflight(APP)).status).toBe(405);
  });

  it('for a listed origin: the origin (never *) with credentials, and the rate-limit headers exposed', async () => {
    emulator = await startEmulator({ cors: { origins: [APP] } });
    const answer = await signIn(APP);
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(APP);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(answer.headers['access-control-expose-headers']).toContain('Retry-After');
    expect(answer.headers.vary).toBe('Origin');
    expect(answer.headers['set-cookie']).toEqual([expect.stringMatching(/^asc_auth_key=/)]);
  });

  it("answers a listed origin's preflight with 204, outside the request log; others get no CORS headers", async () => {
    emulator = await startEmulator({ cors: { origins: [APP, 'https://app.example'] } });
    const ok = await preflight('https://app.example');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(ok.headers['access-control-allow-methods']).toBe('GET, POST');
    expect(ok.headers['access-control-allow-headers']).toBe('authorization');
    expect(emulator.requests).toEqual([]);

    const other = await signIn('http://evil.example');
    expect(other.status).toBe(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight('http://evil.example')).status).toBe(405);
  });

  it('refuses anything that is not an http(s) origin', async () => {
    for (const origin of ['localhost:5173', 'http://localhost:5173/app', 'ftp://example.com', '*']) {
      await expect(startEmulator({ cors: { origins: [origin] } })).rejects.toThrow(
        /cors\.origins\[0\] must be an origin/,
      );
    }
  });
});
