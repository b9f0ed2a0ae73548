import type { Meeting } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { appReducer, INITIAL_APP_STATE, type AppAction, type AppState } from '../../src/renderer/app/appState.js';
import { INITIAL_CALL_STATE, type CallState } from '../../src/renderer/call/callState.js';
import type { LocalMedia } from '../../src/renderer/call/localMedia.js';
import type { MeetingClient } from '../../src/renderer/call/meetingClient.js';
import { presenceOf } from '../../src/renderer/call/presenceOf.js';

const user = { id: 'u1', username: 'ada', displayName: 'Ada' };
const meeting = { code: 'abc-defg-hij', endedAt: null } as Meeting;
const media = {} as LocalMedia;
const client = {} as MeetingClient;
const run = (actions: AppAction[], from: AppState = INITIAL_APP_STATE) => actions.reduce(appReducer, from);

describe('appReducer (which screen is up)', () => {
  it.each<[string, AppAction[], string]>([
    ['no earlier session: sign-in', [{ type: 'restored', user: null }], 'auth'],
    ['an earlier session: home', [{ type: 'restored', user }], 'home'],
    [
      'signed in: home',
      [
        { type: 'restored', user: null },
        { type: 'signed-in', user },
      ],
      'home',
    ],
    [
      'home opens pre-join',
      [
        { type: 'restored', user },
        { type: 'prejoin-opened', meeting, media },
      ],
      'prejoin',
    ],
    [
      'pre-join back to home',
      [{ type: 'restored', user }, { type: 'prejoin-opened', meeting, media }, { type: 'prejoin-closed' }],
      'home',
    ],
    [
      'pre-join to the meeting',
      [
        { type: 'restored', user },
        { type: 'prejoin-opened', meeting, media },
        { type: 'meeting-started', client },
      ],
      'meeting',
    ],
    [
      'a meeting cannot start from home directly',
      [
        { type: 'restored', user },
        { type: 'meeting-started', client },
      ],
      'home',
    ],
    [
      'pre-join cannot open from sign-in',
      [
        { type: 'restored', user: null },
        { type: 'prejoin-opened', meeting, media },
      ],
      'auth',
    ],
  ])('%s', (_name, actions, screen) => {
    expect(run(actions).screen.name).toBe(screen);
  });

  it('shows sign-in with why there is no user when a newer version of Wava holds the sign-in, keeping the invite', () => {
    const state = run([
      { type: 'invite-received', code: meeting.code },
      { type: 'restored', user: null, notice: { type: 'updated-elsewhere' } },
    ]);
    expect(state.screen).toEqual({ name: 'auth', notice: { type: 'updated-elsewhere' } });
    expect(state.pendingInvite).toBe(meeting.code);
  });

  it('a meeting that ended or failed returns home with why (a code, written at render)', () => {
    const state = run([
      { type: 'restored', user },
      { type: 'prejoin-opened', meeting, media },
      { type: 'meeting-started', client },
      { type: 'meeting-finished', notice: { type: 'server', code: 'MEETING_FULL' } },
    ]);
    expect(state.screen).toEqual({ name: 'home', user, error: { type: 'server', code: 'MEETING_FULL' }, busy: false });
  });

  it('after leaving: a "You left" screen whose Rejoin opens the same meeting again, and Home goes home', () => {
    const left = run([
      { type: 'restored', user },
      { type: 'prejoin-opened', meeting, media },
      { type: 'meeting-started', client: { code: 'abc-defg-hij' } as MeetingClient },
      { type: 'meeting-finished', notice: null, left: true },
    ]);
    expect(left.screen).toEqual({ name: 'left', user, code: 'abc-defg-hij' });
    const rejoining = run([{ type: 'rejoin' }], left);
    expect(rejoining.screen.name).toBe('home');
    expect(rejoining.pendingInvite).toBe('abc-defg-hij');
    expect(run([{ type: 'left-closed' }], left).screen).toEqual({ name: 'home', user, error: null, busy: false });
  });

  it('after ending the meeting for everyone: Home (there is nothing to rejoin)', () => {
    const ended = run([
      { type: 'restored', user },
      { type: 'prejoin-opened', meeting, media },
      { type: 'meeting-started', client },
      { type: 'meeting-finished', notice: null, left: false },
    ]);
    expect(ended.screen).toEqual({ name: 'home', user, error: null, busy: false });
  });

  it('an invite link that is not one is said on Home, also when it arrives before sign-in', () => {
    const early = run([{ type: 'invite-invalid' }, { type: 'restored', user }]);
    expect(early.screen).toEqual({ name: 'home', user, error: { type: 'invalid-invite' }, busy: false });
    expect(early.pendingNotice).toBeNull();
    const onAuth = run([{ type: 'restored', user: null }, { type: 'invite-invalid' }]);
    expect(onAuth.screen).toEqual({ name: 'auth', notice: { type: 'invalid-invite' } });
  });

  it('an invite waits for sign-in, and sign-out forgets it', () => {
    const waiting = run([
      { type: 'restored', user: null },
      { type: 'invite-received', code: 'abc-defg-hij' },
    ]);
    expect(waiting.pendingInvite).toBe('abc-defg-hij');
    expect(run([{ type: 'signed-in', user }], waiting).pendingInvite).toBe('abc-defg-hij');
    expect(run([{ type: 'signed-out', notice: { type: 'signed-out-elsewhere' } }], waiting)).toEqual({
      screen: { name: 'auth', notice: { type: 'signed-out-elsewhere' } },
      pendingInvite: null,
      pendingNotice: null,
      guest: null,
    });
  });

  it('home errors clear when the next attempt starts', () => {
    const state = run([
      { type: 'restored', user },
      { type: 'home-error', notice: { type: 'server', code: 'MEETING_NOT_FOUND' } },
      { type: 'home-busy' },
    ]);
    expect(state.screen).toMatchObject({ name: 'home', error: null, busy: true });
  });
});

describe('presenceOf (what the desktop shell is told)', () => {
  it('outside a meeting: nothing', () => {
    expect(presenceOf(INITIAL_CALL_STATE, false)).toEqual({
      inMeeting: false,
      sharingScreen: false,
      meetingCode: null,
      participantCount: 0,
    });
  });

  it('in a meeting: the code, whether we share, and everyone counted including us', () => {
    const state = {
      ...INITIAL_CALL_STATE,
      phase: 'in-meeting',
      meeting: { code: 'abc-defg-hij' },
      local: { audio: true, video: true, screen: true },
      remotes: [{ peerId: 'a' }, { peerId: 'b' }],
    } as unknown as CallState;
    expect(presenceOf(state, true)).toEqual({
      inMeeting: true,
      sharingScreen: true,
      meetingCode: 'abc-defg-hij',
      participantCount: 3,
    });
  });
});
