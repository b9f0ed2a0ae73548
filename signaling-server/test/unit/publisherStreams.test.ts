import { describe, expect, it } from 'vitest';
import { publisherStreams } from '../../src/sfu/publisherStreams.js';

describe('publisherStreams (what moderation stops, by kind)', () => {
  it('reads microphone, camera and screen from a VideoRoom publishers list', () => {
    const streams = publisherStreams([
      {
        id: 'ben',
        streams: [
          { type: 'audio', mid: '0' },
          { type: 'video', mid: '1', description: 'camera', moderated: true },
          { type: 'video', mid: '2', description: 'screen' },
          { type: 'data', mid: '3' },
          { type: 'video', mid: '4', disabled: true },
        ],
      },
      { id: 'cat', streams: [{ type: 'video', mid: 'v' }] },
    ]);
    expect(Object.fromEntries(streams)).toEqual({
      ben: [
        { mid: '0', kind: 'audio', moderated: false },
        { mid: '1', kind: 'camera', moderated: true },
        { mid: '2', kind: 'screen', moderated: false },
      ],
      // A video nobody described is a camera: stopping cameras stops it.
      cat: [{ mid: 'v', kind: 'camera', moderated: false }],
    });
  });

  it('ignores what is not a publishers list', () => {
    for (const junk of [undefined, null, 'x', {}, [null, 1, { id: 2 }, { id: 'a', streams: 'no' }]]) {
      expect(publisherStreams(junk).size).toBe(0);
    }
  });
});
