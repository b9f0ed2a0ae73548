import { describe, expect, it } from 'vitest';
import { publishersGone } from '../../src/renderer/call/publishersGone.js';

describe('the publishers a VideoRoom event says are gone', () => {
  it('counts a kicked publisher as gone (the server freed its seat), as one that left or stopped publishing', () => {
    expect(publishersGone({ videoroom: 'event', kicked: 'bob' })).toEqual(['bob']);
    expect(publishersGone({ videoroom: 'event', leaving: 'carol' })).toEqual(['carol']);
    expect(publishersGone({ videoroom: 'event', unpublished: 'dan' })).toEqual(['dan']);
  });

  it('names nobody for other news, for news of our own handle (`ok`), or for a field that is not an id', () => {
    expect(publishersGone({ videoroom: 'event', publishers: [{ id: 'eve' }] })).toEqual([]);
    expect(publishersGone({ videoroom: 'event', unpublished: 'ok', leaving: 42 })).toEqual([]);
    expect(publishersGone({ videoroom: 'event', leaving: 'ok', reason: 'kicked' })).toEqual([]);
    expect(publishersGone({ videoroom: 'event', kicked: { id: 'bob' } })).toEqual([]);
  });
});
