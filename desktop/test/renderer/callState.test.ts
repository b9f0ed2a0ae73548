import type { Meeting, Participant } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { isHost, screenPresenter } from '../../src/renderer/call/callSelectors.js';
import { callReducer, INITIAL_CALL_STATE, type CallAction, type CallState } from '../../src/renderer/call/callState.js';

const meeting: Meeting = {
  code: 'abc-defg-hij',
  title: 'Standup',
  hostId: 'u1',
  hostDisplayName: 'Ada',
  createdAt: '2026-01-01T10:00:00.000Z',
  endedAt: null,
  inviteUrl: 'https://meet.example.com/j/abc-defg-hij',
};

function person(
  peerId: string,
  name: string,
  joinedAt: string,
  media = { audio: true, video: true, screen: false },
): Participant {
  return { peerId, userId: `user-${peerId}`, displayName: name, media, joinedAt, role: 'participant' };
}

const self = person('p-self', 'Ada', '2026-01-01T10:00:00.000Z');
const bob = person('p-bob', 'Bob', '2026-01-01T10:01:00.000Z');
const cy = person('p-cy', 'Cy', '2026-01-01T10:02:00.000Z');

const run = (actions: CallAction[], from: CallState = INITIAL_CALL_STATE) => actions.reduce(callReducer, from);
const joined = run([
  { type: 'join-started', local: { audio: true, video: false, screen: false } },
  { type: 'joined', meeting, self, participants: [cy, bob] },
]);
const peers = (state: CallState) => state.remotes.map((tile) => tile.peerId);

