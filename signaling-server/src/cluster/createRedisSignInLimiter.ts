import type { Redis } from 'ioredis';
import type { SignInLimits } from '../auth/createSignInLimiter.js';
import type { SharedSignInLimiter } from '../auth/SharedLimits.js';
import { createRedisWindowLimiter } from './createRedisWindowLimiter.js';

/**
 * Same rules as createSignInLimiter (per username and address, per username for unknown addresses, per
 * address), each window in Redis, so guesses spread over several servers meet one limit; addresses that signed
 * in lately are remembered in Redis too (a key per pair, expiring).
 */
export function createRedisSignInLimiter(redis: Redis, limits: SignInLimits, now: () => number): SharedSignInLimiter {
  const perPair = createRedisWindowLimiter(redis, 'login-pair', limits.perUsernameAndIp, now);
  const perUsername = createRedisWindowLimiter(redis, 'login-user', limits.perUsername, now);
  const perIp = createRedisWindowLimiter(redis, 'login-ip', limits.perIp, now);
  const knownKey = (pair: string) => `wava:limit:login-known:${pair}`;
  const quietly = (work: Promise<unknown>) => void work.catch(() => undefined);

  return {
    async reserve(username, ip) {
      const pair = `${username}\u0000${ip}`;
      const byIp = await perIp.hit(ip);
      if (!byIp.allowed) return byIp;
      const byPair = await perPair.hit(pair);
      if (!byPair.allowed) {
        quietly(perIp.release(ip));
        return byPair;
      }
      const countsForUsername = limits.knownAddressMs === 0 || (await redis.exists(knownKey(pair))) === 0;
      if (countsForUsername) {
        const byName = await perUsername.hit(username);
        if (!byName.allowed) {
          quietly(perIp.release(ip));
          quietly(perPair.release(pair));
          return byName;
        }
      }
      return {
        allowed: true,
        succeeded() {
          quietly(perIp.release(ip));
          quietly(perPair.release(pair));
          if (countsForUsername) quietly(perUsername.release(username));
          if (limits.knownAddressMs > 0) quietly(redis.set(knownKey(pair), '1', 'PX', limits.knownAddressMs));
        },
      };
    },
  };
}
