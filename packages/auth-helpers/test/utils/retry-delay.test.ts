// The waits between attempts: full-jitter backoff.
import { describe, expect, it } from 'vitest';
import { defaultRetryOptions } from '../../src/retry-policy.js';
import { backoffDelay } from '../../src/utils/retry-delay.js';

describe('retry delays', () => {
  const options = { ...defaultRetryOptions, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('full jitter: between 0 and the capped exponential ceiling', () => {
    expect(backoffDelay(1, options, () => 0)).toBe(0);
    expect(backoffDelay(1, options, () => 0.999)).toBe(99);
    expect(backoffDelay(3, options, () => 0.5)).toBe(200);
    expect(backoffDelay(10, options, () => 0.999)).toBe(999);
  });
});
