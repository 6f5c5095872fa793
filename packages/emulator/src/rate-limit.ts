import type { EmulatorClock } from './clock.js';

/** The optional request rate limiter: at most `limit` requests per client IP in a sliding `windowMs`. */
export interface RateLimitOptions {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in ms. */
  windowMs: number;
}

/** The limiter's verdict and the values of its headers. */
export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window frees a slot (a delta, not a Unix time). */
  resetSeconds: number;
}

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly options: RateLimitOptions,
  ) {}

  take(key: string): RateLimitVerdict {
    const now = this.clock.now();
    const { limit, windowMs } = this.options;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
    const allowed = recent.length < limit;
    if (allowed) recent.push(now);
    this.hits.set(key, recent);
    const oldest = recent[0] ?? now;
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - recent.length),
      resetSeconds: Math.max(0, Math.ceil((oldest + windowMs - now) / 1000)),
    };
  }

  clear(): void {
    this.hits.clear();
  }
}

/** The `X-RateLimit-*` headers of a verdict. */
export function rateLimitHeaders(verdict: RateLimitVerdict): Record<string, string> {
  return {
    'x-ratelimit-limit': String(verdict.limit),
    'x-ratelimit-remaining': String(verdict.remaining),
    'x-ratelimit-reset': String(verdict.resetSeconds),
  };
}
