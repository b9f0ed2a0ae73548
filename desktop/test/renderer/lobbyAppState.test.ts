import type { GuestSession, Meeting } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { appReducer, INITIAL_APP_STATE, type AppAction, type AppState } from '../../src/renderer/app/appState.js';
import type { LocalMedia } from '../../src/renderer/call/localMedia.js';
import type { MeetingClient } from '../../src/renderer/call/meetingClient.js';
import type { LobbyClient } from '../../src/renderer/features/lobby/lobbyClient.js';
import { createGuestAuthStore } from '../../src/renderer/features/lobby/guestAuthStore.js';

const user = { id: 'u1', username: 'ada', displayName: 'Ada' };
const meeting = { code: 'abc-defg-hij', endedAt: null } as Meeting;
const media = {} as LocalMedia;
const client = {} as MeetingClient;
const lobby = { code: 'abc-defg-hij' } as LobbyClient;
const session: GuestSession = {
  guest: { id: 'g_0123456789abcdef', displayName: 'Gina' },
  code: 'abc-defg-hij',
  accessToken: 'guest-token',
  expiresAt: 2_000,
};
const auth = createGuestAuthStore(session, () => 1_000);
const run = (actions: AppAction[], from: AppState = INITIAL_APP_STATE) => actions.reduce(appReducer, from);
const invited: AppAction[] = [
  { type: 'restored', user: null },
  { type: 'invite-received', code: 'abc-defg-hij' },
];
const asGuest: AppAction[] = [...invited, { type: 'guest-started', session, auth, media, lobby }];

describe('guests and the waiting room in the app state', () => {
  it('a guest goes from the invite to the waiting room under their own name, with no account', () => {
    const state = run(asGuest);
    expect(state.screen).toMatchObject({ name: 'lobby', user: { id: session.guest.id, displayName: 'Gina' } });
    expect(state.guest?.session).toBe(session);
    expect(state.pendingInvite).toBeNull();
  });

  it.each<[string, AppAction[]]>([
    ['leaves the waiting room', [{ type: 'lobby-left' }]],
    [
      'leaves the meeting',
      [
        { type: 'meeting-started', client },
        { type: 'meeting-finished', notice: null, left: true },
      ],
    ],
  ])('a guest who %s is back at the invite (no Home), free to join as a guest again', (_name, actions) => {
    const state = run([...asGuest, ...actions]);
    expect(state.screen).toEqual({ name: 'auth', notice: null });
    expect(state.pendingInvite).toBe('abc-defg-hij');
    expect(state.guest).toBeNull();
  });

  it('someone signed in who must wait goes from pre-join to the waiting room, and back Home from it', () => {
    const waiting = run([
      { type: 'restored', user },
      { type: 'prejoin-opened', meeting, media },
      { type: 'lobby-entered', lobby },
    ]);
    expect(waiting.screen).toMatchObject({ name: 'lobby', user, media, lobby });
    expect(run([{ type: 'meeting-started', client }], waiting).screen).toMatchObject({ name: 'meeting', client });
    expect(run([{ type: 'lobby-left' }], waiting).screen).toMatchObject({ name: 'home', user });
  });

  it("a guest session's token is used while it lasts, and never signs anyone in", async () => {
    expect(await auth.accessToken()).toEqual({ ok: true, data: 'guest-token' });
    expect((await auth.login({ username: 'x', password: 'y' })).ok).toBe(false);
    const expired = createGuestAuthStore(session, () => 3_000);
    expect(await expired.accessToken()).toMatchObject({ ok: false, error: { code: 'TOKEN_EXPIRED' } });
    expect(await auth.restore()).toBeNull();
  });
});
