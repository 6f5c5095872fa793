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

/**
 * The wait the server asks for, in ms: `Retry-After` (delta seconds or an HTTP date) first, then
 * `X-RateLimit-Reset` (delta seconds; a value that can only be a Unix time is read as one). `undefined` when
 * neither is usable. Never negative; not clamped.
 */
export function serverRetryDelay(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const seconds = Number(reset);
    // DocSpace documents a delta; some rate limiters send the window's end as Unix seconds instead.
    return seconds > 1_000_000_000 ? Math.max(0, seconds * 1000 - now) : seconds * 1000;
  }
  return undefined;
}
