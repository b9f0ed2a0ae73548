import { describe, expect, it } from 'vitest';
import { createBackoffPolicy } from '../../src/renderer/call/reconnectPolicy.js';

describe('createBackoffPolicy', () => {
  const policy = createBackoffPolicy();

  it.each([
    [1, 500],
    [2, 1_000],
    [3, 2_000],
    [4, 4_000],
    [6, 16_000],
    [7, 30_000],
    [50, 30_000],
  ])('retry %i waits %i ms by default (doubling, capped at 30 s)', (attempt, delay) => {
    expect(policy.nextDelayMs(attempt)).toBe(delay);
  });

  it.each([0, -1, 1.5, Number.NaN])('attempt %s is not a retry', (attempt) => {
    expect(policy.nextDelayMs(attempt)).toBeNull();
  });

  it('stops after maxAttempts when one is given', () => {
    const limited = createBackoffPolicy({ initialMs: 100, factor: 3, maxMs: 1_000, maxAttempts: 3 });
    expect([1, 2, 3, 4].map((n) => limited.nextDelayMs(n))).toEqual([100, 300, 900, null]);
  });
});
