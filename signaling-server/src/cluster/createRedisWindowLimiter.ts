import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SharedWindowLimiter } from '../auth/SharedLimits.js';
import type { WindowLimit } from '../config/Config.js';

/**
 * ARGV: now (ms, the server's clock), window (ms), max, a unique member. A sorted set of event times per key:
 * events older than the window are dropped, one more is added only if fewer than `max` remain. Returns
 * {1} or {0, retry-after ms}.
 */
const HIT_SCRIPT = `
local now, window, max = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < max then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
  return { 1 }
end
local oldest = redis.call('ZRANGE', KEYS[1], count - max, count - max, 'WITHSCORES')
return { 0, math.max(1, tonumber(oldest[2]) + window - now) }
`;

/**
 * The clock is the server's own (`now`, injectable like everywhere else), passed to Redis with each event, so
 * the limit follows the same time as the rest of the server; servers of one deployment keep their clocks in
 * step (NTP) as they already must for tokens.
 */
export function createRedisWindowLimiter(
  redis: Redis,
  name: string,
  limit: WindowLimit,
  now: () => number,
): SharedWindowLimiter {
  const key = (k: string) => `wava:limit:${name}:${k}`;
  return {
    async hit(k) {
      const member = `${now()}:${randomBytes(6).toString('hex')}`;
      const reply = (await redis.eval(HIT_SCRIPT, 1, key(k), now(), limit.windowMs, limit.max, member)) as number[];
      return reply[0] === 1 ? { allowed: true } : { allowed: false, retryAfterMs: Number(reply[1]) };
    },
    async release(k) {
      // Best effort: a release lost with Redis leaves one event counted, never a rejection nobody awaits.
      await redis.zpopmax(key(k)).catch(() => undefined);
    },
  };
}
