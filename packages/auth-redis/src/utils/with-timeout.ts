/** Raised when Redis did not answer in time. */
export class RedisTimeoutError extends Error {
  override readonly name = 'RedisTimeoutError';
}

/**
 * `promise`, or a {@link RedisTimeoutError} after `ms`. A Redis client may queue a command while it reconnects;
 * the caller must not wait for that.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(`Redis did not answer ${what} within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined); // a late failure of an abandoned command is nobody's
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
