import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';
import { useEmulator } from './support/emulator.js';
import { AUTH, call, control, signIn, tokenOf } from './support/http.js';

describe('the HTTP server', () => {
  it('listens on 127.0.0.1 and a free port by default', async () => {
    const emulator = await useEmulator();
    expect(emulator.host).toBe('127.0.0.1');
    expect(emulator.port).toBeGreaterThan(0);
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
  });

  it('is ready as soon as startEmulator resolves', async () => {
    const emulator = await useEmulator();
    expect((await call(emulator, 'GET', AUTH)).status).toBe(200);
  });

  it('runs many emulators at once, each with its own state', async () => {
    const emulators = await Promise.all(Array.from({ length: 20 }, () => useEmulator()));
    expect(new Set(emulators.map((e) => e.port)).size).toBe(20);
    await Promise.all(emulators.map((e, i) => (i % 2 === 0 ? tokenOf(e) : Promise.resolve(''))));
    emulators.forEach((e, i) => expect(e.requests).toHaveLength(i % 2 === 0 ? 1 : 0));
    for (let i = 0; i < 6; i++) await signIn(emulators[0]!, { userName: 'alice@example.com', password: 'x' });
    expect((await signIn(emulators[0]!, { userName: 'alice@example.com', password: 'alice-password' })).status).toBe(
      403,
    );
    expect((await signIn(emulators[1]!, { userName: 'alice@example.com', password: 'alice-password' })).status).toBe(
      200,
    );
  });

  it('close() closes idle keep-alive connections and resolves; the port stops answering', async () => {
    const emulator = await startEmulator();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const socket = await new Promise<import('node:net').Socket>((resolve, reject) => {
      const req = request(`${emulator.url}${AUTH}`, { agent }, (res) => {
        expect(res.headers.connection).toBe('keep-alive');
        res.resume();
        res.on('end', () => resolve(req.socket!));
      });
      req.on('error', reject);
      req.end();
    });
    const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(socket.destroyed).toBe(false);
    await emulator.close();
    await socketClosed;
    agent.destroy();
    await expect(fetch(`${emulator.url}${AUTH}`)).rejects.toThrow();
    // Closing twice is harmless.
    await emulator.close();
  });

  it('close() also ends requests held by a delay fault', async () => {
    const emulator = await startEmulator({ faults: [{ path: AUTH, sequence: [{ kind: 'delay', ms: 60_000 }] }] });
    const pending = fetch(`${emulator.url}${AUTH}`).then(
      () => 'answered',
      () => 'failed',
    );
    while (emulator.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await emulator.close();
    expect(await pending).toBe('failed');
  });

  it('refuses a port already in use', async () => {
    const emulator = await useEmulator();
    await expect(startEmulator({ port: emulator.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('routes match case-insensitively and with a trailing slash; literal routes win over {code}', async () => {
    const emulator = await useEmulator();
    expect((await call(emulator, 'GET', '/API/2.0/Authentication/')).json.response).toBe(false);
    const logout = await call(emulator, 'POST', `${AUTH}/LOGOUT`);
    expect(logout.json).toMatchObject({ count: 0, statusCode: 200 });
  });

  it('unknown paths answer 404 and known paths with another method 405, with empty bodies', async () => {
    const emulator = await useEmulator();
    const missing = await call(emulator, 'GET', '/api/2.0/files');
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('');
    const wrongMethod = await call(emulator, 'DELETE', AUTH);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
    expect(wrongMethod.text).toBe('');
    expect(emulator.requests.map((r) => r.status)).toEqual([404, 405]);
  });

  it('answers 413 for bodies over 1 MiB', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'POST', '/api/2.0/unknown', { body: 'x'.repeat(1024 * 1024 + 1) });
    expect(answer.status).toBe(413);
  });

  it('rejects invalid options with a clear message', async () => {
    await expect(startEmulator({ tokenLifetimeMs: -1 })).rejects.toThrow(/tokenLifetimeMs/);
    await expect(startEmulator({ bruteForce: { attemptCount: 0 } })).rejects.toThrow(/attemptCount/);
    await expect(startEmulator({ users: [{ email: 'x', password: 'y' }] })).rejects.toThrow(
      'users[0].email: must be an email address',
    );
    await expect(startEmulator({ faults: [{ path: 'x', sequence: [null] }] })).rejects.toThrow(/faults\[0\]\.path/);
  });

  it('reports every answer to onResponse with its headers and body', async () => {
    const seen: string[] = [];
    const emulator = await useEmulator({
      controlPlane: true,
      onResponse: (r) => seen.push(`${r.method} ${r.path} ${r.status} ${r.body.length > 0}`),
    });
    await call(emulator, 'GET', AUTH);
    await control(emulator, 'GET', '/__emulator/sms');
    expect(seen).toEqual([`GET ${AUTH} 200 true`]);
  });
});
