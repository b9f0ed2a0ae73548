import type { Meeting } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { addressOf } from '../../src/renderer/app/addressOf.js';
import type { Screen } from '../../src/renderer/app/appState.js';
import type { LocalMedia } from '../../src/renderer/call/localMedia.js';
import type { MeetingClient } from '../../src/renderer/call/meetingClient.js';

const user = { id: 'u1', username: 'ada', displayName: 'Ada' };

describe('addressOf (the web address bar per screen)', () => {
  it.each<[string, Screen, string | null]>([
    ['loading keeps the address (an invite link waits)', { name: 'loading' }, null],
    ['sign-in keeps the address', { name: 'auth', notice: null }, null],
    ['home', { name: 'home', user, error: null, busy: false }, '/'],
    [
      'pre-join shows the invite path',
      { name: 'prejoin', user, meeting: { code: 'abc-defg-hij' } as Meeting, media: {} as LocalMedia },
      '/j/abc-defg-hij',
    ],
    [
      'the meeting shows the invite path',
      { name: 'meeting', user, client: { code: 'abc-defg-hij' } as MeetingClient },
      '/j/abc-defg-hij',
    ],
    ['after leaving, no meeting address any more', { name: 'left', user, code: 'abc-defg-hij' }, '/left'],
  ])('%s', (_case, screen, address) => {
    expect(addressOf(screen)).toBe(address);
  });
});
