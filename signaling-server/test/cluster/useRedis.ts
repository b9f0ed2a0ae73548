import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { redisUrl } from '../support/twoServers.js';

/**
 * A connection to the run's Redis, opened before the tests of the file (or describe block) that calls this and
 * closed after them. Read it inside tests and hooks: `redis()`.
 */
export function useRedis(): () => Redis {
  let redis: Redis | undefined;
  beforeAll(() => {
    redis = new Redis(redisUrl());
  });
  afterAll(async () => {
    await redis?.quit();
  });
  return () => {
    if (!redis) throw new Error('Redis is not connected yet: read it inside a test or hook');
    return redis;
  };
}
