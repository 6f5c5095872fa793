import { describe, expect, it } from 'vitest';
import { BOB_TOTP_SECRET, totpCode } from '../src/index.js';
import { useEmulator } from './support/emulator.js';
import { AUTH, call, control, isSignedIn, signIn, signInWithCode, tokenOf } from './support/http.js';

const carol = { userName: 'carol@example.com', password: 'carol-password' };

describe('the /__emulator/ control endpoints', () => {
  it('GET /__emulator/sms lists the outbox; DELETE empties it', async () => {
    const emulator = await useEmulator({ controlPlane: true });
    await signIn(emulator, carol);
    const answer = await control(emulator, 'GET', '/__emulator/sms');
    expect(answer.status).toBe(200);
    expect(answer.json.messages).toEqual([
      expect.objectContaining({
        phone: '15555550123',
        email: 'carol@example.com',
        code: emulator.sms.lastCodeFor('carol'),
      }),
    ]);
    await control(emulator, 'DELETE', '/__emulator/sms');
    expect(emulator.sms.messages).toEqual([]);
  });

  it('GET /__emulator/requests lists API requests only (not control calls)', async () => {
    const emulator = await useEmulator({ controlPlane: true, clock: () => Date.UTC(2026, 0, 1) });
    await signIn(emulator, { userName: 'alice@example.com', password: 'wrong' });
    await call(emulator, 'GET', `${AUTH}?probe=1`);
    await control(emulator, 'GET', '/__emulator/sms');
    const answer = await control(emulator, 'GET', '/__emulator/requests');
    expect(answer.json.requests).toEqual([
      { method: 'POST', path: AUTH, url: AUTH, status: 401, timestamp: Date.UTC(2026, 0, 1) },
      { method: 'GET', path: AUTH, url: `${AUTH}?probe=1`, status: 200, timestamp: Date.UTC(2026, 0, 1) },
    ]);
    await control(emulator, 'DELETE', '/__emulator/requests');
    expect(emulator.requests).toEqual([]);
  });

  it('the request log counts sign-in round trips', async () => {
    const emulator = await useEmulator({ controlPlane: true });
    await signIn(emulator, { userName: 'bob@example.com', password: 'bob-password' });
    await signInWithCode(emulator, {
      userName: 'bob@example.com',
      password: 'bob-password',
      code: emulator.totp('bob'),
    });
    const logins = emulator.requests.filter((r) => r.method === 'POST' && r.path.startsWith(AUTH));
    expect(logins.map((r) => r.status)).toEqual([200, 200]);
  });

  it('POST /__emulator/clock moves time (tokens expire), GET reads it', async () => {
    const emulator = await useEmulator({ controlPlane: true, tokenLifetimeMs: 1_000, clock: () => 1_700_000_000_000 });
    const token = await tokenOf(emulator);
    const moved = await control(emulator, 'POST', '/__emulator/clock', { json: { advanceMs: 1_000 } });
    expect(moved.json).toEqual({ now: 1_700_000_001_000 });
    expect((await control(emulator, 'GET', '/__emulator/clock')).json).toEqual({ now: 1_700_000_001_000 });
    expect(await isSignedIn(emulator, { headers: { authorization: token } })).toBe(false);
    expect((await control(emulator, 'POST', '/__emulator/clock', { json: { setMs: 5 } })).json).toEqual({ now: 5 });
    expect((await control(emulator, 'POST', '/__emulator/clock', { json: { advanceMs: -1 } })).status).toBe(400);
  });

  it('POST /__emulator/faults adds rules (one or many), GET lists, DELETE clears; bad rules are 400', async () => {
    const emulator = await useEmulator({ controlPlane: true });
    const added = await control(emulator, 'POST', '/__emulator/faults', {
      json: [{ path: AUTH, method: 'get', sequence: [{ kind: 'proxy-error', status: 503 }, null] }],
    });
    expect(added.status).toBe(200);
    expect(added.json.rules).toEqual([
      { path: AUTH, method: 'GET', sequence: [{ kind: 'proxy-error', status: 503 }, null] },
    ]);
    expect((await call(emulator, 'GET', AUTH)).status).toBe(503);
    expect((await control(emulator, 'GET', '/__emulator/faults')).json.rules).toEqual([
      { path: AUTH, method: 'GET', sequence: [null] },
    ]);
    await control(emulator, 'POST', '/__emulator/faults', {
      json: { path: AUTH, probability: 1, fault: { kind: 'proxy-error' } },
    });
    await control(emulator, 'DELETE', '/__emulator/faults');
    expect((await call(emulator, 'GET', AUTH)).status).toBe(200);
    const bad = await control(emulator, 'POST', '/__emulator/faults', {
      json: { path: AUTH, sequence: [{ kind: 'nope' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/rule\.sequence\[0\]\.kind/);
  });

  it('POST /__emulator/reset returns to the initial state', async () => {
    const emulator = await useEmulator({ controlPlane: true });
    const token = await tokenOf(emulator);
    await signIn(emulator, carol);
    emulator.users.update('alice', { disabled: true });
    expect((await control(emulator, 'POST', '/__emulator/reset')).status).toBe(200);
    expect(emulator.sms.messages).toEqual([]);
    expect(emulator.requests).toEqual([]);
    expect(emulator.users.get('alice')!.disabled).toBe(false);
    expect(await isSignedIn(emulator, { headers: { authorization: token } })).toBe(false);
  });

  it('POST /__emulator/revoke logs out everyone or one user', async () => {
    const emulator = await useEmulator({ controlPlane: true });
    const token = await tokenOf(emulator);
    expect(
      (await control(emulator, 'POST', '/__emulator/revoke', { json: { userName: 'bob@example.com' } })).status,
    ).toBe(200);
    expect(await isSignedIn(emulator, { headers: { authorization: token } })).toBe(true);
    expect((await control(emulator, 'POST', '/__emulator/revoke', { json: { userName: 'nobody' } })).status).toBe(404);
    await control(emulator, 'POST', '/__emulator/revoke');
    expect(await isSignedIn(emulator, { headers: { authorization: token } })).toBe(false);
  });

  it('GET /__emulator/users, GET /__emulator/totp and POST /__emulator/confirm-key help other languages', async () => {
    const T = Date.UTC(2026, 0, 1, 0, 0, 10);
    const emulator = await useEmulator({ controlPlane: true, clock: () => T });
    const users = (await control(emulator, 'GET', '/__emulator/users')).json.users;
    expect(users.map((u: { email: string }) => u.email)).toEqual([
      'alice@example.com',
      'bob@example.com',
      'dave@example.com',
      'carol@example.com',
      'erin@example.com',
    ]);
    const totp = await control(emulator, 'GET', '/__emulator/totp?user=bob@example.com');
    expect(totp.json).toEqual({ code: totpCode(BOB_TOTP_SECRET, T) });
    expect((await control(emulator, 'GET', '/__emulator/totp?user=alice')).status).toBe(404);
    expect((await control(emulator, 'GET', '/__emulator/totp?user=bob&at=soon')).status).toBe(400);
    expect((await control(emulator, 'GET', `/__emulator/totp?user=bob&at=${T + 30_000}`)).json).toEqual({
      code: totpCode(BOB_TOTP_SECRET, T + 30_000),
    });
    const key = (
      await control(emulator, 'POST', '/__emulator/confirm-key', { json: { type: 'Auth', email: 'alice@example.com' } })
    ).json.key;
    expect((await signIn(emulator, { confirmData: { email: 'alice@example.com', key } })).status).toBe(200);
    expect(
      (await control(emulator, 'POST', '/__emulator/confirm-key', { json: { type: 'Nope', email: 'a@b.c' } })).status,
    ).toBe(400);
  });

  it('unknown control endpoints and bad JSON answer 4xx with a message', async () => {
    const emulator = await useEmulator({ controlPlane: true });
    expect((await control(emulator, 'GET', '/__emulator/nothing')).status).toBe(404);
    const bad = await control(emulator, 'POST', '/__emulator/clock', {
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/JSON/);
  });
});
