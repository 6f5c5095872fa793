// Retry timing: how long to wait before another attempt. Which answers deserve one is the policy (retry-policy.ts).
import type { RetryOptions } from '../retry-policy.js';

/**
 * Full-jitter exponential backoff: a random wait between 0 and `min(maxDelayMs, baseDelayMs * 2^(retry-1))`.
 * `retry` counts from 1.
 */
export function backoffDelay(retry: number, options: RetryOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
