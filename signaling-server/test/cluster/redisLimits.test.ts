import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisWindowLimiter } from '../../src/cluster/createRedisWindowLimiter.js';
import { createTestClock } from '../support/testClock.js';
import { redisUrl } from '../support/twoServers.js';

/**
 * The limits several servers share (Redis). They must keep the single server's semantics (a sliding window,
 * createSlidingWindowLimiter) and hold under concurrency; docs/deploy/README.md says why these properties ruled
 * out a fixed-window library.
 */
let one: Redis;
let two: Redis;
beforeAll(() => {
  [one, two] = [new Redis(redisUrl()), new Redis(redisUrl())];
});
afterAll(async () => {
  await Promise.all([one.quit(), two.quit()]);
});
const name = () => `test-${randomBytes(6).toString('hex')}`;

describe('a window limit shared through Redis', () => {
  it('slides: attempts at the edge of a window get no fresh budget, and retry-after says when one fits', async () => {
    const clock = createTestClock(1_000_000);
    const limiter = createRedisWindowLimiter(one, name(), { max: 3, windowMs: 1000 }, clock.now);
    expect(await limiter.hit('k')).toEqual({ allowed: true });
    clock.advance(990);
    expect([(await limiter.hit('k')).allowed, (await limiter.hit('k')).allowed]).toEqual([true, true]);
    expect(await limiter.hit('k')).toEqual({ allowed: false, retryAfterMs: 10 });
    // A fixed window would start afresh here and allow three more within a few milliseconds; one fits.
    clock.advance(11);
    expect(await limiter.hit('k')).toEqual({ allowed: true });
    expect(await limiter.hit('k')).toEqual({ allowed: false, retryAfterMs: 989 });
  });

  it('lets exactly max through when two servers hit it at once, and takes back a released event', async () => {
    const clock = createTestClock(2_000_000);
    const limit = { max: 7, windowMs: 60_000 };
    const shared = name();
    const [here, there] = [
      createRedisWindowLimiter(one, shared, limit, clock.now),
      createRedisWindowLimiter(two, shared, limit, clock.now),
    ];
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? here : there).hit('victim')));
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(7);
    await there.release('victim');
    expect((await here.hit('victim')).allowed).toBe(true);
    expect((await there.hit('victim')).allowed).toBe(false);
  });
});
