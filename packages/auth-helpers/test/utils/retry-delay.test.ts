// The waits between attempts: full-jitter backoff and the delay a server asks for.
import { describe, expect, it } from 'vitest';
import { defaultRetryOptions } from '../../src/retry-policy.js';
import { backoffDelay, serverRetryDelay } from '../../src/utils/retry-delay.js';

describe('retry delays', () => {
  const options = { ...defaultRetryOptions, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('full jitter: between 0 and the capped exponential ceiling', () => {
    expect(backoffDelay(1, options, () => 0)).toBe(0);
    expect(backoffDelay(1, options, () => 0.999)).toBe(99);
    expect(backoffDelay(3, options, () => 0.5)).toBe(200);
    expect(backoffDelay(10, options, () => 0.999)).toBe(999);
  });

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