describe('callReducer', () => {
  it('join-started resets to joining with the chosen media', () => {
    const state = run([{ type: 'join-started', local: { audio: false, video: true, screen: false } }], joined);
    expect(state.phase).toBe('joining');
    expect(state.remotes).toEqual([]);
    expect(state.local).toEqual({ audio: false, video: true, screen: false });
  });

  it('joined: tiles for everyone else, in join order, all connecting', () => {
    expect(joined.phase).toBe('in-meeting');
    expect(joined.signaling).toBe('connected');
    expect(peers(joined)).toEqual(['p-bob', 'p-cy']);
    expect(joined.remotes.every((tile) => tile.connection === 'connecting' && tile.cameraStreamId === null)).toBe(true);
  });

  it('joined never makes a tile for ourselves, even if the server lists us', () => {
    const state = run([{ type: 'joined', meeting, self, participants: [self, bob] }]);
    expect(peers(state)).toEqual(['p-bob']);
  });

  const table: Array<[string, CallAction[], (state: CallState) => void]> = [
    [
      'participant-joined adds a tile in join order',
      [{ type: 'participant-joined', participant: person('p-al', 'Al', '2026-01-01T10:01:30.000Z') }],
      (s) => expect(peers(s)).toEqual(['p-bob', 'p-al', 'p-cy']),
    ],
    [
      'participant-joined for someone already shown updates them instead of duplicating',
      [{ type: 'participant-joined', participant: { ...bob, displayName: 'Robert' } }],
      (s) => {
        expect(peers(s)).toEqual(['p-bob', 'p-cy']);
        expect(s.remotes[0]?.displayName).toBe('Robert');
      },
    ],
    [
      'participant-joined for ourselves is ignored',
      [{ type: 'participant-joined', participant: self }],
      (s) => expect(peers(s)).toEqual(['p-bob', 'p-cy']),
    ],
    [
      'participant-updated changes their microphone and camera state',
      [{ type: 'participant-updated', participant: { ...bob, media: { audio: false, video: false, screen: true } } }],
      (s) => expect(s.remotes[0]?.media).toEqual({ audio: false, video: false, screen: true }),
    ],
    [
      'participant-updated for ourselves updates self',
      [{ type: 'participant-updated', participant: { ...self, displayName: 'Ada L.' } }],
      (s) => expect(s.self?.displayName).toBe('Ada L.'),
    ],
    [
      'participant-left removes the tile',
      [{ type: 'participant-left', peerId: 'p-bob' }],
      (s) => expect(peers(s)).toEqual(['p-cy']),
    ],
    [
      'connection-changed shows the state and why media failed on that tile only',
      [
        {
          type: 'connection-changed',
          peerId: 'p-cy',
          connection: 'failed',
          mediaFailure: 'ice-failed',
        },
      ],
      (s) => {
        expect(s.remotes[1]).toMatchObject({ connection: 'failed', mediaFailure: 'ice-failed' });
        expect(s.remotes[0]).toMatchObject({ connection: 'connecting', mediaFailure: null });
      },
    ],
    [
      'stream-changed records camera and screen streams separately',
      [
        { type: 'stream-changed', peerId: 'p-bob', kind: 'camera', streamId: 'cam-1' },
        { type: 'stream-changed', peerId: 'p-bob', kind: 'screen', streamId: 'scr-1' },
        { type: 'stream-changed', peerId: 'p-bob', kind: 'camera', streamId: null },
      ],
      (s) => expect(s.remotes[0]).toMatchObject({ cameraStreamId: null, screenStreamId: 'scr-1' }),
    ],
    [
      'calls-restarted: every tile connecting again, without streams or a media sentence',
      [
        { type: 'stream-changed', peerId: 'p-bob', kind: 'camera', streamId: 'cam-1' },
        { type: 'stream-changed', peerId: 'p-bob', kind: 'screen', streamId: 'scr-1' },
        { type: 'connection-changed', peerId: 'p-bob', connection: 'connected', mediaFailure: null },
        {
          type: 'connection-changed',
          peerId: 'p-cy',
          connection: 'failed',
          mediaFailure: 'ice-failed',
        },
        { type: 'calls-restarted' },
      ],
      (s) => {
        expect(peers(s)).toEqual(['p-bob', 'p-cy']);
        for (const tile of s.remotes) {
          expect(tile).toMatchObject({
            connection: 'connecting',
            mediaFailure: null,
            cameraStreamId: null,
            screenStreamId: null,
          });
        }
      },
    ],
    [
      'local-changed merges our own media state',
      [{ type: 'local-changed', local: { screen: true } }],
      (s) => expect(s.local).toEqual({ audio: true, video: false, screen: true }),
    ],
    [
      'signaling-changed',
      [{ type: 'signaling-changed', signaling: 'reconnecting' }],
      (s) => expect(s.signaling).toBe('reconnecting'),
    ],
    [
      'error keeps the problem as a code (its sentence is written at render)',
      [{ type: 'error', problem: { type: 'share', problem: 'failed' } }],
      (s) => expect(s.error).toEqual({ type: 'share', problem: 'failed' }),
    ],
    [
      'left clears the tiles and stops our share',
      [{ type: 'local-changed', local: { screen: true } }, { type: 'left' }],
      (s) => expect([s.phase, s.remotes.length, s.local.screen, s.error]).toEqual(['left', 0, false, null]),
    ],
    [
      'ended keeps the reason',
      [{ type: 'ended', problem: { type: 'removed', by: 'Mina' } }],
      (s) => expect([s.phase, s.remotes.length, s.error]).toEqual(['ended', 0, { type: 'removed', by: 'Mina' }]),
    ],
    [
      'failed keeps the reason',
      [{ type: 'failed', problem: { type: 'server', code: 'MEETING_FULL' } }],
      (s) => expect([s.phase, s.error]).toEqual(['failed', { type: 'server', code: 'MEETING_FULL' }]),
    ],
    [
      'signed-out clears the tiles and keeps the reason',
      [
        { type: 'local-changed', local: { screen: true } },
        { type: 'signed-out', problem: { type: 'server', code: 'TOKEN_INVALID' } },
      ],
      (s) =>
        expect([s.phase, s.remotes.length, s.local.screen, s.error]).toEqual([
          'signed-out',
          0,
          false,
          { type: 'server', code: 'TOKEN_INVALID' },
        ]),
    ],
  ];

  it.each(table)('%s', (_name, actions, check) => check(run(actions, joined)));

  it.each<[string, CallAction]>([
    [
      'an unknown participant updated',
      { type: 'participant-updated', participant: person('p-x', 'X', '2026-01-01T11:00:00.000Z') },
    ],
    ['an unknown participant left', { type: 'participant-left', peerId: 'p-x' }],
    [
      'an unchanged connection state',
      { type: 'connection-changed', peerId: 'p-bob', connection: 'connecting', mediaFailure: null },
    ],
    ['an unchanged stream', { type: 'stream-changed', peerId: 'p-bob', kind: 'camera', streamId: null }],
    ['the same signaling state', { type: 'signaling-changed', signaling: 'connected' }],
    ['the same error', { type: 'error', problem: null }],
  ])('returns the very same state for %s (no re-render)', (_name, action) => {
    expect(callReducer(joined, action)).toBe(joined);
  });

  it('an equal problem again (a repeated refusal) returns the very same state', () => {
    const refused = callReducer(joined, { type: 'error', problem: { type: 'server', code: 'UNMUTE_HOSTS_ONLY' } });
    expect(callReducer(refused, { type: 'error', problem: { type: 'server', code: 'UNMUTE_HOSTS_ONLY' } })).toBe(
      refused,
    );
  });

  describe('resumed (after a server restart)', () => {
    const live = run(
      [{ type: 'connection-changed', peerId: 'p-bob', connection: 'connected', mediaFailure: null }],
      joined,
    );
    const dee = person('p-dee', 'Dee', '2026-01-01T10:03:00.000Z');

    it('keeps listed participants with their connection, drops the unlisted, adds the new', () => {
      const state = callReducer(live, { type: 'resumed', self, participants: [bob, dee], keep: [] });
      expect(peers(state)).toEqual(['p-bob', 'p-dee']);
      expect(state.remotes[0]?.connection).toBe('connected');
      expect(state.remotes[1]?.connection).toBe('connecting');
    });

    it('keeps an unlisted participant whose call still flows, when told to', () => {
      const state = callReducer(live, { type: 'resumed', self, participants: [], keep: ['p-bob'] });
      expect(peers(state)).toEqual(['p-bob']);
    });
  });

  it('is exhaustive: an unknown action is a bug, not a silent no-op', () => {
    expect(() => callReducer(joined, { type: 'nope' } as unknown as CallAction)).toThrow(/Unhandled case/);
  });
});

