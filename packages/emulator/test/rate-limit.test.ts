import { describe, expect, it } from 'vitest';
import { useEmulator } from './support/emulator.js';
import { AUTH, call, signIn, signInWithCode } from './support/http.js';

describe('the optional rate limiter', () => {
  it('is off by default: no X-RateLimit headers', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'GET', AUTH);
    expect(answer.headers.get('x-ratelimit-limit')).toBeNull();
    expect(answer.headers.get('retry-after')).toBeNull();
  });

  it('when on, 200s carry X-RateLimit-Limit/Remaining/Reset (reset in delta seconds)', async () => {
    const emulator = await useEmulator({
      rateLimit: { limit: 3, windowMs: 10_000 },
      clock: () => Date.UTC(2026, 0, 1),
    });
    const first = await call(emulator, 'GET', AUTH);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('3');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(first.headers.get('x-ratelimit-reset')).toBe('10');
    emulator.clock.advance(4_000);
    const second = await call(emulator, 'GET', AUTH);
    expect(second.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(second.headers.get('x-ratelimit-reset')).toBe('6');
  });

  it('answers 429 with Retry-After and the X-RateLimit headers, empty body, on every operation', async () => {
    const emulator = await useEmulator({
      rateLimit: { limit: 1, windowMs: 30_000 },
      clock: () => Date.UTC(2026, 0, 1),
    });
    const alice = { userName: 'alice@example.com', password: 'alice-password' };
    expect((await signIn(emulator, alice)).status).toBe(200);
    const answers = [
      await signIn(emulator, alice),
      await signInWithCode(emulator, { ...alice, code: '123456' }),
      await call(emulator, 'POST', `${AUTH}/sendsms`, { json: alice }),
      await call(emulator, 'GET', AUTH),
      await call(emulator, 'POST', `${AUTH}/logout`),
      await call(emulator, 'POST', `${AUTH}/confirm`, { json: {} }),
      await call(emulator, 'POST', `${AUTH}/setphone`, { json: {} }),
      await call(emulator, 'GET', '/api/2.0/people/@self'),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(429);
      expect(answer.text).toBe('');
      expect(answer.headers.get('retry-after')).toBe('30');
      expect(answer.headers.get('x-ratelimit-limit')).toBe('1');
      expect(answer.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(answer.headers.get('x-ratelimit-reset')).toBe('30');
    }
    emulator.clock.advance(30_000);
    expect((await signIn(emulator, alice)).status).toBe(200);
  });

  it('limits per client address (X-Forwarded-For with trustProxy)', async () => {
    const emulator = await useEmulator({ rateLimit: { limit: 1, windowMs: 60_000 }, trustProxy: true });
    expect((await call(emulator, 'GET', AUTH, { headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(200);
    expect((await call(emulator, 'GET', AUTH, { headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(429);
    expect((await call(emulator, 'GET', AUTH, { headers: { 'x-forwarded-for': '203.0.113.2' } })).status).toBe(200);
  });

  it('without trustProxy, a rotating X-Forwarded-For does not evade the limit', async () => {
    const emulator = await useEmulator({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await call(emulator, 'GET', AUTH, { headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('rejects nonsense settings', async () => {
    await expect(useEmulator({ rateLimit: { limit: 0, windowMs: 1000 } })).rejects.toThrow(/rateLimit\.limit/);
  });
});
