import { describe, expect, it } from 'vitest';
import { useEmulator } from './support/emulator.js';
import { plainError, signIn } from './support/http.js';

const alice = { userName: 'alice@example.com', password: 'alice-password' };
const wrong = { ...alice, password: 'wrong' };
const blocked = plainError(403, 'Too many login attempts. Please try again later');
const failed = plainError(401, 'User authentication failed');

describe('brute-force protection (per lower-cased login + client IP)', () => {
  it('5 failures answer 401; the 6th attempt within 60 s is refused 403 with no stack, and so is the right password', async () => {
    const emulator = await useEmulator({ clock: () => Date.UTC(2026, 0, 1) });
    for (let i = 0; i < 5; i++) expect((await signIn(emulator, wrong)).json).toEqual(failed);
    const sixth = await signIn(emulator, wrong);
    expect(sixth.status).toBe(403);
    expect(sixth.json).toEqual(blocked);
    const right = await signIn(emulator, alice);
    expect(right.status).toBe(403);
    expect(right.json).toEqual(blocked);
    expect(right.setCookies).toEqual([]);
  });

  it('the block lasts 60 s', async () => {
    const emulator = await useEmulator({ clock: () => Date.UTC(2026, 0, 1) });
    for (let i = 0; i < 6; i++) await signIn(emulator, wrong);
    emulator.clock.advance(59_999);
    expect((await signIn(emulator, alice)).status).toBe(403);
    emulator.clock.advance(1);
    expect((await signIn(emulator, alice)).status).toBe(200);
  });

  it('counts failures within the 60 s check period only', async () => {
    const emulator = await useEmulator({ clock: () => Date.UTC(2026, 0, 1) });
    for (let i = 0; i < 5; i++) await signIn(emulator, wrong);
    emulator.clock.advance(60_001);
    expect((await signIn(emulator, wrong)).status).toBe(401);
    expect((await signIn(emulator, alice)).status).toBe(200);
  });

  it('a success removes only its own entry, so failures before it still count', async () => {
    const emulator = await useEmulator({ clock: () => Date.UTC(2026, 0, 1) });
    for (let i = 0; i < 4; i++) await signIn(emulator, wrong);
    expect((await signIn(emulator, alice)).status).toBe(200);
    expect((await signIn(emulator, wrong)).status).toBe(401); // 5th failure
    expect((await signIn(emulator, wrong)).status).toBe(403); // 6th attempt
  });

  it('keys on the lower-cased login: case variants share one counter', async () => {
    const emulator = await useEmulator();
    for (const userName of [
      'ALICE@example.com',
      'Alice@Example.com',
      'alice@EXAMPLE.com',
      'alice@example.COM',
      'aLiCe@example.com',
    ]) {
      expect((await signIn(emulator, { userName, password: 'wrong' })).status).toBe(401);
    }
    expect((await signIn(emulator, alice)).status).toBe(403);
  });

  it('keys on the trimmed login: padding with white space buys no fresh guesses', async () => {
    const emulator = await useEmulator();
    for (const userName of [
      'alice@example.com',
      ' alice@example.com',
      'alice@example.com ',
      '\talice@example.com',
      ' ALICE@example.com\n',
    ]) {
      expect((await signIn(emulator, { userName, password: 'wrong' })).status).toBe(401);
    }
    expect((await signIn(emulator, { userName: '  alice@example.com  ', password: 'wrong' })).status).toBe(403);
    expect((await signIn(emulator, alice)).status).toBe(403);
  });

  it('ignores X-Forwarded-For by default: rotating it gets no fresh guesses, spoofing a victim does not lock the victim out', async () => {
    const emulator = await useEmulator();
    for (let i = 0; i < 5; i++) {
      expect((await signIn(emulator, wrong, { headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } })).status).toBe(
        401,
      );
    }
    expect((await signIn(emulator, wrong, { headers: { 'x-forwarded-for': '198.51.100.99' } })).status).toBe(403);

    // A victim behind a real proxy: the attacker claims the victim's address, the emulator keys on the socket.
    const proxied = await useEmulator({ trustProxy: 1 });
    const spoofed = { headers: { 'x-forwarded-for': '192.0.2.50, 127.0.0.1' } };
    for (let i = 0; i < 6; i++) await signIn(proxied, wrong, spoofed);
    expect((await signIn(proxied, alice, spoofed)).status).toBe(403);
    expect((await signIn(proxied, alice, { headers: { 'x-forwarded-for': '192.0.2.50' } })).status).toBe(200);
  });

  it('keys on the client IP (X-Forwarded-For with trustProxy: true): another address is not blocked', async () => {
    const emulator = await useEmulator({ trustProxy: true });
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 6; i++) await signIn(emulator, wrong, from('203.0.113.7'));
    expect((await signIn(emulator, alice, from('203.0.113.7'))).status).toBe(403);
    expect((await signIn(emulator, alice, from('198.51.100.1'))).status).toBe(200);
    expect((await signIn(emulator, alice)).status).toBe(200);
  });

  it('unknown logins are counted too', async () => {
    const emulator = await useEmulator();
    for (let i = 0; i < 5; i++)
      expect((await signIn(emulator, { userName: 'ghost@example.com', password: 'x' })).status).toBe(401);
    expect((await signIn(emulator, { userName: 'ghost@example.com', password: 'x' })).status).toBe(403);
  });

  it('follows the bruteForce option', async () => {
    const emulator = await useEmulator({ bruteForce: { attemptCount: 2, blockTimeMs: 5_000 } });
    expect((await signIn(emulator, wrong)).status).toBe(401);
    expect((await signIn(emulator, wrong)).status).toBe(401);
    expect((await signIn(emulator, wrong)).status).toBe(403);
    emulator.clock.advance(5_000);
    expect((await signIn(emulator, alice)).status).toBe(200);
  });

  it('rejects a bad trustProxy', async () => {
    await expect(useEmulator({ trustProxy: 0 })).rejects.toThrow(/trustProxy/);
    await expect(useEmulator({ trustProxy: 'yes' as never })).rejects.toThrow(/trustProxy/);
  });

  it('reset() forgets blocks', async () => {
    const emulator = await useEmulator();
    for (let i = 0; i < 6; i++) await signIn(emulator, wrong);
    expect((await signIn(emulator, alice)).status).toBe(403);
    emulator.reset();
    expect((await signIn(emulator, alice)).status).toBe(200);
  });
});
