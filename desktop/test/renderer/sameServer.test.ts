import { describe, expect, it } from 'vitest';
import { joinTargetOf } from '../../src/renderer/features/home/joinTarget.js';
import { sameServer } from '../../src/renderer/util/sameServer.js';

describe('sameServer', () => {
  it.each<[string, string, boolean]>([
    ['http://localhost:3000', 'http://127.0.0.1:3000', true],
    ['http://127.0.0.1:3000/', 'http://[::1]:3000', true],
    ['https://meet.example.com', 'https://meet.example.com:443', true],
    ['http://localhost:3000', 'http://localhost:3001', false],
    ['http://localhost:3000', 'https://localhost:3000', false],
    ['https://meet.example.com', 'https://other.example.com', false],
    ['not a url', 'not a url', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(sameServer(a, b)).toBe(same);
    expect(sameServer(b, a)).toBe(same);
  });

  it('lets an invite link for 127.0.0.1 be joined from a client using localhost', () => {
    expect(joinTargetOf('http://127.0.0.1:3000/j/abc-defg-hij', 'http://localhost:3000')).toEqual({
      ok: true,
      code: 'abc-defg-hij',
    });
  });
});
