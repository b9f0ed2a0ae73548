export interface TokenBucket {
  /** Takes `cost` tokens (default one); false when there are not enough (the event is over the rate limit). */
  take(cost?: number): boolean;
}

/** A token bucket: up to `capacity` at once, refilled at `perSecond`. */
export function createTokenBucket(capacity: number, perSecond: number, now: () => number): TokenBucket {
  let tokens = capacity;
  let last = now();
  return {
    take(cost = 1) {
      const at = now();
      tokens = Math.min(capacity, tokens + (Math.max(0, at - last) / 1000) * perSecond);
      last = at;
      if (tokens < cost) return false;
      tokens -= cost;
      return true;
    },
  };
}
