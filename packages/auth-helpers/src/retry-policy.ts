// Retry policy: which failures deserve another attempt. The loop is transport.ts; the waits are utils/retry-delay.ts.
import { networkErrorCode } from './utils/network-error-code.js';

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

/** Whether a failed fetch (no answer at all) is worth another attempt. */
export function shouldRetryNetworkError(method: string, error: unknown): boolean {
  if (IDEMPOTENT.has(method)) return true;
  const code = networkErrorCode(error);
  return code !== undefined && UNSENT_ERROR_CODES.has(code);
}
