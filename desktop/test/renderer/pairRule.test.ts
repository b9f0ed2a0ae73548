import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placesCameraCall } from '../../src/renderer/call/pairRule.js';

describe('placesCameraCall (the pair rule)', () => {
  it.each([
    ['a', 'b', true],
    ['b', 'a', false],
    ['peer-10', 'peer-9', true],
    ['Zed', 'alice', true],
    ['same', 'same', false],
  ])('%s calling %s: %s', (self, other, expected) => {
    expect(placesCameraCall(self, other)).toBe(expected);
  });

  it('exactly one side of every pair of distinct peers places the call', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        fc.pre(a !== b);
        expect(Number(placesCameraCall(a, b)) + Number(placesCameraCall(b, a))).toBe(1);
      }),
    );
  });
});
