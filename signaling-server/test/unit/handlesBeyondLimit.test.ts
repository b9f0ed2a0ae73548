import { describe, expect, it } from 'vitest';
import type { ClientHandle } from '../../src/sfu/listClientHandles.js';
import { handlesBeyondLimit } from '../../src/sfu/handlesBeyondLimit.js';

const handle = (token: string | null, handleId: number, joined?: 'publisher' | 'subscriber'): ClientHandle => ({
  sessionId: 1,
  handleId,
  token,
  room: joined ? 'wava-room' : null,
  type: joined ?? null,
  participantId: joined === 'publisher' ? 'peer' : null,
});

describe('handlesBeyondLimit', () => {
  it.each([
    ['nobody over the limit', [handle('a', 1), handle('a', 2), handle('b', 3)], 2, []],
    [
      'the Wava servers’ own handles (no token) never count',
      [handle(null, 1), handle(null, 2), handle(null, 3)],
      1,
      [],
    ],
    ['the unjoined extras of one token, lowest ids kept', [handle('a', 3), handle('a', 1), handle('a', 2)], 2, [3]],
    [
      'handles in a room kept first: publisher, then subscriber',
      [handle('a', 1), handle('a', 2), handle('a', 9, 'subscriber'), handle('a', 8, 'publisher')],
      2,
      [1, 2],
    ],
    ['each token counted on its own', [handle('a', 1), handle('a', 2), handle('b', 3), handle('b', 4)], 1, [2, 4]],
  ])('%s', (_name, handles, limit, beyond) => {
    expect(handlesBeyondLimit(handles, limit).map((h) => h.handleId)).toEqual(beyond);
  });
});
