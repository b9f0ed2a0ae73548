import { describe, expect, it } from 'vitest';
import { parsePeerUpgrade } from '../../src/peer/parsePeerUpgrade.js';

const parse = (query: string) => {
  const raw = `/peerjs/peerjs?${query}`;
  return parsePeerUpgrade(new URL(raw, 'http://localhost'), raw);
};

describe('parsePeerUpgrade: exactly one key, id and token, nothing else', () => {
  it.each([
    ['key=k&id=i&token=t', { key: 'k', id: 'i', token: 't' }],
    ['token=t&id=i&key=k&version=1.5.5', { key: 'k', id: 'i', token: 't' }],
  ])('accepts %s', (query, expected) => {
    expect(parse(query)).toEqual(expected);
  });

  it.each([
    ['a second id (the hijack)', 'key=k&id=mine&token=t&id=victim&token=x'],
    ['a second token', 'key=k&id=i&token=t&token=u'],
    ['a second key', 'key=k&key=k&id=i&token=t'],
    ['a second version', 'key=k&id=i&token=t&version=1&version=2'],
    ['no token', 'key=k&id=i'],
    ['no id', 'key=k&token=t'],
    ['an empty id', 'key=k&id=&token=t'],
    ['an unknown parameter', 'key=k&id=i&token=t&debug=1'],
    ['a parameter differing only in case', 'key=k&id=i&token=t&ID=victim'],
    ['an oversized token', `key=k&id=i&token=${'t'.repeat(601)}`],
    ['an oversized id', `key=k&id=${'i'.repeat(65)}&token=t`],
    ['an oversized URL', `key=k&id=i&token=t&version=1${'&'.repeat(2100)}`],
  ])('refuses %s', (_what, query) => {
    expect(parse(query)).toBeNull();
  });
});
