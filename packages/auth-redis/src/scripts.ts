// The Lua scripts: each runs atomically on the server, so no other client sees half of it.
import { createHash } from 'node:crypto';

export interface Script {
  source: string;
  sha: string;
}

const script = (source: string): Script => ({ source, sha: createHash('sha1').update(source).digest('hex') });

/**
 * The lease: `SET NX PX`, then a fencing token from `INCR` on the subject's counter.
 * KEYS: lease, fence. ARGV: owner, lease ms, fence counter ttl ms. Returns `{1, fence}` or `{0, holder}`.
 */
export const ACQUIRE = script(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local fence = redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  redis.call('SET', KEYS[1], ARGV[1] .. ':' .. fence, 'PX', ARGV[2])
  return {1, tostring(fence)}
end
return {0, redis.call('GET', KEYS[1]) or ''}
`);

/** Compare-and-extend. KEYS: lease. ARGV: holder value, lease ms. Returns 1 when still held. */
export const EXTEND = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`);

/**
 * Compare-and-delete, then the outcome for late waiters and the message for the others.
 * KEYS: lease, outcome. ARGV: holder value, outcome JSON, outcome ttl ms, channel, message. Returns 1 when it was held.
 */
export const RELEASE = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
  redis.call('PUBLISH', ARGV[4], ARGV[5])
  return 1
end
return 0
`);

/**
 * A session write fenced by the lease it was obtained under: refused once a later lease was granted.
 * KEYS: session, fence. ARGV: value, ttl ms, fence. Returns 1 when written.
 */
export const FENCED_SET = script(`
local current = redis.call('GET', KEYS[2])
if current and tonumber(current) > tonumber(ARGV[3]) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`);
