// How long a portal (or the rate limiter in front of it) asks a caller to wait: read once, here, for the error
// mapping (`retryAfterMs` of `rate_limited`) and for the retry loop of @docspace/auth-helpers.

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
