import type { Redis } from 'ioredis';
import type { SignInLimits } from '../auth/createSignInLimiter.js';
import type { SharedSignInLimiter } from '../auth/SharedLimits.js';
import { createRedisWindowLimiter } from './createRedisWindowLimiter.js';

/**
 * Same rules as createSignInLimiter (per username and address, per username for unknown addresses and past
 * that a few per unknown address, per address), each window in Redis, so guesses spread over several servers meet one limit; addresses that signed
 * in lately are remembered in Redis too (a key per pair, expiring).
 */
export function createRedisSignInLimiter(redis: Redis, limits: SignInLimits, now: () => number): SharedSignInLimiter {
  const perPair = createRedisWindowLimiter(redis, 'login-pair', limits.perUsernameAndIp, now);
  const perUsername = createRedisWindowLimiter(redis, 'login-user', limits.perUsername, now);
  const perIp = createRedisWindowLimiter(redis, 'login-ip', limits.perIp, now);
  const pastCeiling = createRedisWindowLimiter(redis, 'login-past-ceiling', limits.pastCeilingPerUsernameAndIp, now);
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
      let counted: 'known' | 'username' | 'past-ceiling' = 'known';
      if (limits.knownAddressMs === 0 || (await redis.exists(knownKey(pair))) === 0) {
        counted = (await perUsername.hit(username)).allowed ? 'username' : 'past-ceiling';
        if (counted === 'past-ceiling') {
          const byPairPastCeiling = await pastCeiling.hit(pair);
          if (!byPairPastCeiling.allowed) {
            quietly(perIp.release(ip));
            quietly(perPair.release(pair));
            return byPairPastCeiling;
          }
        }
      }
      return {
        allowed: true,
        succeeded() {
          quietly(perIp.release(ip));
          quietly(perPair.release(pair));
          if (counted === 'username') quietly(perUsername.release(username));
          if (counted === 'past-ceiling') quietly(pastCeiling.release(pair));
          if (limits.knownAddressMs > 0) quietly(redis.set(knownKey(pair), '1', 'PX', limits.knownAddressMs));
        },
      };
    },
  };
}
