import { describe, expect, it } from 'vitest';
import { iceRefreshDelay } from '../../src/renderer/call/iceRefresh.js';
import { levelFromRms } from '../../src/renderer/call/micLevelMeter.js';

describe('iceRefreshDelay', () => {
  const now = 1_000_000;
  it.each([
    ['credentials that never expire', null, null],
    ['an hour left: one minute early', now + 3_600_000, 3_540_000],
    ['two minutes left: 80 % of the way', now + 120_000, 96_000],
    ['already expired: at once (after a second)', now - 5_000, 1_000],
  ])('%s', (_name, expiresAt, delay) => {
    expect(iceRefreshDelay(expiresAt, now)).toBe(delay);
  });
});

describe('levelFromRms', () => {
  it.each([
    [0, 0],
    [Number.NaN, 0],
    [0.001, 0],
    [0.0001, 0],
    [0.01, 0.33],
    [0.1, 0.67],
    [1, 1],
    [2, 1],
  ])('rms %s reads %s', (rms, level) => {
    expect(levelFromRms(rms)).toBeCloseTo(level, 2);
  });
});