describe('screenPresenter', () => {
  it('is nobody while no screen is shared', () => {
    expect(screenPresenter(joined)).toBeNull();
  });

  it('is whoever sends a screen stream', () => {
    const sharing = run([{ type: 'stream-changed', peerId: 'p-cy', kind: 'screen', streamId: 'scr' }], joined);
    expect(screenPresenter(sharing)).toEqual({ peerId: 'p-cy', displayName: 'Cy', self: false });
  });

  it('is ourselves while we share, even before the earlier presenter has stopped (a new share replaces theirs)', () => {
    const sharing = run(
      [
        { type: 'stream-changed', peerId: 'p-cy', kind: 'screen', streamId: 'scr' },
        { type: 'local-changed', local: { screen: true } },
      ],
      joined,
    );
    expect(screenPresenter(sharing)).toEqual({ peerId: 'p-self', displayName: 'Ada', self: true });
  });

  it('remembers who replaced our share until we share again', () => {
    const replaced = run(
      [
        { type: 'local-changed', local: { screen: true } },
        { type: 'local-changed', local: { screen: false } },
        { type: 'share-replaced', by: 'Cy' },
      ],
      joined,
    );
    expect(replaced.shareReplacedBy).toBe('Cy');
    expect(run([{ type: 'local-changed', local: { screen: true } }], replaced).shareReplacedBy).toBeNull();
  });

  it('is ourselves when only we share', () => {
    const sharing = run([{ type: 'local-changed', local: { screen: true } }], joined);
    expect(screenPresenter(sharing)).toEqual({ peerId: 'p-self', displayName: 'Ada', self: true });
  });
});

describe('isHost', () => {
  it('is true only when our user is the meeting host', () => {
    const hosting = run([{ type: 'joined', meeting: { ...meeting, hostId: self.userId }, self, participants: [bob] }]);
    expect([isHost(INITIAL_CALL_STATE), isHost(joined), isHost(hosting)]).toEqual([false, false, true]);
  });
});
