import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/config/parseDuration.js';

describe('parseDuration', () => {
  it.each([
    ['900', 900_000],
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['30d', 2_592_000_000],
    ['500ms', 500],
    [' 2H ', 7_200_000],
  ])('reads %j as %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '-5m', '1.5h', '10 minutes', '1e3', '99999999999999999999d'])('refuses %j', (text) =>
    expect(parseDuration(text)).toBeNull(),
  );
});
