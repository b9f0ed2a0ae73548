import type { WindowLimit } from '../config/Config.js';

export type LimitCheck = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface SlidingWindowLimiter {
  /** Whether one more event for `key` fits in the window (does not record it). */
  check(key: string): LimitCheck;
  /** Records an event for `key`. */
  record(key: string): void;
  /** `check`, and record the event when it is allowed: a reservation, atomic because it is synchronous. */
  hit(key: string): LimitCheck;
  /** Takes back the latest event of `key` (a reservation that turned out not to count, e.g. a good password). */
  release(key: string): void;
}

const SWEEP_EVERY = 1000;

/**
 * In-memory sliding-window counter: at most `max` events per key in any `windowMs`. Keys with no recent
 * event are swept now and then, so memory stays bounded by recent traffic. No timers.
 */
export function createSlidingWindowLimiter(limit: WindowLimit, now: () => number): SlidingWindowLimiter {
  const events = new Map<string, number[]>();
  let operations = 0;

  function recent(key: string, at: number): number[] {
    const list = events.get(key);
    if (!list) return [];
    const cutoff = at - limit.windowMs;
    let first = 0;
    while (first < list.length && list[first]! <= cutoff) first += 1;
    if (first > 0) list.splice(0, first);
    if (list.length === 0) events.delete(key);
    return list;
  }

  function sweep(at: number): void {
    operations += 1;
    if (operations % SWEEP_EVERY !== 0) return;
    for (const key of [...events.keys()]) recent(key, at);
  }

  function check(key: string): LimitCheck {
    const at = now();
    const list = recent(key, at);
    if (list.length < limit.max) return { allowed: true };
    return { allowed: false, retryAfterMs: Math.max(1, list[list.length - limit.max]! + limit.windowMs - at) };
  }

  function record(key: string): void {
    const at = now();
    sweep(at);
    const list = events.get(key);
    if (list) list.push(at);
    else events.set(key, [at]);
    if (list && list.length > limit.max) list.splice(0, list.length - limit.max);
  }

  return {
    check,
    record,
    hit(key) {
      const result = check(key);
      if (result.allowed) record(key);
      return result;
    },
    release(key) {
      const list = events.get(key);
      list?.pop();
      if (list?.length === 0) events.delete(key);
    },
  };
}
