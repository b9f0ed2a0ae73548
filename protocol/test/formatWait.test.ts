import { describe, expect, it } from 'vitest';
import { apiError, formatWait, userMessage } from '../src/index.js';

describe('formatWait', () => {
  it.each([
    [0, '1 second'],
    [1, '1 second'],
    [0.2, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [643, '11 minutes'],
    [3600, '1 hour'],
    [3900, '1 hour and 5 minutes'],
    [7200, '2 hours'],
    [86_400, '1 day'],
    [3 * 86_400 - 5, '3 days'],
    [Number.NaN, '1 second'],
  ])('%s s -> %s', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });
});

describe('waiting times in sentences', () => {
  it('says the real time for RATE_LIMITED and TOO_MANY_MEETINGS', () => {
    expect(userMessage('RATE_LIMITED', 643)).toBe('Too many attempts. Please try again in 11 minutes.');
    expect(apiError('TOO_MANY_MEETINGS', 90)).toEqual({
      code: 'TOO_MANY_MEETINGS',
      message: 'You have created too many meetings in a short time. Please try again in 2 minutes.',
      retryAfterSeconds: 90,
    });
  });

  it('keeps the general sentence without a time, and ignores a time for other codes', () => {
    expect(userMessage('RATE_LIMITED')).toBe('Too many attempts. Please wait a little and try again.');
    expect(apiError('NOT_HOST', 30)).toEqual({ code: 'NOT_HOST', message: userMessage('NOT_HOST') });
  });
});
