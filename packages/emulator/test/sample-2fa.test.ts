/**
 * The official "authenticate a user by code (2FA)" sample (Node.js), retold as a test: the same two
 * requests, against the emulator instead of a portal, with a real code instead of a placeholder.
 */
import { describe, expect, it } from 'vitest';
import { BOB_TOTP_SECRET, totpCode } from '../src/index.js';
import { useEmulator } from './support/emulator.js';

interface Meta {
  token?: string;
  tfaKey?: string;
  [key: string]: unknown;
}

/** Step 1 of the sample: user name and password (plus the sample's extra `remember` flag). */
async function firstStep(
  host: string,
  credentials: Record<string, unknown>,
): Promise<{ token: string | null; meta: Meta }> {
  const res = await fetch(`${host}/api/2.0/authentication`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const data = (await res.json().catch(() => ({}))) as { response?: Meta };
  const meta = data.response ?? {};
  if (res.status === 200) return { token: meta.token ?? null, meta };
  throw new Error(`first step failed with ${res.status}`);
}

/** Step 2 of the sample: the code in the path and in the body, `session: true`, tfaKey echoed as a header. */
async function secondStep(
  host: string,
  credentials: Record<string, unknown>,
  meta: Meta,
  code: string,
): Promise<string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (meta.tfaKey) headers.asc_auth_key = meta.tfaKey;
  const res = await fetch(`${host}/api/2.0/authentication/${code}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ userName: credentials.userName, password: credentials.password, code, session: true }),
  });
  const data = (await res.json().catch(() => ({}))) as { response?: Meta };
  const token = data.response?.token;
  if (res.status === 200 && token) return token;
  throw new Error(`second step failed with ${res.status}`);
}

describe('the official 2FA sample, against the emulator', () => {
  it('an enrolled user: step 1 reports 2FA without a token, step 2 returns a working token', async () => {
    const emulator = await useEmulator();
    const credentials = { userName: 'bob@example.com', password: 'bob-password', remember: true };
    const { token, meta } = await firstStep(emulator.url, credentials);
    expect(token).toBeNull();
    expect(meta).toMatchObject({ tfa: true });
    expect(meta.tfaKey).toBeUndefined();

    const code = totpCode(BOB_TOTP_SECRET, emulator.clock.now());
    const finalToken = await secondStep(emulator.url, credentials, meta, code);
    const me = await fetch(`${emulator.url}/api/2.0/people/@self`, { headers: { Authorization: finalToken } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { response: { email: string } }).response.email).toBe('bob@example.com');
  });

  it('a user still to enrol: step 1 hands out tfaKey, which the sample echoes in a header; the code from it works', async () => {
    const emulator = await useEmulator();
    const credentials = { userName: 'dave@example.com', password: 'dave-password', remember: true };
    const { token, meta } = await firstStep(emulator.url, credentials);
    expect(token).toBeNull();
    expect(typeof meta.tfaKey).toBe('string');
    const finalToken = await secondStep(emulator.url, credentials, meta, totpCode(meta.tfaKey!, emulator.clock.now()));
    expect(finalToken).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('a user without 2FA gets the token from step 1', async () => {
    const emulator = await useEmulator();
    const { token } = await firstStep(emulator.url, {
      userName: 'alice@example.com',
      password: 'alice-password',
      remember: true,
    });
    expect(typeof token).toBe('string');
  });

  it('a wrong code makes step 2 fail', async () => {
    const emulator = await useEmulator();
    const credentials = { userName: 'bob@example.com', password: 'bob-password', remember: true };
    const { meta } = await firstStep(emulator.url, credentials);
    await expect(secondStep(emulator.url, credentials, meta, '000000')).rejects.toThrow('second step failed with 401');
  });
});
