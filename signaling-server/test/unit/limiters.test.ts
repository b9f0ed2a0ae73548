import { describe, expect, it } from 'vitest';
import { createSignInLimiter } from '../../src/auth/createSignInLimiter.js';
import { createSlidingWindowLimiter } from '../../src/auth/createSlidingWindowLimiter.js';
import { createTokenBucket } from '../../src/socket/createTokenBucket.js';
import { createTestClock } from '../support/testClock.js';

describe('createSlidingWindowLimiter', () => {
  it('allows max events per window per key and says when the next one fits', () => {
    const clock = createTestClock(0);
    const limiter = createSlidingWindowLimiter({ max: 3, windowMs: 1000 }, clock.now);
    for (let i = 0; i < 3; i += 1) {
      expect(limiter.hit('a')).toEqual({ allowed: true });
      clock.advance(100);
    }
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterMs: 700 });
    expect(limiter.hit('b')).toEqual({ allowed: true });
    clock.advance(700);
    expect(limiter.hit('a')).toEqual({ allowed: true });
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterMs: 100 });
  });

  it('slides: old events stop counting one by one', () => {
    const clock = createTestClock(0);
    const limiter = createSlidingWindowLimiter({ max: 2, windowMs: 1000 }, clock.now);
    limiter.record('k');
    clock.advance(600);
    limiter.record('k');
    expect(limiter.check('k').allowed).toBe(false);
    clock.advance(401);
    expect(limiter.check('k').allowed).toBe(true);
  });

  it('keeps counting recorded failures beyond the limit without growing without bound', () => {
    const clock = createTestClock(0);
    const limiter = createSlidingWindowLimiter({ max: 2, windowMs: 1000 }, clock.now);
    for (let i = 0; i < 10_000; i += 1) limiter.record('flood');
    expect(limiter.check('flood')).toEqual({ allowed: false, retryAfterMs: 1000 });
  });
});

describe('createSignInLimiter', () => {
  const limits = {
    perUsernameAndIp: { max: 2, windowMs: 1000 },
    perUsername: { max: 3, windowMs: 120_000 },
    pastCeilingPerUsernameAndIp: { max: 1, windowMs: 120_000 },
    perIp: { max: 100, windowMs: 1000 },
    knownAddressMs: 60_000,
    knownAddressesMax: 2,
  };

  it('reserves before the check finishes: the reservations in flight count', () => {
    const limiter = createSignInLimiter(limits, createTestClock(0).now);
    const first = limiter.reserve('ada', 'a');
    const second = limiter.reserve('ada', 'a');
    expect([first.allowed, second.allowed, limiter.reserve('ada', 'a').allowed]).toEqual([true, true, false]);
    // A good password takes its reservation back.
    if (first.allowed) first.succeeded();
    expect(limiter.reserve('ada', 'a').allowed).toBe(true);
  });

  it('forgets the oldest known addresses beyond its bound', () => {
    const clock = createTestClock(0);
    const limiter = createSignInLimiter(limits, clock.now);
    for (const ip of ['a', 'b', 'c']) {
      const attempt = limiter.reserve('ada', ip);
      if (attempt.allowed) attempt.succeeded();
    }
    // Three failures from strangers reach the per-username ceiling; past it a stranger gets one attempt.
    const pastCeiling = (ip: string) => [limiter.reserve('ada', ip).allowed, limiter.reserve('ada', ip).allowed];
    for (const ip of ['x', 'y', 'z']) expect(limiter.reserve('ada', ip).allowed).toBe(true);
    expect(pastCeiling('w')).toEqual([true, false]);
    // 'b' and 'c' are still known and exempt; 'a' was forgotten (only two are kept).
    expect(limiter.reserve('ada', 'b').allowed).toBe(true);
    expect(limiter.reserve('ada', 'c').allowed).toBe(true);
    expect(pastCeiling('a')).toEqual([true, false]);
    // Known addresses expire.
    clock.advance(60_001);
    expect(pastCeiling('b')).toEqual([true, false]);
  });
});

describe('createTokenBucket', () => {
  it('allows a burst, then refills at the given rate', () => {
    const clock = createTestClock(0);
    const bucket = createTokenBucket(3, 2, clock.now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    clock.advance(500);
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    clock.advance(10_000);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});
