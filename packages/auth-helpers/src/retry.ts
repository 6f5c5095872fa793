/** Retry options of `createDocSpaceAuth({ retry })`. */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 3; 1 turns retrying off. */
  maxAttempts: number;
  /** Base of the exponential backoff. Default 300 ms. */
  baseDelayMs: number;
  /** Cap of one backoff wait. Default 20 000 ms. */
  maxDelayMs: number;
  /**
   * Cap of a wait the portal asks for with `Retry-After` or `X-RateLimit-Reset`. A longer request is clamped
   * to this value. Default 60 000 ms.
   */
  maxRetryAfterMs: number;
}

export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 3,
  baseDelayMs: 300,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
};

/** Methods that may be repeated without changing the outcome. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Statuses worth another try of an idempotent request. */
const RETRY_STATUS_IDEMPOTENT = new Set([408, 429, 502, 503, 504]);
/** Statuses that prove the server did not process a request, so even a POST (a sign-in) may be repeated. */
const RETRY_STATUS_UNPROCESSED = new Set([429, 503]);
/** Connection errors that happen before the request reached the server. */
const UNSENT_ERROR_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Whether an answer with this status is worth another attempt. */
export function shouldRetryStatus(method: string, status: number): boolean {
  return IDEMPOTENT.has(method) ? RETRY_STATUS_IDEMPOTENT.has(status) : RETRY_STATUS_UNPROCESSED.has(status);
}

/** The system error code behind a fetch failure (`TypeError: fetch failed` wraps it in `cause`), if any. */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether a failed fetch (no answer at all) is worth another attempt. */
export function shouldRetryNetworkError(method: string, error: unknown): boolean {
  if (IDEMPOTENT.has(method)) return true;
  const code = networkErrorCode(error);
  return code !== undefined && UNSENT_ERROR_CODES.has(code);
}

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
