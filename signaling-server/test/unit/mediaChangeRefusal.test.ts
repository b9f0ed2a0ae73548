import { DEFAULT_MEETING_SETTINGS, type MeetingRole, type MediaUpdate } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { mediaChangeRefusal } from '../../src/meetings/mediaChangeRefusal.js';

const hostsOnly = { ...DEFAULT_MEETING_SETTINGS, screenShare: 'hosts', unmute: 'hosts' } as const;
const off = { audio: false, video: false, screen: false };

describe('which media changes the meeting settings refuse', () => {
  it.each<
    [string, MeetingRole, typeof hostsOnly | typeof DEFAULT_MEETING_SETTINGS, MediaUpdate, boolean, string | null]
  >([
    ['a participant unmuting when everyone may', 'participant', DEFAULT_MEETING_SETTINGS, { audio: true }, false, null],
    [
      'a participant unmuting when only hosts may',
      'participant',
      hostsOnly,
      { audio: true },
      false,
      'UNMUTE_HOSTS_ONLY',
    ],
    ['a participant asked to unmute', 'participant', hostsOnly, { audio: true }, true, null],
    ['a co-host unmuting', 'co-host', hostsOnly, { audio: true }, false, null],
    [
      'a participant sharing when only hosts may',
      'participant',
      hostsOnly,
      { screen: true },
      true,
      'SCREEN_SHARE_HOSTS_ONLY',
    ],
    ['the host sharing', 'host', hostsOnly, { screen: true }, false, null],
    ['a participant turning everything off', 'participant', hostsOnly, { audio: false, screen: false }, false, null],
    ['a participant turning the camera on', 'participant', hostsOnly, { video: true }, false, null],
  ])('%s', (_name, role, settings, update, unmuteAsked, expected) => {
    expect(mediaChangeRefusal({ role, settings, media: off, update, unmuteAsked })).toBe(expected);
  });

  it('does not refuse what is already on (a repeated report)', () => {
    const on = { audio: true, video: true, screen: true };
    expect(
      mediaChangeRefusal({ role: 'participant', settings: hostsOnly, media: on, update: on, unmuteAsked: false }),
    ).toBeNull();
  });
});
