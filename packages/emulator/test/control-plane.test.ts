import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { useEmulator } from './support/emulator.js';
import { AUTH, call, control } from './support/http.js';

/** Sends one raw HTTP/1.1 request (the target exactly as given, no client-side normalisation) and reads the answer. */
function raw(emulator: Emulator, head: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(emulator.port, emulator.host);
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), text: data }));
    socket.write(`${head}\r\nConnection: close\r\n\r\n`);
  });
}

describe('the control plane is off by default', () => {
  it('/__emulator/ paths are unknown API paths: 404, empty body, in the request log; no key', async () => {
    const emulator = await useEmulator();
    expect(emulator.controlKey).toBeUndefined();
    for (const path of ['/__emulator/users', '/__emulator/reset', '/__emulator/totp?user=bob']) {
      const answer = await call(emulator, path.endsWith('reset') ? 'POST' : 'GET', path);
      expect(answer.status).toBe(404);
      expect(answer.text).toBe('');
    }
    expect(emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /__emulator/users 404',
      'POST /__emulator/reset 404',
      'GET /__emulator/totp 404',
    ]);
  });
});

describe('an enabled control plane wants its key', () => {
  it('401 without the X-Emulator-Key header or with a wrong one; nothing is done', async () => {
    const emulator = await useEmulator({ controlPlane: true, clock: () => Date.UTC(2026, 0, 1) });
    expect(emulator.controlKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const before = emulator.clock.now();
    const attempts: Record<string, string>[] = [
      {},
      { 'x-emulator-key': 'wrong' },
      { 'x-emulator-key': `${emulator.controlKey}x` },
    ];
    for (const headers of attempts) {
      const answer = await call(emulator, 'POST', '/__emulator/clock', { json: { advanceMs: 1_000 }, headers });
      expect(answer.status).toBe(401);
      expect(answer.json.error).toMatch(/X-Emulator-Key/i);
      expect((await call(emulator, 'GET', '/__emulator/users', { headers })).status).toBe(401);
    }
    expect(emulator.clock.now()).toBe(before);
    expect((await control(emulator, 'POST', '/__emulator/clock', { json: { advanceMs: 1_000 } })).json).toEqual({
      now: before + 1_000,
    });
  });

  it('each emulator has its own random key; { key } sets one; a short key is refused', async () => {
    const one = await useEmulator({ controlPlane: true });
    const two = await useEmulator({ controlPlane: true });
    expect(one.controlKey).not.toBe(two.controlKey);
    expect(
      (await call(two, 'GET', '/__emulator/clock', { headers: { 'x-emulator-key': one.controlKey! } })).status,
    ).toBe(401);
    const fixed = await useEmulator({ controlPlane: { key: 'a-key-of-this-test-0123' } });
    expect(fixed.controlKey).toBe('a-key-of-this-test-0123');
    expect(
      (await call(fixed, 'GET', '/__emulator/clock', { headers: { 'x-emulator-key': 'a-key-of-this-test-0123' } }))
        .status,
    ).toBe(200);
    await expect(startEmulator({ controlPlane: { key: 'short' } })).rejects.toThrow(/controlPlane/);
    await expect(startEmulator({ controlPlane: { key: `${'x'.repeat(20)}\n` } })).rejects.toThrow(/controlPlane/);
  });
});

describe('request targets are checked before routing', () => {
  it('dot segments (also percent-encoded) and backslashes are 400 and never reach the control plane', async () => {
    const emulator = await useEmulator({ controlPlane: true });
    await call(emulator, 'POST', AUTH, { json: { userName: 'alice@example.com', password: 'wrong' } });
    const key = `X-Emulator-Key: ${emulator.controlKey}`;
    for (const target of [
      '/api/2.0/authentication/../../../__emulator/reset',
      '/authentication/../../__emulator/reset',
      '/api/%2e%2e/__emulator/reset',
      '/api/%2E%2e/%2e%2E/__emulator/reset',
      '/api/./__emulator/reset',
      '/api\\..\\__emulator/reset',
    ]) {
      const answer = await raw(emulator, `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${key}\r\nContent-Length: 0`);
      expect(answer.status, target).toBe(400);
    }
    // Not reset: the failed sign-in is still in the log.
    expect(emulator.requests.map((r) => r.status)).toEqual([401]);
    // `//__emulator/…` is a path of its own, not the control plane.
    expect(
      (await raw(emulator, `POST //__emulator/reset HTTP/1.1\r\nHost: 127.0.0.1\r\n${key}\r\nContent-Length: 0`))
        .status,
    ).toBe(404);
    expect(emulator.requests.map((r) => r.status)).toEqual([401, 404]);
  });

  it('a malformed Host header is 400, not 500', async () => {
    const emulator = await useEmulator();
    for (const host of ['[::1', 'a b', 'exa mple.com:80', 'host:99999999', 'user@host']) {
      const answer = await raw(emulator, `GET ${AUTH} HTTP/1.1\r\nHost: ${host}`);
      expect(answer.status, host).toBe(400);
    }
    expect((await raw(emulator, `GET ${AUTH} HTTP/1.1\r\nHost: [::1]:8080`)).status).toBe(200);
  });
});
