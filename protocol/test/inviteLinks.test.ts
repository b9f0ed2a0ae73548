import { describe, expect, it } from 'vitest';
import { buildInviteUrl, normaliseMeetingCode, parseInvite } from '../src/inviteLinks.js';

describe('normaliseMeetingCode', () => {
  it.each([
    ['abc-defg-hij', 'abc-defg-hij'],
    ['ABC-DEFG-HIJ', 'abc-defg-hij'],
    ['abcdefghij', 'abc-defg-hij'],
    [' abc defg hij ', 'abc-defg-hij'],
    ['abc-defg-hi', null],
    ['abc-defg-hij1', null],
    ['', null],
    ['äbc-defg-hij', null],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseMeetingCode(input)).toBe(expected);
  });
});

describe('parseInvite', () => {
  it.each([
    ['abc-defg-hij', { code: 'abc-defg-hij', serverOrigin: null }],
    ['https://meet.example.com/j/abc-defg-hij', { code: 'abc-defg-hij', serverOrigin: 'https://meet.example.com' }],
    ['https://meet.example.com/j/ABCDEFGHIJ/', { code: 'abc-defg-hij', serverOrigin: 'https://meet.example.com' }],
    ['wava://join/abc-defg-hij', { code: 'abc-defg-hij', serverOrigin: null }],
    [
      'wava://join/abc-defg-hij?server=https://meet.example.com/x',
      { code: 'abc-defg-hij', serverOrigin: 'https://meet.example.com' },
    ],
    ['wava://join/abc-defg-hij?server=javascript:alert(1)', null],
    ['wava://join/abc-defg-hij?server=file:///etc/passwd', null],
    ['wava://evil/abc-defg-hij', null],
    ['wava://join/../../etc', null],
    ['https://user:pw@meet.example.com/j/abc-defg-hij', null],
    ['https://meet.example.com/other/abc-defg-hij', null],
    ['javascript:alert(1)', null],
    ['file:///j/abc-defg-hij', null],
    ['x'.repeat(5000), null],
  ])('%j', (input, expected) => {
    expect(parseInvite(input)).toEqual(expected);
  });

  it('builds links it can read back', () => {
    const url = buildInviteUrl('https://meet.example.com', 'abc-defg-hij');
    expect(url).toBe('https://meet.example.com/j/abc-defg-hij');
    expect(parseInvite(url)?.code).toBe('abc-defg-hij');
  });
});
