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
    /** Client addresses remembered; past it, addresses whose window is empty go first, then the oldest. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Number of client addresses held (for memory checks). */
  get size(): number {
    return this.hits.size;
  }

  take(key: string): RateLimitVerdict {
    const now = this.clock.now();
    const { limit, windowMs } = this.options;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
    const allowed = recent.length < limit;
    if (allowed) recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.prune(now);
    const oldest = recent[0] ?? now;
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - recent.length),
      resetSeconds: Math.max(0, Math.ceil((oldest + windowMs - now) / 1000)),
    };
  }

  private prune(now: number): void {
    const since = now - this.options.windowMs;
    for (const [key, times] of this.hits) if ((times.at(-1) ?? 0) <= since) this.hits.delete(key);
    const keep = Math.floor(this.maxKeys * 0.9);
    for (const key of this.hits.keys()) {
      if (this.hits.size <= keep) break;
      this.hits.delete(key);
    }
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
