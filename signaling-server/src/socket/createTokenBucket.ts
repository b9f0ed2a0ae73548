export interface TokenBucket {
  /** Takes one token; false when the bucket is empty (the event is over the rate limit). */
  take(): boolean;
}

/** A token bucket: up to `capacity` events at once, refilled at `perSecond`. */
export function createTokenBucket(capacity: number, perSecond: number, now: () => number): TokenBucket {
  let tokens = capacity;
  let last = now();
  return {
    take() {
      const at = now();
      tokens = Math.min(capacity, tokens + ((at - last) / 1000) * perSecond);
      last = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
