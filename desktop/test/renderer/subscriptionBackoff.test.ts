import { describe, expect, it } from 'vitest';
import { SUBSCRIPTION_BACKOFF } from '../../src/renderer/call/sfuMedia.js';

describe('how long a failed SFU subscription waits before it is asked for again', () => {
  it('waits 1 s after one failure, twice as long after each next one, and never more than 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((attempt) => SUBSCRIPTION_BACKOFF.nextDelayMs(attempt))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });
});
