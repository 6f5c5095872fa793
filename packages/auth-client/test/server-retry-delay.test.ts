// The wait a portal asks for: Retry-After (seconds or an HTTP date), then X-RateLimit-Reset.
import { describe, expect, it } from 'vitest';
import { serverRetryDelay } from '../src/errors/server-retry-delay.js';

describe('server retry delay', () => {
  it.each([
    [{ 'retry-after': '7' }, 7_000],
    [{ 'retry-after': ' 0 ' }, 0],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, 10_000],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:00:00 GMT' }, 0],
    [{ 'x-ratelimit-reset': '12' }, 12_000],
    [{ 'x-ratelimit-reset': String(Date.UTC(2026, 0, 1, 0, 0, 30) / 1000) }, 30_000],
    [{ 'retry-after': 'soon', 'x-ratelimit-reset': '3' }, 3_000],
    [{}, undefined],
    [{ 'retry-after': 'soon' }, undefined],
  ])('server delay from %o is %s ms', (headers, expected) => {
    expect(serverRetryDelay(new Headers(headers), Date.UTC(2026, 0, 1))).toBe(expected);
  });
});
