export interface StunRateLimits {
  /** Answers one address may get at once, and per second after that. */
  perAddressBurst: number;
  perAddressPerSecond: number;
  /** Answers the whole responder gives at once, and per second after that. */
  totalBurst: number;
  totalPerSecond: number;
  /** Most addresses remembered; beyond it new addresses are not answered until old ones are forgotten. */
  maxAddresses: number;
}

/**
 * Enough for an office or school behind one NAT (each browser sends a few requests when it joins and one every
 * few seconds to keep its binding), far too little to make the responder useful for reflection attacks: see
 * signaling-server/README.md, "STUN responder".
 */
export const DEFAULT_STUN_LIMITS: StunRateLimits = Object.freeze({
  perAddressBurst: 200,
  perAddressPerSecond: 100,
  totalBurst: 4000,
  totalPerSecond: 2000,
  maxAddresses: 10_000,
});

export interface StunRateLimiter {
  /** Takes one answer from the sender's and from the overall budget; false when either is spent. */
  allow(address: string): boolean;
  /** Addresses remembered now (for tests: memory stays bounded). */
  size(): number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets per sender address plus one overall, in a bounded map, without timers. */
export function createStunRateLimiter(
  now: () => number,
  limits: StunRateLimits = DEFAULT_STUN_LIMITS,
): StunRateLimiter {
  const buckets = new Map<string, Bucket>();
  const total: Bucket = { tokens: limits.totalBurst, at: now() };
  // After this long without a request a sender's bucket is full again: remembering it changes nothing.
  const idleMs = (limits.perAddressBurst / limits.perAddressPerSecond) * 1000;

  const refill = (bucket: Bucket, burst: number, perSecond: number, at: number) => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * perSecond);
    bucket.at = at;
  };

  // The map is kept in order of last request (a request moves its sender to the end), so the idle senders are
  // at its start: forgetting them looks at one entry more than it forgets, never walks the whole table.
  const forgetIdle = (at: number) => {
    for (const [address, bucket] of buckets) {
      if (at - bucket.at < idleMs) return;
      buckets.delete(address);
    }
  };

  return {
    allow(address) {
      const at = now();
      let bucket = buckets.get(address);
      if (!bucket) {
        if (buckets.size >= limits.maxAddresses) forgetIdle(at);
        if (buckets.size >= limits.maxAddresses) return false;
        bucket = { tokens: limits.perAddressBurst, at };
      } else {
        buckets.delete(address);
      }
      buckets.set(address, bucket);
      refill(bucket, limits.perAddressBurst, limits.perAddressPerSecond, at);
      refill(total, limits.totalBurst, limits.totalPerSecond, at);
      if (bucket.tokens < 1 || total.tokens < 1) return false;
      bucket.tokens -= 1;
      total.tokens -= 1;
      return true;
    },
    size: () => buckets.size,
  };
}
