import type { MeetingMode, SfuMode } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { lastNSelection, spoke } from '../../src/renderer/call/lastNSelection.js';
import { modeTransition, type ModeTransition } from '../../src/renderer/call/mediaModeTransition.js';
import {
  publisherTalking,
  subscriptionChanges,
  wantedStreams,
  type Publisher,
} from '../../src/renderer/call/sfuFeeds.js';
import { substreamForTile, type Substream } from '../../src/renderer/call/simulcastLayer.js';

describe('the simulcast layer a tile asks for (SFU camera 960 px wide: layers 240, 480, 960; enlarged up to 1.5x)', () => {
  it.each<[string, number, number, Substream]>([
    ['a phone strip tile', 150, 1, 0],
    ['a strip tile beside a shared screen', 238, 1, 0],
    ['the widest tile the low layer fills', 360, 1, 0],
    ['a grid tile of three people', 560, 1, 1],
    ['a strip tile on a 2x screen', 238, 2, 1],
    ['the widest tile the middle layer fills', 720, 1, 1],
    ['a large tile', 800, 1, 2],
    ['the large area', 1200, 1, 2],
    ['a tile not measured yet', 0, 1, 2],
  ])('%s (%i px at %ix) gets substream %i', (_, width, ratio, substream) => {
    expect(substreamForTile(width, ratio)).toBe(substream);
  });

  it('follows a smaller camera’s layers (640 wide: 160, 320, 640)', () => {
    expect([150, 300, 560].map((width) => substreamForTile(width, 1, 640))).toEqual([0, 1, 2]);
  });
});

describe('whose camera a receiver subscribes to (last-N)', () => {
  const publishers = ['a', 'b', 'c', 'd', 'e'];
  it.each<[string, { speakers: string[]; pinned: string[]; lastN: number }, string[]]>([
    ['everyone when the room is smaller than N', { speakers: [], pinned: [], lastN: 9 }, publishers],
    ['the earliest to join when nobody spoke yet', { speakers: [], pinned: [], lastN: 2 }, ['a', 'b']],
    ['the most recent speakers first', { speakers: ['e', 'c'], pinned: [], lastN: 2 }, ['e', 'c']],
    ['speakers, then the earliest to join', { speakers: ['d'], pinned: [], lastN: 3 }, ['d', 'a', 'b']],
    ['the pinned on top of N', { speakers: ['e'], pinned: ['c'], lastN: 1 }, ['c', 'e']],
    ['a pinned speaker counts once', { speakers: ['c', 'e'], pinned: ['c'], lastN: 1 }, ['c', 'e']],
    ['someone who left is not chosen', { speakers: ['z'], pinned: ['y'], lastN: 1 }, ['a']],
  ])('%s', (_, { speakers, pinned, lastN }, expected) => {
    const chosen = lastNSelection({ publishers, speakers, pinned: new Set(pinned), lastN });
    expect([...chosen].sort()).toEqual([...expected].sort());
  });

  it('moves whoever talks to the front of the speakers', () => {
    expect(spoke(['a', 'b', 'c'], 'c')).toEqual(['c', 'a', 'b']);
    expect(spoke([], 'x')).toEqual(['x']);
  });
});

describe('what a receiver subscribes to', () => {
  const publishers = new Map<string, Publisher>([
    [
      'ann',
      {
        id: 'ann',
        streams: [
          { type: 'audio', mid: '0' },
          { type: 'video', mid: '1', description: 'camera' },
          { type: 'video', mid: '2', description: 'screen' },
        ],
      },
    ],
    [
      'bob',
      {
        id: 'bob',
        streams: [
          { type: 'audio', mid: '0' },
          { type: 'video', mid: '1', description: 'camera' },
          { type: 'video', mid: '2', description: 'screen', disabled: true },
        ],
      },
    ],
  ]);

  it('takes everyone’s audio and live screen, and the cameras chosen', () => {
    expect(wantedStreams(publishers, new Set(['bob']))).toEqual([
      { feed: 'ann', mid: '0' },
      { feed: 'ann', mid: '2' },
      { feed: 'bob', mid: '0' },
      { feed: 'bob', mid: '1' },
    ]);
  });

  it('changes a subscription by what was added and what went', () => {
    const current = [
      { feed: 'ann', mid: '0' },
      { feed: 'ann', mid: '1' },
    ];
    const wanted = [
      { feed: 'ann', mid: '0' },
      { feed: 'bob', mid: '1' },
    ];
    expect(subscriptionChanges(current, wanted)).toEqual({
      subscribe: [{ feed: 'bob', mid: '1' }],
      unsubscribe: [{ feed: 'ann', mid: '1' }],
    });
    expect(subscriptionChanges(wanted, wanted)).toEqual({ subscribe: [], unsubscribe: [] });
  });
});

describe('what a meeting:mode asks of a client', () => {
  const mesh: MeetingMode = { mode: 'mesh', maxParticipants: 6 };
  const sfu: SfuMode = {
    mode: 'sfu',
    url: 'wss://meet.example/sfu?token=t1',
    room: 'room-1',
    token: 'token-of-sixteen-chars-1',
    publisherId: 'me',
    generation: 1,
    lastN: 9,
    maxParticipants: 50,
  };
  it.each<[string, MeetingMode, MeetingMode, ModeTransition]>([
    ['mesh stays mesh', mesh, mesh, 'stay'],
    ['past the threshold: to the SFU', mesh, sfu, 'to-sfu'],
    ['the same credentials again', sfu, { ...sfu }, 'stay'],
    ['the meeting moved to another instance', sfu, { ...sfu, generation: 2, room: 'room-2' }, 'sfu-again'],
    ['another address', sfu, { ...sfu, url: 'wss://other.example/sfu?token=t1' }, 'sfu-again'],
    ['new credentials', sfu, { ...sfu, token: 'token-of-sixteen-chars-2' }, 'sfu-again'],
    ['shrunk to 2: back to mesh', sfu, mesh, 'to-mesh'],
  ])('%s', (_, current, next, expected) => {
    expect(modeTransition(current, next)).toBe(expected);
  });
});

describe('who already talks when a publishers list arrives (Janus tells changes only)', () => {
  const audio = (talking?: boolean) => ({ type: 'audio', mid: '0', ...(talking === undefined ? {} : { talking }) });
  it.each<[string, Publisher, boolean | null]>([
    ['an audio stream that talks', { id: 'a', streams: [audio(true)] }, true],
    ['one that does not', { id: 'a', streams: [audio(false)] }, false],
    ['the publisher as a whole (the older field)', { id: 'a', talking: true, streams: [audio()] }, true],
    ['no audio levels in the room: nothing said', { id: 'a', streams: [audio()] }, null],
  ])('%s', (_, publisher, talking) => {
    expect(publisherTalking(publisher)).toBe(talking);
  });
});
